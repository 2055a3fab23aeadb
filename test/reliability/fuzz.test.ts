/**
 * Hostile input to every endpoint of the embedded AWS (fast-check): broken SigV4
 * headers and presigned queries, bad encodings, traversal and dot segments, odd hosts,
 * invalid form/JSON bodies, unknown actions and versions, and policy documents that
 * are deeply nested, huge or not JSON. Every answer must be an AWS-shaped refusal
 * (or a legitimate success), never a 5xx, never a dropped connection; a request
 * without a valid signature never gets through; the process never crashes and its
 * heap stays bounded.
 *
 * Bounded for `npm test` (CROSSGATE_FUZZ_MS, default 12 s over the random groups);
 * `npm run fuzz` runs it for minutes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import fc from 'fast-check';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { loadEstate, startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { CONTROL_PLANE_ESTATE, WRITERS } from '../support/controlPlane.ts';
import { API_HOST, KEYS, ROLE } from '../support/emulator.ts';
import { refusalProblem } from './support/awsShape.ts';
import { sendRaw, signedHeaders, type RawAnswer, type RawRequest } from './support/rawHttp.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const BUDGET_MS = Number(process.env.CROSSGATE_FUZZ_MS ?? 12_000);
const SEED = process.env.CROSSGATE_FUZZ_SEED === undefined ? undefined : Number(process.env.CROSSGATE_FUZZ_SEED);

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

let emu: RunningEmulator;
let port: number;
let local: string;
let invoker: Creds;
const internalErrors: string[] = [];
const tally = new Map<string, { cases: number; statuses: Map<number, number> }>();
let heapBefore = 0;

function count(group: string, a: RawAnswer): void {
  const t = tally.get(group) ?? { cases: 0, statuses: new Map() };
  t.cases++;
  t.statuses.set(a.status, (t.statuses.get(a.status) ?? 0) + 1);
  tally.set(group, t);
}

/** The invariant every answer must satisfy; `mustRefuse`: the request carries no valid signature. */
function check(group: string, req: RawRequest, a: RawAnswer, mustRefuse: boolean): void {
  count(group, a);
  const what = `${req.method} ${req.target.slice(0, 160)} [${req.headers.map(([k, v]) => `${k}: ${v.slice(0, 80)}`).join(' | ').slice(0, 400)}]`;
  assert.ok(!a.dropped, `${group}: no answer to ${what}`);
  assert.ok(a.status < 500, `${group}: ${a.status} for ${what}: ${a.body.slice(0, 300)}`);
  if (a.status >= 400 && req.method !== 'HEAD') {
    const problem = refusalProblem(a);
    assert.equal(problem, undefined, `${group}: ${a.status} is not AWS-shaped (${problem}) for ${what}`);
  }
  if (mustRefuse) assert.ok(a.status >= 400, `${group}: ${a.status} for a request without a valid signature: ${what}: ${a.body.slice(0, 200)}`);
}

async function fuzz<T>(group: string, share: number, arb: fc.Arbitrary<T>, run: (v: T) => Promise<void>): Promise<void> {
  await fc.assert(fc.asyncProperty(arb, run), {
    numRuns: 1_000_000,
    interruptAfterTimeLimit: Math.max(500, Math.floor(BUDGET_MS * share)),
    markInterruptAsFailure: false,
    endOnFailure: true,
    ...(SEED === undefined ? {} : { seed: SEED }),
    // Counterexamples can be megabytes of policy document: report the check's own message, and how to replay.
    reporter: (out) => {
      if (!out.failed) return;
      const why = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
      throw new Error(`${group}: failed after ${out.numRuns} inputs (replay: CROSSGATE_FUZZ_SEED=${out.seed}, path ${out.counterexamplePath}): ${why.slice(0, 3_000)}`);
    },
  });
  const t = tally.get(group);
  assert.ok(t && t.cases > 0, `${group}: no case ran`);
}

/* ---------- generators ---------- */

/** Header-safe text: no CR/LF (one request per case), anything else goes. */
const noCrLf = (s: string) => s.replace(/[\r\n]/g, '');
const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', '=', ',', ', ,', '/', '//', '%', '%zz', '%00', '\u0000', '\t', 'é', '../..', 'AKIA', 'aws4_request', 'us-east-1', '*', '"', "'", ';', 'null'),
  fc.integer({ min: 1_000, max: 12_000 }).map((n) => 'x'.repeat(n)),
).map(noCrLf);

