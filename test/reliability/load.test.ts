/**
 * Load: many concurrent callers against `crossgate serve` (the seed estate, loopback):
 * role sessions of both roles, the users' own keys, anonymous and tampered requests,
 * allowed and denied routes, and AssumeRole churn (new sessions join the pool as they
 * are issued; bystander and outsider keep being refused). Every single answer is
 * checked against what crossgate's engine (`authorize`, src/policy) predicts from the
 * estate file, and against the request it answers (each carries a nonce the echo must
 * return, and the caller the echo must name): zero 5xx, zero wrong decisions, zero
 * lost or mixed-up answers. Bounded: CROSSGATE_LOAD_REQUESTS (default 3000) and
 * CROSSGATE_LOAD_MS (default 10 s), whichever comes first.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Agent, request } from 'undici';
import { assumedRoleArn, executeApiArn, roleArn, userArn } from '../../src/arn/index.ts';
import { loadEstateFile } from '../../src/emulator/index.ts';
import type { Estate, EstatePolicyDocument } from '../../src/estate/types.ts';
import { authorize, parsePolicy, principalFromArn, type NamedPolicy } from '../../src/policy/index.ts';
import { serve, stop } from '../support/cli.ts';
import { API_HOST, KEYS, SEED_ESTATE } from '../support/emulator.ts';

const MAX_REQUESTS = Number(process.env.CROSSGATE_LOAD_REQUESTS ?? 3_000);
const MAX_MS = Number(process.env.CROSSGATE_LOAD_MS ?? 10_000);
const CONCURRENCY = Number(process.env.CROSSGATE_LOAD_CONCURRENCY ?? 48);
const ACCOUNT_A = '111111111111';

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
interface Principal { label: string; arn: string; creds: Creds; policies: NamedPolicy[] }

let child: ChildProcess;
let origin: string;
let estate: Estate;
const agent = new Agent({ connections: CONCURRENCY * 2, pipelining: 1 });

/* ---------- the prediction: the estate file, read independently, and crossgate's engine ---------- */

function named(doc: EstatePolicyDocument, name: string, kind: NamedPolicy['kind'] = 'identity'): NamedPolicy {
  const parsed = parsePolicy(doc, { kind });
  if (!parsed.ok) throw new Error(`${name}: ${parsed.problems.map((p) => p.message).join('; ')}`);
  return { name, kind, policy: parsed.policy };
}

function identityPolicies(account: string, entity: { inlinePolicies?: Record<string, EstatePolicyDocument>; attachedPolicies?: string[] }): NamedPolicy[] {
  const acct = estate.accounts.find((a) => a.id === account)!;
  const inline = Object.entries(entity.inlinePolicies ?? {}).map(([n, d]) => named(d, n));
  const attached = (entity.attachedPolicies ?? []).map((ref) => {
    const name = ref.startsWith('arn:') ? ref.split('/').at(-1)! : ref;
    const p = acct.policies?.find((x) => x.name === name);
    if (!p) throw new Error(`no managed policy ${ref} in ${account}`);
    return named(p.document, ref);
  });
  return [...inline, ...attached];
}

function user(account: string, name: string, creds: Creds): Principal {
  const u = estate.accounts.find((a) => a.id === account)!.users!.find((x) => x.name === name)!;
  return { label: name, arn: userArn(account, name, u.path ?? '/'), creds, policies: identityPolicies(account, u) };
}

function role(name: string) {
  const r = estate.accounts.find((a) => a.id === ACCOUNT_A)!.roles!.find((x) => x.name === name)!;
  return { name, arn: roleArn(ACCOUNT_A, name, r.path ?? '/'), trust: named(r.assumeRolePolicyDocument, `${name}#trust`, 'trust'), policies: identityPolicies(ACCOUNT_A, r) };
}

interface Route { method: string; segments: string[]; key: string; authorizationType: string }
let routes: Route[] = [];

