/**
 * Replays AWS's official SigV4 test suite: every signed request must yield the
 * suite's canonical request and string to sign, verify at the suite's time,
 * and be rejected once any signed part of it is changed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type SigV4Failure,
  type SigV4Parameters,
  type VerifyOptions,
  canonicalRequest,
  canonicalUri,
  formatAmzDate,
  parseAmzDate,
  parseSigV4,
  stringToSign,
  verifySigV4,
} from '../../src/sigv4/index.ts';
import {
  type Wire,
  otherChar,
  queryParam,
  replaceAt,
  withBody,
  withHeader,
  withQueryParam,
  withoutHeader,
} from './support/mutate.ts';
import { parseRawRequest } from './support/rawRequest.ts';
import { type Location, type VectorCase, loadVectors } from './support/vectors.ts';

function optionsFor(c: VectorCase): VerifyOptions {
  return {
    secretAccessKey: c.context.credentials.secret_access_key,
    now: new Date(c.context.timestamp),
    region: c.context.region,
    service: c.context.service,
    normalizePath: c.context.normalize,
  };
}

function check(req: Wire, opts: VerifyOptions) {
  const parsed = parseSigV4(req);
  return parsed.ok ? verifySigV4(req, parsed.params, opts) : parsed;
}

function assertRejected(label: string, req: Wire, opts: VerifyOptions): SigV4Failure {
  const result = check(req, opts);
  assert.equal(result.ok, false, `${label}: should be rejected`);
  return result as SigV4Failure;
}

function bumpSecond(amzDate: string): string {
  return formatAmzDate(parseAmzDate(amzDate)! + 1000);
}

/** Every edit of a signed part we know how to make, with a label. */
function signedPartMutations(c: VectorCase, location: Location, req: Wire, params: SigV4Parameters): Array<[string, Wire]> {
  const out: Array<[string, Wire]> = [];
  out.push(['method', { ...req, method: req.method === 'GET' ? 'POST' : 'GET' }]);
  out.push(['method case', { ...req, method: req.method.toLowerCase() }]);
  out.push(['path: added segment', { ...req, path: `${req.path}/crossgate` }]);
  out.push(['body', withBody(req, `${req.body}x`)]);
  out.push(['query: added parameter', { ...req, query: req.query === '' ? 'crossgate=1' : `${req.query}&crossgate=1` }]);

  for (const pair of req.query.split('&').filter((p) => p !== '')) {
    const [name = ''] = pair.split('=');
    if (name === 'X-Amz-Signature') continue;
    if (name === 'X-Amz-Security-Token' && c.context.omit_session_token) continue; // not signed there
    const value = queryParam(req, name) ?? '';
    const changed = name === 'X-Amz-Date' ? bumpSecond(value) : name === 'X-Amz-Expires' ? '3599' : `${value}x`;
    out.push([`query: ${name}`, withQueryParam(req, name, changed)]);
  }

  for (const name of params.signedHeaders) {
    const present = req.headers.some(([n]) => n.toLowerCase() === name);
    if (!present) continue;
    const change = name === 'x-amz-date' ? bumpSecond : (v: string) => `${v.trim()}x`;
    out.push([`header ${name}: value`, withHeader(req, name, change)]);
    out.push([`header ${name}: removed`, withoutHeader(req, name)]);
    out.push([`header ${name}: extra field`, { ...req, headers: [...req.headers, [name, 'extra']] }]);
  }

  const sig = params.signature;
  for (const i of [0, 31, 63]) {
    const forged = replaceAt(sig, i, otherChar(sig[i]!));
    out.push([`signature[${i}]`, location === 'header'
      ? withHeader(req, 'authorization', (v) => v.replace(sig, forged))
      : withQueryParam(req, 'X-Amz-Signature', forged)]);
  }

  const scope = `${params.scope.date}/${params.scope.region}/${params.scope.service}/${params.scope.terminator}`;
  const scopes: Array<[string, string]> = [
    ['scope date', `20150831/${params.scope.region}/${params.scope.service}/aws4_request`],
    ['scope region', `${params.scope.date}/us-west-2/${params.scope.service}/aws4_request`],
    ['scope service', `${params.scope.date}/${params.scope.region}/execute-api/aws4_request`],
    ['scope terminator', `${params.scope.date}/${params.scope.region}/${params.scope.service}/aws5_request`],
  ];
  for (const [label, other] of scopes) {
    out.push([label, location === 'header'
      ? withHeader(req, 'authorization', (v) => v.replace(scope, other))
      : withQueryParam(req, 'X-Amz-Credential', encodeURIComponent(`${params.accessKeyId}/${other}`))]);
  }
  return out;
}