const dates = fc.oneof(
  fc.constantFrom('', 'x', '20240101', '20240101T000000', '2024-01-01T00:00:00Z', '99999999T999999Z', '20241345T256161Z', '00000000T000000Z', 'Thu, 01 Jan 1970 00:00:00 GMT', '1e9'),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace(/[-:]|\.\d{3}/g, '')),
  hostile,
);

type AuthMutation =
  | { k: 'drop'; part: string }
  | { k: 'replace' | 'duplicate'; part: string; value: string }
  | { k: 'algorithm'; value: string }
  | { k: 'whole'; value: string }
  | { k: 'date' | 'dupDate'; value: string }
  | { k: 'token'; value: string }
  | { k: 'payloadHash'; value: string }
  | { k: 'scope'; index: number; value: string }
  | { k: 'unsignHost' }
  | { k: 'noAuth'; keepDate: boolean };

const PARTS = ['Credential', 'SignedHeaders', 'Signature'];
const authMutation: fc.Arbitrary<AuthMutation> = fc.oneof(
  fc.record({ k: fc.constant('drop' as const), part: fc.constantFrom(...PARTS) }),
  fc.record({ k: fc.constantFrom('replace' as const, 'duplicate' as const), part: fc.constantFrom(...PARTS), value: hostile }),
  fc.record({ k: fc.constant('algorithm' as const), value: fc.constantFrom('aws4-hmac-sha256', 'AWS4-HMAC-SHA1', 'AWS4-ECDSA-P256-SHA256', '', 'AWS4-HMAC-SHA256X', 'AWS AKIA:sig') }),
  fc.record({ k: fc.constant('whole' as const), value: hostile }),
  fc.record({ k: fc.constantFrom('date' as const, 'dupDate' as const), value: dates }),
  fc.record({ k: fc.constant('token' as const), value: hostile }),
  fc.record({ k: fc.constant('payloadHash' as const), value: fc.oneof(hostile, fc.constantFrom('UNSIGNED-PAYLOAD', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b856'.toUpperCase())) }),
  fc.record({ k: fc.constant('scope' as const), index: fc.integer({ min: 0, max: 5 }), value: hostile }),
  fc.constant({ k: 'unsignHost' as const }),
  fc.record({ k: fc.constant('noAuth' as const), keepDate: fc.boolean() }),
);

/* ---------- requests ---------- */

type Plane = 'execute-host' | 'execute-path' | 'sts' | 'iam' | 'apigateway' | 'access-analyzer';
const PLANES: Plane[] = ['execute-host', 'execute-path', 'sts', 'iam', 'apigateway', 'access-analyzer'];

interface Base { method: string; host: string; path: string; body?: string; contentType?: string; service: string; region: string; creds: Creds }

function base(plane: Plane): Base {
  switch (plane) {
    case 'execute-host':
      return { method: 'GET', host: API_HOST, path: '/orders', service: 'execute-api', region: 'us-east-1', creds: invoker };
    case 'execute-path':
      return { method: 'GET', host: local, path: '/_aws/execute-api/a1b2c3d4e5/orders', service: 'execute-api', region: 'us-east-1', creds: invoker };
    case 'sts':
      return { method: 'POST', host: local, path: '/', body: 'Action=GetCallerIdentity&Version=2011-06-15', contentType: 'application/x-www-form-urlencoded; charset=utf-8', service: 'sts', region: 'us-east-1', creds: KEYS.ciCaller };
    case 'iam':
      return { method: 'POST', host: local, path: '/', body: 'Action=GetRole&RoleName=ApiInvokerRole&Version=2010-05-08', contentType: 'application/x-www-form-urlencoded; charset=utf-8', service: 'iam', region: 'us-east-1', creds: KEYS.auditor };
    case 'apigateway':
      return { method: 'GET', host: local, path: '/v2/apis', service: 'apigateway', region: 'us-east-1', creds: KEYS.auditor };
    case 'access-analyzer':
      return {
        method: 'POST', host: local, path: '/policy/validation', contentType: 'application/json', service: 'access-analyzer', region: 'us-east-1', creds: KEYS.auditor,
        body: JSON.stringify({ policyType: 'IDENTITY_POLICY', policyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) }),
      };
  }
}

async function signedRequest(b: Base, opts: { unsignHost?: boolean } = {}): Promise<RawRequest> {
  const headers = await (async () => {
    if (!opts.unsignHost) return signedHeaders({ method: b.method, host: b.host, path: b.path, body: b.body, headers: b.contentType ? { 'content-type': b.contentType } : {}, credentials: b.creds, service: b.service, region: b.region });
    const signer = new SignatureV4({ service: b.service, region: b.region, credentials: b.creds, sha256: Sha256 });
    const s = await signer.sign(new HttpRequest({ method: b.method, hostname: b.host.replace(/:\d+$/, ''), path: b.path, protocol: 'http:', headers: { host: b.host, ...(b.contentType ? { 'content-type': b.contentType } : {}) }, body: b.body }), { unsignableHeaders: new Set(['host']) });
    return s.headers as Record<string, string>;
  })();
  return { method: b.method, target: b.path, headers: Object.entries(headers), body: b.body };
}

function setHeader(req: RawRequest, name: string, value: string | undefined, add = false): void {
  if (!add) req.headers = req.headers.filter(([k]) => k.toLowerCase() !== name);
  if (value !== undefined) req.headers.push([name, value]);
}

function header(req: RawRequest, name: string): string | undefined {
  return req.headers.find(([k]) => k.toLowerCase() === name)?.[1];
}

function mutateAuth(req: RawRequest, m: AuthMutation): void {
  const auth = header(req, 'authorization') ?? '';
  const [, algorithm = '', rest = ''] = /^(\S+)\s+(.*)$/.exec(auth) ?? [];
  const parts = rest.split(/,\s*/).map((p) => {
    const i = p.indexOf('=');
    return [p.slice(0, i), p.slice(i + 1)] as [string, string];
  });
  const rebuild = (alg: string, ps: [string, string][]) => `${alg} ${ps.map(([k, v]) => `${k}=${v}`).join(', ')}`;
  switch (m.k) {
    case 'drop':
      return setHeader(req, 'authorization', rebuild(algorithm, parts.filter(([k]) => k !== m.part)));
    case 'replace':
      return setHeader(req, 'authorization', rebuild(algorithm, parts.map(([k, v]) => [k, k === m.part ? (m.value === v ? `${m.value}x` : m.value) : v])));
    case 'duplicate':
      return setHeader(req, 'authorization', rebuild(algorithm, [...parts, [m.part, `${m.value}x`]]));
    case 'algorithm':
      return setHeader(req, 'authorization', rebuild(m.value, parts));
    case 'whole':
      return setHeader(req, 'authorization', m.value);
    case 'date':
      return setHeader(req, 'x-amz-date', m.value === header(req, 'x-amz-date') ? `${m.value}0` : m.value);
    case 'dupDate':
      return setHeader(req, 'x-amz-date', `${m.value}0`, true);
    case 'token':
      return setHeader(req, 'x-amz-security-token', m.value === header(req, 'x-amz-security-token') ? `${m.value}x` : m.value);
    case 'payloadHash':
      return setHeader(req, 'x-amz-content-sha256', m.value);
    case 'scope': {
      const cred = parts.find(([k]) => k === 'Credential')?.[1] ?? '';
      const pieces = cred.split('/');
      pieces[m.index] = pieces[m.index] === m.value ? `${m.value}x` : m.value;
      return setHeader(req, 'authorization', rebuild(algorithm, parts.map(([k, v]) => [k, k === 'Credential' ? pieces.join('/') : v])));
    }
    case 'unsignHost':
      return;
    case 'noAuth':
      setHeader(req, 'authorization', undefined);
      if (!m.keepDate) setHeader(req, 'x-amz-date', undefined);
  }
}

/** A presigned GET (execute-api or STS), its query params as [key, value] pairs. */
async function presigned(plane: 'execute-host' | 'sts'): Promise<{ path: string; host: string; params: [string, string][] }> {
  const b = plane === 'sts'
    ? { ...base('sts'), method: 'GET', body: undefined, contentType: undefined }
    : base('execute-host');
  const signer = new SignatureV4({ service: b.service, region: b.region, credentials: b.creds, sha256: Sha256 });
  const query: Record<string, string> = plane === 'sts' ? { Action: 'GetCallerIdentity', Version: '2011-06-15' } : {};
  const p = await signer.presign(new HttpRequest({ method: 'GET', hostname: b.host.replace(/:\d+$/, ''), path: b.path, protocol: 'http:', headers: { host: b.host }, query }), { expiresIn: 300 });
  const params = Object.entries(p.query ?? {}).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, String(v)] as [string, string]]));
  return { path: b.path, host: b.host, params };
}

