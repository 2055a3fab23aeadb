/**
 * Every SigV4FailureReason, produced by a targeted request, with AWS's wording;
 * and parseSigV4 / verifySigV4 never throw, whatever arrives.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import {
  type SigV4Failure,
  type SigV4FailureReason,
  type VerifyOptions,
  type WireRequest,
  parseSigV4,
  verifySigV4,
} from '../../src/sigv4/index.ts';
import { type Wire, queryParam, withBody, withHeader, withQueryParam, withoutHeader } from './support/mutate.ts';
import { sha256 } from './support/rawRequest.ts';
import { ACCESS_KEY_ID, HOST, REGION, SECRET_ACCESS_KEY, SERVICE, wireQuery } from './support/signerCases.ts';

const SIGNED_AT = new Date('2015-08-30T12:36:00Z');
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const OPTS: VerifyOptions = { secretAccessKey: SECRET_ACCESS_KEY, now: SIGNED_AT, region: REGION, service: SERVICE };

async function signed(opts: { presign?: boolean; body?: string; headers?: Record<string, string> } = {}): Promise<Wire> {
  const signer = new SignatureV4({
    service: SERVICE,
    region: REGION,
    sha256: Sha256,
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
  });
  const request = {
    method: opts.body === undefined ? 'GET' : 'POST',
    protocol: 'https:',
    hostname: HOST,
    path: '/orders/42',
    query: { view: 'full' },
    headers: { host: HOST, ...opts.headers },
    ...(opts.body !== undefined ? { body: opts.body } : {}),
  };
  const out = opts.presign
    ? await signer.presign(request, { signingDate: SIGNED_AT, expiresIn: 3600 })
    : await signer.sign(request, { signingDate: SIGNED_AT });
  const query = wireQuery(Object.entries(out.query ?? {}).map(([k, v]) => [k, String(v)] as [string, string]));
  const body = opts.body ?? '';
  return { method: out.method, path: out.path, query, headers: Object.entries(out.headers), body, bodySha256: sha256(body) };
}

function check(req: WireRequest, opts: VerifyOptions = OPTS) {
  const parsed = parseSigV4(req);
  return parsed.ok ? verifySigV4(req, parsed.params, opts) : parsed;
}

function failure(req: WireRequest, reason: SigV4FailureReason, opts: VerifyOptions = OPTS): SigV4Failure {
  const result = check(req, opts);
  assert.equal(result.ok, false, 'should be rejected');
  assert.equal((result as SigV4Failure).reason, reason, (result as SigV4Failure).message);
  return result as SigV4Failure;
}

const bare = (headers: Array<[string, string]>, query = ''): Wire => ({
  method: 'GET',
  path: '/orders',
  query,
  headers: [['Host', HOST], ...headers],
  body: '',
  bodySha256: sha256(''),
});

const GOOD_AUTH = `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/20150830/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'a'.repeat(64)}`;
const DATE: [string, string] = ['X-Amz-Date', '20150830T123600Z'];

describe('missingAuthentication', () => {
  test('no Authorization header and no X-Amz-Credential', () => {
    const f = failure(bare([]), 'missingAuthentication');
    assert.equal(f.message, 'Missing Authentication Token');
  });
  test('an empty Authorization header counts as none', () => {
    failure(bare([['Authorization', '  ']]), 'missingAuthentication');
  });
  test('X-Amz-Algorithm without X-Amz-Credential', () => {
    failure(bare([], 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=00'), 'missingAuthentication');
  });
});

describe('incompleteSignature', () => {
  test("every missing part named, API Gateway's way", () => {
    const auth = 'AWS4-HMAC-SHA256 ';
    const f = failure(bare([['Authorization', auth]]), 'incompleteSignature');
    assert.equal(
      f.message,
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
        "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. " +
        `Authorization=${auth}`,
    );
  });
  test('only the missing Signature is named', () => {
    const auth = GOOD_AUTH.replace(/, Signature=.*/, '');
    const f = failure(bare([['Authorization', auth], DATE]), 'incompleteSignature');
    assert.equal(f.message, `Authorization header requires 'Signature' parameter. Authorization=${auth}`);
  });
  test('a pair without "=" (e.g. a bearer token), named by its hash', () => {
    const auth = 'Bearer eyJhbGciOi';
    const digest = createHash('sha256').update(auth).digest('base64');
    const f = failure(bare([['Authorization', auth], DATE]), 'incompleteSignature');
    assert.equal(
      f.message,
      `Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${digest}'.`,
    );
  });
  test('spacing variations are tolerated', async () => {
    const req = await signed();
    const spaced = withHeader(req, 'authorization', (v) => v.replace(/, /g, ' ,').replace(/=/g, ' = ').replace(' ', '   '));
    const result = check(spaced);
    assert.ok(result.ok, JSON.stringify(result));
    assert.ok(check(withHeader(req, 'authorization', (v) => v.replace(/, /g, ','))).ok);
  });
  test('a credential without five parts', () => {
    const auth = GOOD_AUTH.replace('/aws4_request', '');
    const f = failure(bare([['Authorization', auth], DATE]), 'incompleteSignature');
    assert.equal(
      f.message,
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${ACCESS_KEY_ID}/20150830/us-east-1/execute-api'`,
    );
  });
  test('X-Amz-Date not in ISO 8601 basic format', () => {
    const f = failure(bare([['Authorization', GOOD_AUTH], ['X-Amz-Date', '2015-08-30T12:36:00Z']]), 'incompleteSignature');
    assert.equal(f.message, "Date must be in ISO-8601 'basic format'. Got '2015-08-30T12:36:00Z'. See http://en.wikipedia.org/wiki/ISO_8601");
    failure(bare([['Authorization', GOOD_AUTH], ['X-Amz-Date', '20150231T123600Z']]), 'incompleteSignature');
  });
  test('host not among the signed headers', () => {
    const f = failure(bare([['Authorization', GOOD_AUTH.replace('host;', '')], DATE]), 'incompleteSignature');
    assert.equal(f.message, "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  });
  for (const [label, auth] of [
    ['a non-hex signature', GOOD_AUTH.replace('a'.repeat(64), 'z'.repeat(64))],
    ['a short signature', GOOD_AUTH.replace('a'.repeat(64), 'a'.repeat(63))],
    ['an empty signature', GOOD_AUTH.replace('a'.repeat(64), '')],
    ['a duplicate Credential', `${GOOD_AUTH}, Credential=${ACCESS_KEY_ID}/20150830/us-east-1/execute-api/aws4_request`],
    ['a duplicate Signature', `${GOOD_AUTH}, Signature=${'b'.repeat(64)}`],
    ['upper-case SignedHeaders', GOOD_AUTH.replace('host;x-amz-date', 'Host;X-Amz-Date')],
    ['repeated SignedHeaders', GOOD_AUTH.replace('host;x-amz-date', 'host;host;x-amz-date')],
    ['an empty SignedHeaders entry', GOOD_AUTH.replace('host;x-amz-date', 'host;;x-amz-date')],
    ['an absurdly long header', `${GOOD_AUTH}, Junk=${'x'.repeat(20000)}`],
  ] as const) {
    test(label, () => {
      failure(bare([['Authorization', auth], DATE]), 'incompleteSignature');
    });
  }
  test('two Authorization headers', () => {
    failure(bare([['Authorization', GOOD_AUTH], ['authorization', GOOD_AUTH], DATE]), 'incompleteSignature');
  });
  test('two X-Amz-Date headers', () => {
    failure(bare([['Authorization', GOOD_AUTH], DATE, DATE]), 'incompleteSignature');
  });
  test('both an Authorization header and a presigned query', async () => {
    const presigned = await signed({ presign: true });
    failure({ ...presigned, headers: [...presigned.headers, ['Authorization', GOOD_AUTH], DATE] }, 'incompleteSignature');
  });
  test('presigned: missing parameters named', async () => {
    let req = await signed({ presign: true });
    req = { ...req, query: req.query.split('&').filter((p) => !/^X-Amz-(Signature|Date)=/.test(p)).join('&') };
    const f = failure(req, 'incompleteSignature');
    assert.equal(
      f.message,
      "AWS query-string parameters must include 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string parameters.",
    );
  });
  test('presigned: X-Amz-Expires outside 1..604800', async () => {
    const req = await signed({ presign: true });
    for (const expires of ['0', '604801', '-5', '1e3', 'soon', '']) {
      failure(withQueryParam(req, 'X-Amz-Expires', expires), 'incompleteSignature');
    }
  });
  test('presigned: a duplicate X-Amz-Signature', async () => {
    const req = await signed({ presign: true });
    failure({ ...req, query: `${req.query}&X-Amz-Signature=${'0'.repeat(64)}` }, 'incompleteSignature');
  });
});

describe('unsupportedAlgorithm', () => {
  test('header', () => {
    const f = failure(bare([['Authorization', GOOD_AUTH.replace('AWS4-HMAC-SHA256', 'AWS4-ECDSA-P256-SHA256')], DATE]), 'unsupportedAlgorithm');
    assert.match(f.message, /AWS4-ECDSA-P256-SHA256/);
  });
  test('query', async () => {
    const req = await signed({ presign: true });
    failure(withQueryParam(req, 'X-Amz-Algorithm', 'AWS4-HMAC-SHA1'), 'unsupportedAlgorithm');
  });
});

describe('scopeMismatch', () => {
  test('region and service, reported together', async () => {
    const req = await signed();
    const f = failure(req, 'scopeMismatch', { ...OPTS, region: 'eu-west-1', service: 'sts' });
    assert.equal(f.message, "Credential should be scoped to a valid region, not 'us-east-1'. Credential should be scoped to correct service: 'sts'. ");
  });
  test('date of the scope differs from X-Amz-Date', async () => {
    const req = withHeader(await signed(), 'x-amz-date', () => '20150831T000000Z');
    const f = failure(req, 'scopeMismatch', { ...OPTS, now: new Date('2015-08-31T00:00:00Z') });
    assert.equal(
      f.message,
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20150830' != '20150831', from '20150831T000000Z'.",
    );
  });
  test('terminator', async () => {
    const req = withHeader(await signed(), 'authorization', (v) => v.replace('aws4_request', 'aws5_request'));
    const f = failure(req, 'scopeMismatch');
    assert.equal(f.message, "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. ");
  });
});

describe('time window', () => {
  test('header: more than 5 minutes old', async () => {
    const f = failure(await signed(), 'signatureExpired', { ...OPTS, now: new Date('2015-08-30T12:51:00Z') });
    assert.equal(f.message, 'Signature expired: 20150830T123600Z is now earlier than 20150830T124600Z (20150830T125100Z - 5 min.)');
  });
  test('header: more than 5 minutes ahead', async () => {
    const f = failure(await signed(), 'signatureNotYetCurrent', { ...OPTS, now: new Date('2015-08-30T12:30:00Z') });
    assert.equal(f.message, 'Signature not yet current: 20150830T123600Z is still later than 20150830T123500Z (20150830T123000Z + 5 min.)');
  });
  test('header: the allowed skew is configurable', async () => {
    const f = failure(await signed(), 'signatureExpired', { ...OPTS, now: new Date('2015-08-30T12:40:00Z'), clockSkewSeconds: 90 });
    assert.equal(f.message, 'Signature expired: 20150830T123600Z is now earlier than 20150830T123830Z (20150830T124000Z - 90 sec.)');
  });
  test('presigned: past X-Amz-Date + X-Amz-Expires', async () => {
    const req = await signed({ presign: true });
    assert.ok(check(req, { ...OPTS, now: new Date('2015-08-30T13:36:00Z') }).ok, 'valid through its last second');
    const f = failure(req, 'signatureExpired', { ...OPTS, now: new Date('2015-08-30T13:36:01Z') });
    assert.equal(f.message, 'Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T133601Z - 60 min.)');
  });
  test('presigned: not yet current', async () => {
    failure(await signed({ presign: true }), 'signatureNotYetCurrent', { ...OPTS, now: new Date('2015-08-30T12:30:59Z') });
  });
  test('presigned without X-Amz-Expires: the skew window', async () => {
    const req = await signed({ presign: true });
    const noExpiry = { ...req, query: req.query.split('&').filter((p) => !p.startsWith('X-Amz-Expires=')).join('&') };
    const parsed = parseSigV4(noExpiry);
    assert.ok(parsed.ok);
    assert.equal(parsed.params.expiresSeconds, undefined);
    failure(noExpiry, 'signatureExpired', { ...OPTS, now: new Date('2015-08-30T12:41:01Z') });
  });
});

describe('signatureMismatch', () => {
  test('wrong secret key', async () => {
    const f = failure(await signed(), 'signatureMismatch', { ...OPTS, secretAccessKey: 'not-the-secret' });
    assert.equal(f.message, MISMATCH);
    assert.match(f.canonicalRequest ?? '', /^GET\n\/orders\/42\nview=full\n/);
    assert.match(f.stringToSign ?? '', /^AWS4-HMAC-SHA256\n20150830T123600Z\n20150830\/us-east-1\/execute-api\/aws4_request\n[0-9a-f]{64}$/);
  });
  test('signature in upper-case hex is not the signature', async () => {
    const req = await signed();
    failure(withHeader(req, 'authorization', (v) => v.replace(/Signature=([0-9a-f]+)/, (_, s: string) => `Signature=${s.toUpperCase()}`)), 'signatureMismatch');
  });
  test('x-amz-content-sha256 that is not the hash of the body', async () => {
    const req = await signed({ body: '{"qty":1}', headers: { 'x-amz-content-sha256': sha256('{"qty":1}') } });
    assert.ok(check(req).ok);
    const f = failure(withBody(req, '{"qty":9}'), 'signatureMismatch');
    assert.equal(f.message, MISMATCH);
    assert.match(f.detail ?? '', /does not match the SHA-256 of the body/);
  });
  test('unsupported x-amz-content-sha256 value', async () => {
    const req = await signed({ body: 'x', headers: { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' } });
    failure(req, 'signatureMismatch');
  });
  test('signed header removed', async () => {
    const req = await signed({ headers: { 'x-crossgate-tenant': 'a' } });
    assert.ok(check(req).ok);
    failure(withoutHeader(req, 'x-crossgate-tenant'), 'signatureMismatch');
  });
  test('presigned query value changed', async () => {
    const req = await signed({ presign: true });
    assert.equal(queryParam(req, 'view'), 'full');
    failure(withQueryParam(req, 'view', 'summary'), 'signatureMismatch');
  });
});

describe('never throws', () => {
  const fragment = fc.oneof(
    fc.constantFrom('AWS4-HMAC-SHA256', 'Credential=', 'SignedHeaders=', 'Signature=', ',', ' ', '=', ';', '/', 'host', 'aws4_request', '%', '%E1%88', '%ZZ', '\t', '\n', '\u0000', '\uD800'),
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 3 }),
  );
  const junk = fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(''));
  const name = fc.oneof(fc.constantFrom('Authorization', 'authorization', 'X-Amz-Date', 'Date', 'Host', 'x-amz-security-token', 'x-amz-content-sha256'), junk);
  const queryJunk = fc
    .array(fc.tuple(fc.oneof(fc.constantFrom('X-Amz-Credential', 'X-Amz-Algorithm', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature', 'X-Amz-Security-Token'), junk), junk), { maxLength: 8 })
    .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
  const requestArb = fc.record({
    method: junk,
    path: junk,
    query: fc.oneof(queryJunk, junk),
    headers: fc.array(fc.tuple(name, junk), { maxLength: 8 }),
    bodySha256: fc.oneof(junk, fc.constant(sha256(''))),
  });

  test('random requests: a result, never an exception', () => {
    fc.assert(
      fc.property(requestArb, fc.date({ noInvalidDate: true }), (req, now) => {
        const parsed = parseSigV4(req);
        assert.equal(typeof parsed.ok, 'boolean');
        if (!parsed.ok) assert.equal(typeof parsed.message, 'string');
        else assert.equal(typeof verifySigV4(req, parsed.params, { secretAccessKey: 'x', now }).ok, 'boolean');
      }),
      { numRuns: 1000 },
    );
  });

  test('random changes to a valid request: a result, never an exception', async () => {
    const req = await signed({ presign: true });
    const header = await signed();
    fc.assert(
      fc.property(fc.nat(), junk, fc.boolean(), (at, insert, inQuery) => {
        const base = inQuery ? req : header;
        const auth = header.headers.find(([n]) => n === 'authorization')?.[1] ?? '';
        const i = at % (inQuery ? base.query.length : auth.length);
        const changed = inQuery
          ? { ...base, query: base.query.slice(0, i) + insert + base.query.slice(i + 1) }
          : withHeader(base, 'authorization', (v) => v.slice(0, i) + insert + v.slice(i + 1));
        const result = check(changed);
        assert.equal(typeof result.ok, 'boolean');
      }),
      { numRuns: 1000 },
    );
  });

  test('huge inputs are refused quickly', () => {
    const big = 'A'.repeat(1 << 20);
    const started = Date.now();
    failure(bare([['Authorization', `AWS4-HMAC-SHA256 Credential=${big}`], DATE]), 'incompleteSignature');
    failure(bare([], `X-Amz-Credential=${big}&X-Amz-Signature=${big}`), 'incompleteSignature');
    failure(bare([], `${'a=b&'.repeat(100_000)}X-Amz-Credential=x`), 'incompleteSignature');
    assert.ok(Date.now() - started < 2000, 'took too long');
  });

  test('inputs outside the types', () => {
    const odd = { method: 'GET', path: '/', query: undefined, headers: null, bodySha256: '' } as unknown as WireRequest;
    assert.equal(parseSigV4(odd).ok, false);
  });
});