function matchRoute(method: string, path: string): Route | undefined {
  const segs = path.split('/').filter(Boolean);
  const fits = (r: Route) => (r.method === method || r.method === 'ANY') && r.segments.length === segs.length && r.segments.every((s, i) => (s.startsWith('{') ? true : s === segs[i]));
  // Literal segments beat parameters (the seed's routes need no more than that).
  return routes.filter(fits).sort((a, b) => b.segments.filter((s) => !s.startsWith('{')).length - a.segments.filter((s) => !s.startsWith('{')).length)[0];
}

type Caller = { kind: 'anonymous' } | { kind: 'signed'; who: Principal; tamper: boolean };

interface Prediction { status: number; errorType?: string; routeKey?: string; callerArn?: string }

function predictInvoke(caller: Caller, method: string, path: string): Prediction {
  const route = matchRoute(method, path);
  if (!route) return { status: 404, errorType: 'NotFoundException' };
  if (route.authorizationType === 'NONE') return { status: 200, routeKey: route.key };
  if (caller.kind === 'anonymous') return { status: 403, errorType: 'MissingAuthenticationTokenException' };
  if (caller.tamper) return { status: 403, errorType: 'InvalidSignatureException' };
  const decision = authorize({
    principal: principalFromArn(caller.who.arn)!,
    action: 'execute-api:Invoke',
    resource: executeApiArn({ region: estate.region, accountId: ACCOUNT_A, apiId: 'a1b2c3d4e5', stage: '$default', method, path }),
    resourceAccount: ACCOUNT_A,
    context: { 'aws:SecureTransport': 'false', 'aws:SourceIp': '127.0.0.1' },
    identityPolicies: caller.who.policies,
  }).decision;
  return decision === 'allowed' ? { status: 200, routeKey: route.key, callerArn: caller.who.arn } : { status: 403, errorType: 'AccessDeniedException' };
}

function predictAssume(caller: Principal, target: ReturnType<typeof role>): boolean {
  return authorize({
    principal: principalFromArn(caller.arn)!,
    action: 'sts:AssumeRole',
    resource: target.arn,
    resourceAccount: ACCOUNT_A,
    context: { 'aws:SecureTransport': 'false', 'aws:SourceIp': '127.0.0.1' },
    identityPolicies: caller.policies,
    resourcePolicy: target.trust,
    resourcePolicyRequired: true,
  }).decision === 'allowed';
}

/* ---------- the wire ---------- */

async function sign(creds: Creds, service: string, method: string, host: string, path: string, query: Record<string, string>, body?: string, headers: Record<string, string> = {}) {
  const signer = new SignatureV4({ service, region: 'us-east-1', credentials: creds, sha256: Sha256 });
  const s = await signer.sign(new HttpRequest({ method, hostname: host.replace(/:\d+$/, ''), path, query, protocol: 'http:', headers: { host, ...headers }, body }));
  return s.headers as Record<string, string>;
}

interface Tally {
  requests: number; invokes: number; assumes: number; fiveXx: number; wrong: string[]; byStatus: Map<string, number>; latencies: number[];
}

const tally: Tally = { requests: 0, invokes: 0, assumes: 0, fiveXx: 0, wrong: [], byStatus: new Map(), latencies: [] };

function note(kind: string, status: number, ms: number): void {
  tally.requests++;
  tally.latencies.push(ms);
  if (status >= 500) tally.fiveXx++;
  const k = `${kind} ${status}`;
  tally.byStatus.set(k, (tally.byStatus.get(k) ?? 0) + 1);
}

let nonce = 0;