const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

type QueryMutation = { k: 'drop' | 'duplicate' | 'replace' | 'raw'; index: number; value: string };
const queryMutation: fc.Arbitrary<QueryMutation> = fc.record({
  k: fc.constantFrom('drop' as const, 'duplicate' as const, 'replace' as const, 'raw' as const),
  index: fc.nat(),
  value: fc.oneof(hostile, dates, fc.constantFrom('-1', '0', '604801', '1e9', 'abc', '%', '%zz', '%E0%A4%A', '+', '%2B', 'AWS4-HMAC-SHA256')),
});

function mutateQuery(params: [string, string][], m: QueryMutation): string {
  const i = m.index % params.length;
  const pairs = params.map(([k, v]) => `${enc(k)}=${enc(v)}`);
  const [k, v] = params[i]!;
  switch (m.k) {
    case 'drop':
      pairs.splice(i, 1);
      break;
    case 'duplicate':
      pairs.push(`${enc(k)}=${enc(`${m.value}x`)}`);
      break;
    case 'replace':
      pairs[i] = `${enc(k)}=${enc(m.value === v ? `${m.value}x` : m.value)}`;
      break;
    case 'raw':
      // Unencoded, possibly broken percent-encoding, as a client might send it.
      pairs[i] = `${enc(k)}=${(m.value === v ? `${m.value}x` : m.value).replace(/[\s#]/g, '')}`;
      break;
  }
  return pairs.join('&');
}

