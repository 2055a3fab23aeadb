/**
 * One reading of a request: what the signature covers is exactly what the emulator
 * acts on. A signed request changed in one byte-level detail ('+' / '%2B' / '%20',
 * hex case, an unreserved character escaped, pairs reordered or repeated, empty
 * values, encoded slashes, dot segments, header whitespace and case, method case)
 * either fails verification or reads as exactly the same operation and parameters.
 *
 * The readers are the emulator's own: the Query protocol parser (STS, IAM), the
 * REST-JSON query members, the path segments the routers match, and the headers
 * they look at. Requests are signed by @smithy/signature-v4, aws4 and botocore.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import aws4 from 'aws4';
import fc from 'fast-check';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { AwsError } from '../../src/emulator/errors.ts';
import { parseQueryRequest } from '../../src/emulator/protocol/query.ts';
import { type WireRequest, parseAmzDate, parseSigV4, pathSegments, verifySigV4 } from '../../src/sigv4/index.ts';
import { API_HOST, KEYS, ROLE, startSeedEmulator } from '../support/emulator.ts';
import { sendRaw, type RawRequest } from '../reliability/support/rawHttp.ts';
import { sha256 } from '../sigv4/support/rawRequest.ts';

const SIGNED_AT = new Date('2024-05-01T10:00:00Z');
/** `npm run fuzz` (CROSSGATE_FUZZ_MS set) runs the properties 20 times longer. */
const runs = (n: number): number => (process.env['CROSSGATE_FUZZ_MS'] ? n * 20 : n);
const HOST = 'sts.amazonaws.com';
const CREDS = KEYS.ciCaller;

/** Strict RFC 3986, as the SDKs put values on the wire. */
function encode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

type Wire = WireRequest & { body: string };

/* ---- what the emulator reads from a request ---- */

interface Reading {
  method: string;
  path: string[] | 'unreadable';
  params: Array<[string, string]> | string;
  host: string;
}

function header(req: Wire, name: string): string | undefined {
  // Node keeps the first value of a repeated Host / Content-Type and trims it.
  return req.headers.find(([n]) => n.toLowerCase() === name)?.[1].trim();
}

function reading(req: Wire): Reading {
  let params: Reading['params'];
  try {
    const q = parseQueryRequest(req, header(req, 'content-type'), Buffer.from(req.body));
    params = [...q.params.keys()].sort().map((k) => [k, q.params.get(k)!]);
  } catch (err) {
    if (!(err instanceof AwsError)) throw err;
    params = `refused: ${err.code}`;
  }
  return {
    method: req.method,
    path: pathSegments(req.path) ?? 'unreadable',
    params,
    host: (header(req, 'host') ?? '').toLowerCase(),
  };
}

/** Verified at the time it was signed (each signer reads its own clock). */
function verifies(req: Wire): boolean {
  const parsed = parseSigV4(req);
  if (!parsed.ok) return false;
  const at = parseAmzDate(parsed.params.amzDate);
  const now = at === undefined ? SIGNED_AT : new Date(at);
  return verifySigV4(req, parsed.params, { secretAccessKey: CREDS.secretAccessKey, now, region: 'us-east-1', service: 'sts' }).ok;
}

/* ---- requests and signers ---- */

interface Spec {
  path: string[];
  params: Array<[string, string]>;
  presign: boolean;
}

function wirePath(segments: string[]): string {
  return `/${segments.map(encode).join('/')}`;
}

function wire(method: string, path: string, query: string, headers: Array<[string, string]>): Wire {
  return { method, path, query, headers, body: '', bodySha256: sha256('') };
}

async function signSmithy(spec: Spec): Promise<Wire> {
  const signer = new SignatureV4({ service: 'sts', region: 'us-east-1', credentials: CREDS, sha256: Sha256 });
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of spec.params) {
    const prev = query[k];
    query[k] = prev === undefined ? v : [...(Array.isArray(prev) ? prev : [prev]), v];
  }
  const request = new HttpRequest({ method: 'GET', protocol: 'https:', hostname: HOST, path: wirePath(spec.path), query, headers: { host: HOST } });
  const signed = spec.presign ? await signer.presign(request, { signingDate: SIGNED_AT, expiresIn: 300 }) : await signer.sign(request, { signingDate: SIGNED_AT });
  const pairs = Object.entries(signed.query ?? {}).flatMap(([k, v]) => (Array.isArray(v) ? v : [v ?? '']).map((x) => `${encode(k)}=${encode(String(x))}`));
  return wire('GET', signed.path, pairs.join('&'), Object.entries(signed.headers as Record<string, string>));
}