async function invoke(caller: Caller, method: string, path: string): Promise<void> {
  const n = `${process.pid}-${++nonce}`;
  const query = { n };
  let headers: Record<string, string> = { host: API_HOST };
  if (caller.kind === 'signed') {
    headers = await sign(caller.who.creds, 'execute-api', method, API_HOST, path, query);
    if (caller.tamper) headers.authorization = headers.authorization!.replace(/Signature=([0-9a-f])/, (_m, c: string) => `Signature=${c === '0' ? '1' : '0'}`);
  }
  const expected = predictInvoke(caller, method, path);
  const started = performance.now();
  const res = await request(`${origin}${path}?n=${n}`, { method: method as 'GET', headers, dispatcher: agent });
  const text = await res.body.text();
  note('invoke', res.statusCode, performance.now() - started);
  tally.invokes++;
  const who = caller.kind === 'anonymous' ? 'anonymous' : `${caller.who.label}${caller.tamper ? ' (tampered)' : ''}`;
  const what = `${method} ${path} as ${who}`;
  if (res.statusCode !== expected.status) return void tally.wrong.push(`${what}: ${res.statusCode}, the engine predicts ${expected.status}`);
  const errorType = (res.headers['x-amzn-errortype'] as string | undefined)?.split(':')[0];
  if (expected.errorType && errorType !== expected.errorType) return void tally.wrong.push(`${what}: ${errorType}, predicted ${expected.errorType}`);
  if (res.statusCode === 200) {
    const echo = JSON.parse(text) as { routeKey: string; rawQueryString: string; requestContext: { http: { method: string }; authorizer?: { iam?: { userArn?: string } } } };
    if (echo.rawQueryString !== `n=${n}`) tally.wrong.push(`${what}: the answer is for another request (${echo.rawQueryString})`);
    if (echo.routeKey !== expected.routeKey) tally.wrong.push(`${what}: route ${echo.routeKey}, predicted ${expected.routeKey}`);
    if (echo.requestContext.http.method !== method) tally.wrong.push(`${what}: answered for ${echo.requestContext.http.method}`);
    if (expected.callerArn !== undefined && echo.requestContext.authorizer?.iam?.userArn !== expected.callerArn) {
      tally.wrong.push(`${what}: the API saw ${echo.requestContext.authorizer?.iam?.userArn}, not ${expected.callerArn}`);
    }
  }
}

