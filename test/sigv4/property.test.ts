/**
 * Property: any request signed by @smithy/signature-v4 verifies, and changing
 * any one signed byte of it (method, path, query, a signed header value, the
 * body when its hash is signed, the signature) is rejected.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { type WireRequest, parseSigV4, verifySigV4 } from '../../src/sigv4/index.ts';
import { sha256 } from './support/rawRequest.ts';
import { HOST, REGION, SECRET_ACCESS_KEY, ACCESS_KEY_ID, SERVICE, SESSION_TOKEN, encodeComponent, wireQuery } from './support/signerCases.ts';

const SIGNED_AT = new Date('2024-05-01T10:00:00Z');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const PRINTABLE = [...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)), '\t'];

const text = (maxLength: number) => fc.string({ unit: 'grapheme', maxLength });
const segment = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((s) => s !== '.' && s !== '..');
// Keys the signer treats specially (X-Amz-*) are left to the other tests.
const queryKey = fc.oneof(fc.constantFrom('a', 'tag', 'Zoé'), text(6)).filter((k) => !/^x-amz-/i.test(k));
const headerValue = fc.string({ unit: fc.constantFrom(...PRINTABLE), maxLength: 20 });

const requestArb = fc.record({
  method: fc.constantFrom(...METHODS),
  segments: fc.array(segment, { maxLength: 4 }),
  trailingSlash: fc.boolean(),
  query: fc.array(fc.tuple(queryKey, text(8)), { maxLength: 5 }),
  headers: fc.dictionary(fc.stringMatching(/^x-cg-[a-z0-9]{1,6}$/), headerValue, { maxKeys: 3 }),
  body: fc.option(text(40), { nil: undefined }),
  sessionToken: fc.boolean(),
  unsignedPayload: fc.boolean(),
  presign: fc.boolean(),
});

const mutationArb = fc.record({
  part: fc.constantFrom('method', 'path', 'query', 'header', 'body', 'signature'),
  at: fc.nat(),
  pick: fc.nat(),
});

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;
type Spec = ValueOf<typeof requestArb>;
type Wire = WireRequest & { body: string };

async function signWithSmithy(spec: Spec): Promise<Wire> {
  const signer = new SignatureV4({
    service: SERVICE,
    region: REGION,
    sha256: Sha256,
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY, ...(spec.sessionToken ? { sessionToken: SESSION_TOKEN } : {}) },
  });
  const path = `/${spec.segments.map(encodeComponent).join('/')}${spec.trailingSlash && spec.segments.length > 0 ? '/' : ''}`;
  const query: Record<string, string[]> = {};
  for (const [k, v] of spec.query) (query[k] ??= []).push(v);
  const request = {
    method: spec.method,
    protocol: 'https:',
    hostname: HOST,
    path,
    query,
    headers: { host: HOST, ...spec.headers, ...(spec.unsignedPayload ? { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } : {}) },
    ...(spec.body !== undefined ? { body: spec.body } : {}),
  };
  const signed = spec.presign
    ? await signer.presign(request, { signingDate: SIGNED_AT, expiresIn: 300 })
    : await signer.sign(request, { signingDate: SIGNED_AT });
  const pairs = Object.entries(signed.query ?? {}).flatMap(([k, v]) => (Array.isArray(v) ? v : [v ?? '']).map((x) => [k, x] as [string, string]));
  const body = spec.body ?? '';
  return { method: signed.method, path: signed.path, query: wireQuery(pairs), headers: Object.entries(signed.headers), body, bodySha256: sha256(body) };
}

function check(req: WireRequest) {
  const parsed = parseSigV4(req);
  return parsed.ok ? verifySigV4(req, parsed.params, { secretAccessKey: SECRET_ACCESS_KEY, now: SIGNED_AT, region: REGION, service: SERVICE }) : parsed;
}

/** 'Q' (or 'R' over a 'Q'): not hex, not a separator, so never an equivalent spelling. */
function flip(s: string, at: number): string {
  if (s.length === 0) return 'Q';
  const i = at % s.length;
  return s.slice(0, i) + (s[i] === 'Q' ? 'R' : 'Q') + s.slice(i + 1);
}

/** The request with one signed byte changed, or undefined when that part is not signed. */
function mutate(req: Wire, spec: Spec, m: ValueOf<typeof mutationArb>): Wire | undefined {
  switch (m.part) {
    case 'method':
      return { ...req, method: METHODS.filter((x) => x !== req.method)[m.pick % (METHODS.length - 1)]! };
    case 'path':
      return { ...req, path: flip(req.path, m.at) };
    case 'query':
      return req.query === '' ? { ...req, query: 'Q=' } : { ...req, query: flip(req.query, m.at) };
    case 'header': {
      const parsed = parseSigV4(req);
      if (!parsed.ok) return undefined;
      const names = parsed.params.signedHeaders;
      const name = names[m.pick % names.length]!;
      return { ...req, headers: req.headers.map(([n, v]) => [n, n.toLowerCase() === name ? flip(v, m.at) : v] as const) };
    }
    case 'body': {
      if (spec.unsignedPayload) return undefined;
      const body = flip(req.body, m.at);
      return { ...req, body, bodySha256: sha256(body) };
    }
    case 'signature': {
      const parsed = parseSigV4(req);
      if (!parsed.ok) return undefined;
      const sig = parsed.params.signature;
      const i = m.at % sig.length;
      const forged = sig.slice(0, i) + (sig[i] === '0' ? '1' : '0') + sig.slice(i + 1);
      return spec.presign
        ? { ...req, query: req.query.replace(`X-Amz-Signature=${sig}`, `X-Amz-Signature=${forged}`) }
        : { ...req, headers: req.headers.map(([n, v]) => [n, n.toLowerCase() === 'authorization' ? v.replace(sig, forged) : v] as const) };
    }
  }
}

test('smithy-signed requests verify, and any changed signed byte is rejected', async () => {
  await fc.assert(
    fc.asyncProperty(requestArb, mutationArb, async (spec, m) => {
      const req = await signWithSmithy(spec);
      const verified = check(req);
      assert.ok(verified.ok, `${JSON.stringify(verified)}\n${JSON.stringify(req)}`);
      const changed = mutate(req, spec, m);
      if (changed) assert.equal(check(changed).ok, false, `${m.part} changed but accepted: ${JSON.stringify(changed)}`);
    }),
    { numRuns: 200 },
  );
});

test('every changed position of a signed request is rejected (exhaustive over one request each)', async () => {
  await fc.assert(
    fc.asyncProperty(requestArb, async (spec) => {
      const req = await signWithSmithy(spec);
      for (const part of ['path', 'query'] as const) {
        const s = req[part];
        for (let at = 0; at < s.length; at++) {
          const changed = mutate(req, spec, { part, at, pick: 0 })!;
          assert.equal(check(changed).ok, false, `${part}[${at}] changed but accepted: ${changed[part]}`);
        }
      }
    }),
    { numRuns: 30 },
  );
});