const vectors = loadVectors();

test("the AWS SigV4 test suite is vendored in test/fixtures/sigv4-vectors", () => {
  assert.ok(vectors.length >= 30, `${vectors.length} cases found`);
});

for (const c of vectors) {
  describe(c.name, () => {
    for (const location of ['header', 'query'] as const) {
      const req = parseRawRequest(c.read(location, 'signed-request'));
      const opts = optionsFor(c);

      test(`${location}: canonical request, string to sign, verification`, () => {
        const parsed = parseSigV4(req);
        assert.ok(parsed.ok, JSON.stringify(parsed));
        const { params } = parsed;
        assert.equal(params.location, location);
        assert.equal(params.accessKeyId, c.context.credentials.access_key_id);
        assert.equal(params.signature, c.read(location, 'signature').trim());

        const canonical = canonicalRequest(req, params, {
          normalizePath: c.context.normalize,
          tokenAddedAfterSigning: location === 'query' && c.context.omit_session_token === true,
        });
        assert.equal(canonical, c.read(location, 'canonical-request'));
        assert.equal(stringToSign(canonical, params), c.read(location, 'string-to-sign'));
        if (location === 'header' && c.context.sign_body) assert.ok(params.signedHeaders.includes('x-amz-content-sha256'));
        if (c.context.credentials.token && !(location === 'header' && c.context.omit_session_token)) {
          assert.equal(params.securityToken, c.context.credentials.token);
        }

        const verified = verifySigV4(req, params, opts);
        assert.ok(verified.ok, JSON.stringify(verified));
        assert.equal(verified.canonicalRequest, canonical);
        // Scope checks are optional: without region/service any scope is accepted.
        assert.ok(verifySigV4(req, params, { ...opts, region: undefined, service: undefined }).ok);
      });

      test(`${location}: any change to a signed part is rejected`, () => {
        const parsed = parseSigV4(req);
        assert.ok(parsed.ok);
        for (const [label, changed] of signedPartMutations(c, location, req, parsed.params)) {
          assertRejected(label, changed, opts);
          assertRejected(`${label} (any region/service)`, changed, { ...opts, region: undefined, service: undefined });
        }
      });

      test(`${location}: a path character is signed unless normalization drops it`, () => {
        for (let i = 0; i < req.path.length; i++) {
          if (!/[A-Za-z0-9]/.test(req.path[i]!)) continue;
          const path = replaceAt(req.path, i, otherChar(req.path[i]!));
          const same = canonicalUri(path, c.context.normalize) === canonicalUri(req.path, c.context.normalize);
          const result = check({ ...req, path }, opts);
          assert.equal(result.ok, same, `path ${path}`);
        }
      });

      test(`${location}: unsigned parts may change`, () => {
        assert.ok(check({ ...req, headers: [...req.headers, ['X-Crossgate-Trace', 'anything']] }, opts).ok);
        const signed = parseSigV4(req);
        assert.ok(signed.ok);
        for (const [name] of req.headers) {
          const lower = name.toLowerCase();
          if (signed.params.signedHeaders.includes(lower) || lower === 'authorization') continue;
          // e.g. post-sts-header-after: the session token header was added after signing.
          assert.ok(check(withHeader(req, lower, (v) => `${v}x`), opts).ok, `unsigned ${name}`);
        }
        if (location === 'query' && c.context.omit_session_token) {
          const token = queryParam(req, 'X-Amz-Security-Token')!;
          assert.ok(check(withQueryParam(req, 'X-Amz-Security-Token', `${token}x`), opts).ok);
        }
      });

      test(`${location}: the time window holds`, () => {
        const at = new Date(c.context.timestamp).getTime();
        const window = location === 'header' ? 300 : c.context.expiration_in_seconds;
        assert.ok(check(req, { ...opts, now: new Date(at + window * 1000) }).ok, 'last valid second');
        assert.ok(check(req, { ...opts, now: new Date(at - 300 * 1000) }).ok, 'earliest valid second');
        assert.equal(assertRejected('late', req, { ...opts, now: new Date(at + (window + 1) * 1000) }).reason, 'signatureExpired');
        assert.equal(assertRejected('early', req, { ...opts, now: new Date(at - 301 * 1000) }).reason, 'signatureNotYetCurrent');
      });
    }
  });
}