function signAws4(spec: Spec): Wire {
  const query = spec.params.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  const opts: aws4.Request & { headers: Record<string, string> } = {
    host: HOST, method: 'GET', path: `${wirePath(spec.path)}${query === '' ? '' : `?${query}`}`, headers: {}, service: 'sts', region: 'us-east-1',
    ...(spec.presign ? { signQuery: true } : {}),
  };
  aws4.sign(opts, CREDS);
  const [path, q = ''] = opts.path!.split('?', 2) as [string, string?];
  return wire('GET', path, q, Object.entries(opts.headers).map(([k, v]) => [k, String(v)] as [string, string]));
}

/** Signs many specs in one python3 run; undefined when botocore is not installed. */
function signBotocore(specs: Spec[]): Wire[] | undefined {
  const script = `
import json, sys
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
items = json.load(sys.stdin)
creds = Credentials('${CREDS.accessKeyId}', '${CREDS.secretAccessKey}')
out = []
for s in items:
    req = AWSRequest(method='GET', url=s['url'], headers={})
    if s['presign']:
        SigV4QueryAuth(creds, 'sts', 'us-east-1', expires=300).add_auth(req)
    else:
        SigV4Auth(creds, 'sts', 'us-east-1').add_auth(req)
    p = req.prepare()
    out.append({'url': p.url, 'headers': dict(p.headers.items())})
print(json.dumps(out))
`;
  const input = specs.map((s) => ({ url: `https://${HOST}${wirePath(s.path)}?${s.params.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`, presign: s.presign }));
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) return undefined;
  return (JSON.parse(r.stdout) as Array<{ url: string; headers: Record<string, string> }>).map((o) => {
    const target = o.url.slice(`https://${HOST}`.length);
    const [path, q = ''] = target.split('?', 2) as [string, string?];
    return wire('GET', path, q, [['Host', HOST], ...Object.entries(o.headers)]);
  });
}

/* ---- one-detail mutations ---- */

const SPELLINGS = ['+', '%2B', '%2b', '%20', ' '];