const SEGMENTS = ['..', '.', '%2e%2e', '%2E%2e', '%2e', '%2f', '%2F..', '%00', '%', '%z', '%zz', '%e0%a4%a', '%C0%AE', '\\', '..\\..', '~', '$default', 'orders', 'health', '42', '{id}', '{proxy+}', '*', '%7Bid%7D', 'etc', 'passwd', ''];
const segment = fc.oneof(fc.constantFrom(...SEGMENTS), fc.string({ maxLength: 12 }).map((s) => s.replace(/[\s/?#]/g, '')), fc.integer({ min: 200, max: 3000 }).map((n) => 'a'.repeat(n)));
const hostilePath = fc.record({
  prefix: fc.constantFrom('', '', '/_aws/execute-api/a1b2c3d4e5', '/_aws/execute-api/A1B2C3D4E5', '/_aws/execute-api/a1b2c3d4e5x', '/v2/apis', '/v2/apis/a1b2c3d4e5', '/policy', '/_aws/execute-api'),
  segments: fc.array(segment, { maxLength: 8 }),
  sep: fc.constantFrom('/', '//', '/./'),
  query: fc.oneof(fc.constant(''), fc.string({ maxLength: 30 }).map((s) => `?${s.replace(/[\s#]/g, '')}`), fc.constantFrom('?Action=GetCallerIdentity&Version=2011-06-15', '?%zz=%zz', '?a&&b==c', '?X-Amz-Credential=%ZZ')),
}).map(({ prefix, segments, sep, query }) => `${prefix}/${segments.join(sep)}${query}`);
const hosts = fc.constantFrom(API_HOST, `${API_HOST}:443`, API_HOST.toUpperCase(), 'zzzzzzzzzz.execute-api.us-east-1.amazonaws.com', 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com', `${API_HOST}.evil.example`, 'LOCAL', '', 'a1b2c3d4e5');

/** Policy documents: deeply nested, huge, not JSON, wrongly typed, random. */
const policyDocument = fc.oneof(
  fc.record({ depth: fc.integer({ min: 1, max: 100_000 }), open: fc.constantFrom('[', '{"a":', '{"Statement":') }).map(({ depth, open }) => open.repeat(depth)),
  fc.record({ depth: fc.integer({ min: 1, max: 5_000 }) }).map(({ depth }) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 1, max: 50_000 }).map((depth) => `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":${'{"k":'.repeat(depth)}"v"${'}'.repeat(depth + 1)}}}`),
  fc.integer({ min: 1, max: 3_000 }).map((n) => JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: n }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: `s3:Get${'x'.repeat(i % 50)}*`, Resource: `arn:aws:s3:::b${i}/*` })) })),
  fc.integer({ min: 10_000, max: 900_000 }).map((n) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'a'.repeat(n), Resource: '*' }] })),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('', 'null', 'true', '[]', '{}', '"Statement"', '{"Version":"2012-10-17"}', '{"Statement":null}', '{"Statement":[null]}', '{"Statement":[{"Effect":"Allow","Action":[[["*"]]],"Resource":{"a":1}}]}', '%7B%22Version%22', '\u0000', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:x":"' + '*'.repeat(5000) + 'a"}}}]}'),
  fc.json({ maxDepth: 6 }),
  fc.record({
    Version: fc.oneof(fc.constantFrom('2012-10-17', '2008-10-17', ''), fc.anything()),
    Statement: fc.oneof(fc.anything({ maxDepth: 3 }), fc.array(fc.record({
      Effect: fc.oneof(fc.constantFrom('Allow', 'Deny'), fc.anything({ maxDepth: 1 })),
      Action: fc.oneof(fc.constantFrom('*', 'sts:AssumeRole', 'execute-api:Invoke', 's3:*', '???', '*:*'), fc.array(fc.string(), { maxLength: 4 }), fc.anything({ maxDepth: 1 })),
      Resource: fc.oneof(fc.constantFrom('*', 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/*/*', 'arn:', 'arn:aws:iam::*:role/*'), fc.anything({ maxDepth: 1 })),
      Principal: fc.oneof(fc.constant(undefined), fc.constantFrom('*', { AWS: '*' }, { AWS: ['123', 'arn:aws:iam::222222222222:root'] }, { Service: 42 }), fc.anything({ maxDepth: 2 })),
      Condition: fc.oneof(fc.constant(undefined), fc.anything({ maxDepth: 4 }), fc.dictionary(fc.constantFrom('StringEquals', 'ForAnyValue:StringLike', 'DateLessThan', 'IpAddress', 'Bool', 'NumericGreaterThanIfExists', 'Null', 'Nope'), fc.dictionary(fc.string(), fc.anything({ maxDepth: 1 })))),
    }, { requiredKeys: [] }), { maxLength: 4 })),
  }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
);

type PolicyTarget = 'CreatePolicy' | 'PutRolePolicy' | 'CreateRole' | 'UpdateAssumeRolePolicy' | 'PutUserPolicy' | 'CreatePolicyVersion' | 'SimulateCustomPolicy' | 'SimulatePrincipalPolicy' | 'AssumeRole' | 'ValidatePolicy' | 'CheckNoPublicAccess' | 'CheckAccessNotGranted' | 'CheckNoNewAccess';
const POLICY_TARGETS: PolicyTarget[] = ['CreatePolicy', 'PutRolePolicy', 'CreateRole', 'UpdateAssumeRolePolicy', 'PutUserPolicy', 'CreatePolicyVersion', 'SimulateCustomPolicy', 'SimulatePrincipalPolicy', 'AssumeRole', 'ValidatePolicy', 'CheckNoPublicAccess', 'CheckAccessNotGranted', 'CheckNoNewAccess'];
let created = 0;

function policyRequest(target: PolicyTarget, doc: string): Base {
  const form = (params: Record<string, string>, version = '2010-05-08', service = 'iam', creds: Creds = WRITERS.admin): Base => ({
    method: 'POST', host: local, path: '/', service, region: 'us-east-1', creds, contentType: 'application/x-www-form-urlencoded; charset=utf-8',
    body: new URLSearchParams({ ...params, Version: version }).toString(),
  });
  const json = (path: string, body: unknown): Base => ({ method: 'POST', host: local, path, service: 'access-analyzer', region: 'us-east-1', creds: KEYS.auditor, contentType: 'application/json', body: JSON.stringify(body) });
  const n = ++created;
  switch (target) {
    case 'CreatePolicy': return form({ Action: target, PolicyName: `Fuzz${n}`, PolicyDocument: doc });
    case 'PutRolePolicy': return form({ Action: target, RoleName: 'ApiInvokerRole', PolicyName: `Fuzz${n % 5}`, PolicyDocument: doc });
    case 'CreateRole': return form({ Action: target, RoleName: `Fuzz${n}`, AssumeRolePolicyDocument: doc });
    case 'UpdateAssumeRolePolicy': return form({ Action: target, RoleName: 'OrdersReadOnlyRole', PolicyDocument: doc });
    case 'PutUserPolicy': return form({ Action: target, UserName: 'bystander', PolicyName: 'Fuzz', PolicyDocument: doc });
    case 'CreatePolicyVersion': return form({ Action: target, PolicyArn: 'arn:aws:iam::111111111111:policy/Nope', PolicyDocument: doc });
    case 'SimulateCustomPolicy': return form({ Action: target, 'PolicyInputList.member.1': doc, 'ActionNames.member.1': 'execute-api:Invoke', 'ResourcePolicy': doc }, '2010-05-08', 'iam', KEYS.auditor);
    case 'SimulatePrincipalPolicy': return form({ Action: target, PolicySourceArn: ROLE.invoker, 'PolicyInputList.member.1': doc, 'ActionNames.member.1': 'execute-api:Invoke' }, '2010-05-08', 'iam', KEYS.auditor);
    case 'AssumeRole': return form({ Action: target, RoleArn: ROLE.invoker, RoleSessionName: `fuzz${n}`, Policy: doc }, '2011-06-15', 'sts', KEYS.ciCaller);
    case 'ValidatePolicy': return json('/policy/validation', { policyDocument: doc, policyType: 'IDENTITY_POLICY' });
    case 'CheckNoPublicAccess': return json('/policy/check-no-public-access', { policyDocument: doc, resourceType: 'AWS::IAM::AssumeRolePolicyDocument' });
    case 'CheckAccessNotGranted': return json('/policy/check-access-not-granted', { policyDocument: doc, policyType: 'IDENTITY_POLICY', access: [{ actions: ['execute-api:Invoke'] }] });
    case 'CheckNoNewAccess': return json('/policy/check-no-new-access', { newPolicyDocument: doc, existingPolicyDocument: doc, policyType: 'IDENTITY_POLICY' });
  }
}

/* ---------- the suite ---------- */

describe('hostile input to the embedded AWS', { concurrency: 1 }, () => {
  before(async () => {
    emu = await startEmulator({
      state: loadEstate(CONTROL_PLANE_ESTATE),
      limits: { headersTimeoutMs: 2_000, requestTimeoutMs: 3_000 },
      log: (line) => {
        if (line.startsWith('internal error')) internalErrors.push(line);
      },
    });
    port = emu.port;
    local = `127.0.0.1:${port}`;
    const sts = new STSClient({ region: 'us-east-1', endpoint: emu.url, credentials: KEYS.ciCaller });
    const c = (await sts.send(new AssumeRoleCommand({ RoleArn: ROLE.invoker, RoleSessionName: 'fuzz', DurationSeconds: 3600 }))).Credentials!;
    invoker = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    gc();
    heapBefore = process.memoryUsage().heapUsed;
  });

  after(async () => {
    await emu?.close();
  });

  test('each untouched base request is accepted (so refusals below are the mutations\' doing)', async () => {
    for (const plane of PLANES) {
      const a = await sendRaw(port, await signedRequest(base(plane)));
      assert.equal(a.status, 200, `${plane}: ${a.status} ${a.body.slice(0, 300)}`);
    }
  });

  test('broken SigV4 headers on every endpoint are refused, AWS-shaped', async () => {
    await fuzz('sigv4 headers', 0.22, fc.record({ plane: fc.constantFrom(...PLANES), m: authMutation }), async ({ plane, m }) => {
      const req = await signedRequest(base(plane), { unsignHost: m.k === 'unsignHost' });
      mutateAuth(req, m);
      check('sigv4 headers', req, await sendRaw(port, req), true);
    });
  });

  test('broken presigned queries (missing, duplicate, re-encoded parameters) are refused', async () => {
    await fuzz('presigned queries', 0.12, fc.record({ plane: fc.constantFrom('execute-host' as const, 'sts' as const), m: queryMutation }), async ({ plane, m }) => {
      const p = await presigned(plane);
      const req: RawRequest = { method: 'GET', target: `${p.path}?${mutateQuery(p.params, m)}`, headers: [['host', p.host]] };
      check('presigned queries', req, await sendRaw(port, req), true);
    });
  });

  test('hostile paths, encodings and hosts: traversal and dot segments never reach a protected route', async () => {
    await fuzz('paths and hosts', 0.16, fc.record({ path: hostilePath, host: hosts, method: fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'OPTIONS', 'HEAD', 'PATCH', 'FOO'), signed: fc.boolean() }), async ({ path, host, method, signed }) => {
      const h = host === 'LOCAL' ? local : host;
      let req: RawRequest = { method, target: path, headers: h === '' ? [] : [['host', h]] };
      if (signed && h !== '') {
        const q = path.indexOf('?');
        const headers = await signedHeaders({ method, host: h, path: q === -1 ? path : path.slice(0, q), credentials: invoker, service: 'execute-api' }).catch(() => undefined);
        if (headers) req = { ...req, headers: Object.entries(headers) };
      }
      const a = await sendRaw(port, req);
      check('paths and hosts', req, a, false);
      if (a.status < 300 && a.status >= 200 && a.headers['apigw-requestid'] && method !== 'HEAD') {
        // A data-plane success: either a NONE route, or the caller signed it (then the echo names the caller).
        const echo = JSON.parse(a.body) as { routeKey?: string; requestContext?: { authorizer?: { iam?: { userArn?: string } } } };
        const open = echo.routeKey === 'GET /health';
        assert.ok(open || echo.requestContext?.authorizer?.iam?.userArn, `an unauthenticated success on ${echo.routeKey}: ${method} ${path}`);
      }
    });
  });

  test('invalid form and JSON bodies, unknown actions and versions: AWS-shaped 4xx', async () => {
    const queryBody = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
      fc.constantFrom('Action=%zz&Version=2010-05-08', 'Action=GetRole&Action=ListRoles&Version=2010-05-08&RoleName=ApiInvokerRole', 'a=b=c&&&=', '&&&&', '%', 'Action=GetRole&Version=2010-05-08&RoleName=%E0%A4%A', `Action=GetRole&Version=2010-05-08&RoleName=${'r'.repeat(100_000)}`),
      fc.record({ action: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('GetRole', 'AssumeRole', 'GetCallerIdentity', 'ListRoles', 'SimulatePrincipalPolicy', 'getrole', 'Get Role')), version: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('2010-05-08', '2011-06-15', '', '2099-01-01')), params: fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 }), { maxKeys: 6 }) })
        .map(({ action, version, params }) => new URLSearchParams({ ...params, Action: action, Version: version }).toString()),
    );
    const jsonBody = fc.oneof(
      fc.json({ maxDepth: 5 }),
      fc.string({ maxLength: 100 }),
      fc.integer({ min: 1, max: 100_000 }).map((n) => '{"a":'.repeat(n)),
      fc.integer({ min: 1, max: 50_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
      fc.constantFrom('{"Name":null}', '{"Name":1,"ProtocolType":[]}', '{"RouteKey":"GET /x","AuthorizationType":{}}', '{"policyDocument":1,"policyType":"NOPE"}', `{"Name":"${'n'.repeat(500_000)}","ProtocolType":"HTTP"}`),
      fc.dictionary(fc.constantFrom('Name', 'ProtocolType', 'RouteKey', 'AuthorizationType', 'Target', 'StageName', 'policyDocument', 'policyType', 'access', 'resourceType', 'newPolicyDocument', 'existingPolicyDocument', 'locale', 'maxResults', 'nextToken'), fc.anything({ maxDepth: 2 })).map((o) => JSON.stringify(o)),
    );
    const contentTypes = fc.constantFrom(undefined, 'application/x-www-form-urlencoded; charset=utf-8', 'application/json', 'text/plain', '', 'application/x-www-form-urlencoded; charset=utf-16', 'multipart/form-data; boundary=x');
    const target = fc.oneof(
      fc.record({ kind: fc.constant('query' as const), service: fc.constantFrom('sts', 'iam'), body: queryBody, type: contentTypes }),
      fc.record({ kind: fc.constant('json' as const), path: fc.constantFrom('/v2/apis', '/v2/apis/a1b2c3d4e5/routes', '/v2/apis/a1b2c3d4e5/stages', '/policy/validation', '/policy/check-no-public-access', '/policy/check-access-not-granted', '/policy/check-no-new-access', '/v2/nope', '/policy/nope'), method: fc.constantFrom('POST', 'GET', 'DELETE', 'PUT'), body: jsonBody, type: contentTypes }),
    );
    await fuzz('bodies and actions', 0.2, target, async (t) => {
      const b: Base = t.kind === 'query'
        ? { method: 'POST', host: local, path: '/', body: t.body, contentType: t.type, service: t.service, region: 'us-east-1', creds: t.service === 'sts' ? KEYS.ciCaller : WRITERS.admin }
        : { method: t.method, host: local, path: t.path, body: t.method === 'GET' ? undefined : t.body, contentType: t.type, service: t.path.startsWith('/policy') ? 'access-analyzer' : 'apigateway', region: 'us-east-1', creds: t.path.startsWith('/policy') ? KEYS.auditor : WRITERS.admin };
      const req = await signedRequest(b);
      check('bodies and actions', req, await sendRaw(port, req), false);
    });
  });

  test('policy documents that are deeply nested, huge or not JSON, to every operation that reads one', async () => {
    await fuzz('policy documents', 0.25, fc.record({ target: fc.constantFrom(...POLICY_TARGETS), doc: policyDocument }), async ({ target, doc }) => {
      const req = await signedRequest(policyRequest(target, doc));
      const a = await sendRaw(port, req, 20_000);
      check('policy documents', req, a, false);
    });
  });

  test('the worst documents, to every operation that reads one: answered in time, AWS-shaped', async () => {
    const backtracking = '*a'.repeat(30) + '*b';
    const docs: Record<string, string> = {
      'condition nested 20000 deep': `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":${'{"k":'.repeat(20_000)}"v"${'}'.repeat(20_001)}}}`,
      'action nested 50000 deep': `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":${'['.repeat(50_000)}"*"${']'.repeat(50_000)},"Resource":"*"}}`,
      'principal nested 50000 deep': `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":${'['.repeat(50_000)}"*"${']'.repeat(50_000)}},"Action":"sts:AssumeRole"}}`,
      '3000 statements': JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 3000 }, (_, i) => ({ Effect: 'Allow', Action: `s3:Get${i}*`, Resource: `arn:aws:s3:::b${i}/*` })) }),
      'backtracking wildcards': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: `s3:${backtracking}`, Resource: `arn:aws:s3:::${backtracking}`, Condition: { StringLike: { 'aws:username': backtracking } } }] }),
      'not JSON': '{"Version": "2012-10-17", Statement: [',
      'JSON, not an object': '[["Allow"]]',
    };
    for (const [name, doc] of Object.entries(docs)) {
      for (const target of POLICY_TARGETS) {
        const req = await signedRequest(policyRequest(target, doc));
        const a = await sendRaw(port, req, 20_000);
        check('worst documents', req, a, false);
        assert.ok(a.ms < 5_000, `${target} with ${name} took ${a.ms} ms`);
      }
    }
    // A backtracking pattern in an identity policy, met by every execute-api request of its sessions.
    const put = await signedRequest(policyRequest('PutRolePolicy', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/${backtracking}` }] })));
    check('worst documents', put, await sendRaw(port, put), false);
    const req: RawRequest = { method: 'GET', target: `/orders/${'a'.repeat(4_000)}`, headers: Object.entries(await signedHeaders({ method: 'GET', host: API_HOST, path: `/orders/${'a'.repeat(4_000)}`, credentials: invoker, service: 'execute-api' })) };
    const a = await sendRaw(port, req);
    check('worst documents', req, a, false);
    assert.ok(a.ms < 5_000, `execute-api under a backtracking pattern took ${a.ms} ms`);
  });

  test('nothing crashed, nothing answered 500, and the heap stayed bounded', (t) => {
    assert.deepEqual(internalErrors, [], 'the server logged internal errors');
    gc();
    const grown = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    for (const [group, { cases, statuses }] of tally) {
      t.diagnostic(`${group}: ${cases} inputs; statuses ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`);
    }
    const total = [...tally.values()].reduce((n, x) => n + x.cases, 0);
    t.diagnostic(`${total} hostile inputs in ${Math.round(BUDGET_MS / 1000)} s budget; heap grew ${grown.toFixed(1)} MiB (state includes what fuzzed writes created)`);
    assert.ok(grown < 96, `the heap grew by ${grown.toFixed(1)} MiB`);
  });
});
