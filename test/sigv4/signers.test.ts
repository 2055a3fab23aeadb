/**
 * Requests signed by four independent signers verify: @smithy/signature-v4,
 * aws4, botocore and curl --aws-sigv4. Each request goes over real HTTP to a
 * loopback server, so what is verified is what arrived on the wire.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  canonicalHeaders,
  computeSignature,
  parseSigV4,
  signingKey,
  stringToSign,
  verifySigV4,
  type SigV4Parameters,
} from '../../src/sigv4/index.ts';
import { type Captured, type CaptureServer, startCaptureServer } from './support/captureServer.ts';
import { withBody } from './support/mutate.ts';
import { ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY, SERVICE, SESSION_TOKEN, SIGNER_CASES } from './support/signerCases.ts';
import { SIGNERS, curl, curlVersion } from './support/signers.ts';

const opts = () => ({ secretAccessKey: SECRET_ACCESS_KEY, now: new Date(), region: REGION, service: SERVICE });

function check(req: Captured) {
  const parsed = parseSigV4(req);
  return parsed.ok ? verifySigV4(req, parsed.params, opts()) : parsed;
}

/**
 * curl 7.x signs the path and query exactly as sent instead of canonicalizing
 * them (AWS rejects those requests too). True when that explains a mismatch.
 */
function signedAsSent(req: Captured, params: SigV4Parameters): boolean {
  const payload = req.headers.find(([n]) => n.toLowerCase() === 'x-amz-content-sha256')?.[1] ?? req.bodySha256;
  const canonical = [req.method, req.path, req.query, canonicalHeaders(req, params.signedHeaders), params.signedHeaders.join(';'), payload].join('\n');
  const key = signingKey(SECRET_ACCESS_KEY, params.scope.date, params.scope.region, params.scope.service);
  return computeSignature(key, stringToSign(canonical, params)) === params.signature;
}

for (const signer of SIGNERS) {
  const unavailable = signer.unavailable();
  if (unavailable) console.log(`note: skipping ${signer.name}: ${unavailable}`);

  describe(signer.name, { skip: unavailable ?? false }, () => {
    let server: CaptureServer;
    before(async () => {
      server = await startCaptureServer();
    });
    after(() => server.close());

    for (const c of SIGNER_CASES) {
      test(c.name, { skip: signer.unsupported(c) ?? false }, async (t) => {
        const arrived = server.next();
        await signer.signAndSend(c, server.port);
        const req = await arrived;

        const parsed = parseSigV4(req);
        assert.ok(parsed.ok, JSON.stringify(parsed));
        const { params } = parsed;
        assert.equal(params.location, c.presign ? 'query' : 'header');
        assert.equal(params.accessKeyId, ACCESS_KEY_ID);
        assert.equal(params.securityToken, c.sessionToken ? SESSION_TOKEN : undefined);

        const verified = verifySigV4(req, params, opts());
        if (!verified.ok && signer === curl && signedAsSent(req, params)) {
          t.diagnostic(`${curlVersion().split(' (')[0]} signed ${req.path}?${req.query} as sent, not canonicalized; AWS rejects this as well`);
          assert.equal(verified.reason, 'signatureMismatch');
          return;
        }
        assert.ok(verified.ok, `${JSON.stringify(verified, null, 1)}\n${JSON.stringify(req, null, 1)}`);
        if (c.unsignedPayload) assert.ok(verified.canonicalRequest.endsWith('\nUNSIGNED-PAYLOAD'));

        // The same request, tampered with, is refused; an unsigned body may change.
        assert.equal(check({ ...req, path: `${req.path}x` }).ok, false, 'path changed');
        assert.equal(check({ ...req, query: req.query === '' ? 'x=1' : `${req.query}&x=1` }).ok, false, 'query changed');
        assert.equal(check({ ...req, method: 'PUT' }).ok, false, 'method changed');
        const bodyChanged = check(withBody(req, `${req.body} `));
        assert.equal(bodyChanged.ok, c.unsignedPayload === true, 'body changed');
      });
    }
  });
}