/** Every request that differs from `req` in one detail. */
function mutations(req: Wire): Array<{ what: string; req: Wire }> {
  const out: Array<{ what: string; req: Wire }> = [];
  const q = req.query;
  // '+' / '%2B' / '%20' / ' ' swapped, at every place one of them occurs.
  for (const from of SPELLINGS) {
    for (let at = q.indexOf(from); at >= 0; at = q.indexOf(from, at + 1)) {
      for (const to of SPELLINGS) {
        if (to !== from) out.push({ what: `query ${from} -> ${to} at ${at}`, req: { ...req, query: q.slice(0, at) + to + q.slice(at + from.length) } });
      }
    }
  }
  // Hex case, and an unreserved character escaped.
  out.push({ what: 'query hex lower-cased', req: { ...req, query: q.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()) } });
  const letter = /[A-Za-z]/.exec(q);
  if (letter) out.push({ what: 'query letter escaped', req: { ...req, query: q.slice(0, letter.index) + `%${letter[0].charCodeAt(0).toString(16).toUpperCase()}` + q.slice(letter.index + 1) } });
  // Pairs reordered, repeated, emptied, blank pairs added.
  const pairs = q === '' ? [] : q.split('&');
  if (pairs.length > 1) out.push({ what: 'pairs reversed', req: { ...req, query: [...pairs].reverse().join('&') } });
  for (const [i, p] of pairs.entries()) {
    out.push({ what: `pair ${i} repeated`, req: { ...req, query: [...pairs, p].join('&') } });
    const key = p.split('=')[0]!;
    out.push({ what: `pair ${i} repeated with another value`, req: { ...req, query: [...pairs, `${key}=x`].join('&') } });
    if (p.endsWith('=')) out.push({ what: `pair ${i} without '='`, req: { ...req, query: pairs.map((x, j) => (j === i ? key : x)).join('&') } });
  }
  out.push({ what: 'blank pairs', req: { ...req, query: `&${q}&&` } });
  out.push({ what: 'empty parameter added', req: { ...req, query: q === '' ? 'Extra=' : `${q}&Extra=` } });
  // Paths: encoded slashes, dot segments, doubled slashes, case.
  const path = req.path;
  out.push({ what: 'slash encoded', req: { ...req, path: path.replace(/\/(?=[^/]*$)/, '%2F').replace(/^%2F/, '/%2F') } });
  out.push({ what: 'dot segment', req: { ...req, path: `/.${path}` } });
  out.push({ what: 'dot-dot segment', req: { ...req, path: `/x/..${path}` } });
  out.push({ what: 'encoded dot-dot segment', req: { ...req, path: `/x/%2E%2E${path}` } });
  out.push({ what: 'doubled slash', req: { ...req, path: `/${path}` } });
  out.push({ what: 'path upper-cased', req: { ...req, path: path.toUpperCase() } });
  // Methods and headers: case, whitespace, a repeated field.
  out.push({ what: 'method lower-cased', req: { ...req, method: req.method.toLowerCase() } });
  out.push({ what: 'header value padded', req: { ...req, headers: req.headers.map(([n, v]) => [n, ` ${v.replace(/ /g, '  ')}\t`] as [string, string]) } });
  out.push({ what: 'header names upper-cased', req: { ...req, headers: req.headers.map(([n, v]) => [n.toUpperCase(), v] as [string, string]) } });
  out.push({ what: 'host upper-cased', req: { ...req, headers: req.headers.map(([n, v]) => [n, n.toLowerCase() === 'host' ? v.toUpperCase() : v] as [string, string]) } });
  out.push({ what: 'host repeated', req: { ...req, headers: [...req.headers, ['Host', 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com']] } });
  out.push({ what: 'content-type added', req: { ...req, headers: [...req.headers, ['Content-Type', 'text/plain']] } });
  return out;
}

function assertOneReading(signer: string, req: Wire): void {
  assert.ok(verifies(req), `${signer}: the signed request verifies: ${JSON.stringify(req)}`);
  const original = reading(req);
  for (const m of mutations(req)) {
    if (!verifies(m.req)) continue;
    assert.deepEqual(reading(m.req), original, `${signer}: '${m.what}' still verifies, so it must read the same: ${m.req.method} ${m.req.path}?${m.req.query}`);
  }
}

/* ---- generated requests ---- */

const valueChars = fc.constantFrom('a', 'B', '1', '+', ' ', '%', '/', '=', '&', '~', '.', 'é', '東', '-', '_', '*');
const value = fc.string({ unit: valueChars, maxLength: 8 });
const specArb: fc.Arbitrary<Spec> = fc.record({
  path: fc.array(fc.string({ unit: valueChars, minLength: 1, maxLength: 5 }).filter((s) => s !== '.' && s !== '..'), { maxLength: 3 }),
  params: fc
    .tuple(fc.constantFrom('AssumeRole', 'GetCallerIdentity'), fc.array(fc.tuple(fc.constantFrom('Policy', 'RoleSessionName', 'Tags.member.1.Key', 'a+b', 'a b', 'x'), value), { maxLength: 4 }))
    .map(([action, rest]) => [['Action', action], ['Version', '2011-06-15'], ...rest] as Array<[string, string]>),
  presign: fc.boolean(),
});

describe('one reading of a signed request', () => {
  test('smithy: every one-detail change fails verification or reads the same', async () => {
    await fc.assert(fc.asyncProperty(specArb, async (spec) => assertOneReading('smithy', await signSmithy(spec))), { numRuns: runs(60) });
  });

  test('aws4: every one-detail change fails verification or reads the same', () => {
    fc.assert(fc.property(specArb, (spec) => assertOneReading('aws4', signAws4(spec))), { numRuns: runs(60) });
  });

  test('botocore: every one-detail change fails verification or reads the same', (t) => {
    const specs = fc.sample(specArb, { numRuns: runs(40), seed: 17 });
    const signed = signBotocore(specs);
    if (signed === undefined) return t.skip('python3 with botocore is not installed');
    for (const req of signed) assertOneReading('botocore', req);
  });

  test("a '+' is a space and '%2B' a plus, in the signature and in the parameters alike", async () => {
    const req = await signSmithy({ path: [], params: [['Action', 'GetCallerIdentity'], ['Version', '2011-06-15'], ['RoleSessionName', 'a+b c']], presign: false });
    assert.match(req.query, /RoleSessionName=a%2Bb%20c/, 'the SDK sends a plus as %2B and a space as %20');
    const spaced = { ...req, query: req.query.replace('a%2Bb%20c', 'a%2Bb+c') };
    assert.ok(verifies(spaced), "'+' for '%20' is the same request (form encoding of a space)");
    assert.equal(reading(spaced).params instanceof Array && Object.fromEntries(reading(spaced).params as Array<[string, string]>)['RoleSessionName'], 'a+b c', 'and reads the same');
    const plussed = { ...req, query: req.query.replace('a%2Bb%20c', 'a+b%20c') };
    assert.equal(verifies(plussed), false, "'+' for '%2B' is another request: the signature does not cover it");
  });
});

/* ---- the attack, end to end ---- */

describe('a presigned AssumeRole cannot be altered (regression)', () => {
  let emu: RunningEmulator;
  let port: number;
  before(async () => {
    emu = await startSeedEmulator();
    port = (emu.server.address() as AddressInfo).port;
  });
  after(() => emu.close());

  const deniedArn = 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/DELETE/orders/a+b';
  const sessionPolicy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' },
      { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: deniedArn },
    ],
  });

  async function presignedAssumeRole(): Promise<RawRequest> {
    const host = `127.0.0.1:${port}`;
    const signer = new SignatureV4({ service: 'sts', region: 'us-east-1', credentials: CREDS, sha256: Sha256 });
    const query = { Action: 'AssumeRole', Version: '2011-06-15', RoleArn: ROLE.invoker, RoleSessionName: 'presigned', Policy: sessionPolicy };
    const p = await signer.presign(new HttpRequest({ method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port, path: '/', headers: { host }, query }), { expiresIn: 300 });
    const qs = Object.entries(p.query ?? {}).map(([k, v]) => `${encode(k)}=${encode(String(v))}`).join('&');
    return { method: 'GET', target: `/?${qs}`, headers: [['host', host]] };
  }

  async function deleteWith(body: string): Promise<number> {
    const creds = {
      accessKeyId: /<AccessKeyId>([^<]+)</.exec(body)![1]!,
      secretAccessKey: /<SecretAccessKey>([^<]+)</.exec(body)![1]!,
      sessionToken: /<SessionToken>([^<]+)</.exec(body)![1]!,
    };
    const signer = new SignatureV4({ service: 'execute-api', region: 'us-east-1', credentials: creds, sha256: Sha256 });
    const s = await signer.sign(new HttpRequest({ method: 'DELETE', protocol: 'https:', hostname: API_HOST, path: '/orders/a+b', headers: { host: API_HOST } }));
    const answer = await sendRaw(port, { method: 'DELETE', target: '/orders/a+b', headers: Object.entries(s.headers as Record<string, string>) });
    return answer.status;
  }

  test('as signed, the session policy denies DELETE /orders/a+b', async () => {
    const answer = await sendRaw(port, await presignedAssumeRole());
    assert.equal(answer.status, 200, `the presigned AssumeRole works: ${answer.body.slice(0, 300)}`);
    assert.equal(await deleteWith(answer.body), 403, 'the session policy denies DELETE /orders/a+b');
  });

  test("'%2B' changed to '+' in the signed Policy is refused, not read as a space", async () => {
    const req = await presignedAssumeRole();
    assert.ok(req.target.includes('a%2Bb'), 'the policy travels with its plus as %2B');
    const altered = { ...req, target: req.target.replace('a%2Bb', 'a+b') };
    const answer = await sendRaw(port, altered);
    assert.equal(answer.status, 403, `the altered URL is refused: ${answer.status} ${answer.body.slice(0, 300)}`);
    assert.match(answer.body, /<Code>SignatureDoesNotMatch<\/Code>/, 'as a signature that does not match');
  });

  test('a body the signature does not cover (UNSIGNED-PAYLOAD) is refused on the control plane', async () => {
    const host = `127.0.0.1:${port}`;
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const signer = new SignatureV4({ service: 'sts', region: 'us-east-1', credentials: CREDS, sha256: Sha256 });
    const s = await signer.sign(new HttpRequest({
      method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port, path: '/',
      headers: { host, 'content-type': 'application/x-www-form-urlencoded', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, body,
    }));
    const answer = await sendRaw(port, { method: 'POST', target: '/', headers: Object.entries(s.headers as Record<string, string>), body });
    assert.equal(answer.status, 403, `an unsigned body is not read: ${answer.status} ${answer.body.slice(0, 300)}`);
    assert.match(answer.body, /SignatureDoesNotMatch/, 'as a signature that does not match');
  });
});