async function assume(caller: Principal, target: ReturnType<typeof role>): Promise<Principal | undefined> {
  const session = `load-${++nonce}`;
  const body = new URLSearchParams({ Action: 'AssumeRole', Version: '2011-06-15', RoleArn: target.arn, RoleSessionName: session, DurationSeconds: '900' }).toString();
  const host = new URL(origin).host;
  const headers = await sign(caller.creds, 'sts', 'POST', host, '/', {}, body, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' });
  const allowed = predictAssume(caller, target);
  const started = performance.now();
  const res = await request(`${origin}/`, { method: 'POST', headers, body, dispatcher: agent });
  const xml = await res.body.text();
  note('assume', res.statusCode, performance.now() - started);
  tally.assumes++;
  const what = `${caller.label} assumes ${target.name}`;
  if (res.statusCode !== (allowed ? 200 : 403)) return void tally.wrong.push(`${what}: ${res.statusCode}, the engine predicts ${allowed ? 200 : 403}`);
  if (!allowed) {
    if (!/<Code>AccessDenied<\/Code>/.test(xml)) tally.wrong.push(`${what}: refused without AccessDenied`);
    return undefined;
  }
  const arn = /<Arn>([^<]+)<\/Arn>/.exec(xml)?.[1];
  const expectedArn = assumedRoleArn(ACCOUNT_A, target.name, session);
  if (arn !== expectedArn) return void tally.wrong.push(`${what}: the answer names ${arn}, not ${expectedArn}`);
  const pick = (tag: string) => new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(xml)?.[1]!;
  return { label: `${target.name} session`, arn: expectedArn, creds: { accessKeyId: pick('AccessKeyId'), secretAccessKey: pick('SecretAccessKey'), sessionToken: pick('SessionToken') }, policies: target.policies };
}

describe('load on the embedded AWS', () => {
  before(async () => {
    estate = loadEstateFile(SEED_ESTATE);
    const api = estate.accounts.find((a) => a.id === ACCOUNT_A)!.apis!.find((a) => a.apiId === 'a1b2c3d4e5')!;
    routes = api.routes.map((r) => {
      const [method = '', path = '/'] = r.routeKey.split(' ', 2);
      return { method, segments: path.split('/').filter(Boolean), key: r.routeKey, authorizationType: r.authorizationType ?? 'NONE' };
    });
    let url: string;
    ({ child, url } = await serve(['--estate', SEED_ESTATE]));
    origin = url;
    assert.match(origin, /^http:\/\/127\.0\.0\.1:/, 'loopback only');
  });

  after(async () => {
    await agent.close();
    if (child?.exitCode === null) await stop(child);
  });

  test(`${CONCURRENCY} concurrent callers, every answer as the engine predicts`, async (t) => {
    const users = {
      ciCaller: user('222222222222', 'ci-caller', KEYS.ciCaller),
      bystander: user('222222222222', 'bystander', KEYS.bystander),
      outsider: user('333333333333', 'outsider', KEYS.outsider),
      auditor: user(ACCOUNT_A, 'auditor', KEYS.auditor),
    };
    const roles = [role('ApiInvokerRole'), role('OrdersReadOnlyRole')];
    const sessions: Principal[] = [];
    for (const r of roles) sessions.push((await assume(users.ciCaller, r))!);
    assert.equal(sessions.length, 2);
    assert.deepEqual(tally.wrong, []);

    const METHODS = ['GET', 'GET', 'GET', 'GET', 'POST', 'POST', 'DELETE', 'DELETE', 'PUT'];
    const PATHS = ['/orders', '/orders', '/orders/42', '/orders/9000', '/health', '/nope'];
    let rnd = 0x2545f491;
    const random = (n: number) => {
      rnd ^= rnd << 13; rnd ^= rnd >>> 17; rnd ^= rnd << 5;
      return (rnd >>> 0) % n;
    };
    const started = performance.now();
    const deadline = started + MAX_MS;
    let issued = 0;
    const worker = async () => {
      while (issued < MAX_REQUESTS && performance.now() < deadline) {
        issued++;
        const roll = random(100);
        if (roll < 6) {
          // Churn: ci-caller takes a new session of either role; the others keep being refused.
          const caller = [users.ciCaller, users.ciCaller, users.bystander, users.outsider][random(4)]!;
          const s = await assume(caller, roles[random(2)]!);
          if (s && sessions.length < 16) sessions.push(s);
          else if (s) sessions[2 + random(sessions.length - 2)] = s;
          continue;
        }
        const method = METHODS[random(METHODS.length)]!;
        const path = PATHS[random(PATHS.length)]!;
        const pick = random(10);
        const caller: Caller =
          pick < 5 ? { kind: 'signed', who: sessions[random(sessions.length)]!, tamper: false }
          : pick < 7 ? { kind: 'signed', who: Object.values(users)[random(4)]!, tamper: false }
          : pick < 8 ? { kind: 'signed', who: sessions[random(sessions.length)]!, tamper: true }
          : { kind: 'anonymous' };
        await invoke(caller, method, path);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    const sorted = [...tally.latencies].sort((a, b) => a - b);
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!.toFixed(1);
    t.diagnostic(`${tally.requests} requests (${tally.invokes} execute-api, ${tally.assumes} AssumeRole) from ${CONCURRENCY} concurrent callers in ${seconds.toFixed(1)} s: ${(tally.requests / seconds).toFixed(0)} requests/s; latency p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`);
    t.diagnostic(`answers: ${[...tally.byStatus].sort().map(([k, v]) => `${k}×${v}`).join(', ')}; sessions in the pool at the end: ${sessions.length}`);
    t.diagnostic(`5xx: ${tally.fiveXx}; wrong decisions or mixed-up answers: ${tally.wrong.length}`);
    assert.equal(tally.fiveXx, 0);
    assert.deepEqual(tally.wrong.slice(0, 20), []);
    assert.ok(tally.requests >= Math.min(MAX_REQUESTS, 500), `only ${tally.requests} requests in ${MAX_MS} ms`);
    for (const k of ['invoke 200', 'invoke 403', 'invoke 404', 'assume 200', 'assume 403']) assert.ok(tally.byStatus.get(k), `the load included ${k}`);
  });
});
