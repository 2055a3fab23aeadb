/**
 * No way in without the keys, on both planes: for every endpoint (execute-api by host
 * and by path; STS, IAM, API Gateway and Access Analyzer), a correctly signed request
 * gets through, and each way of faking or stretching a signature is refused by
 * authentication: unsigned, another secret, a presigned URL replayed after
 * X-Amz-Expires, one session's token with another session's key, credentials after
 * their Expiration, a scope for another region or service, signed headers without host.
 * The embedded AWS listens on loopback unless told otherwise, and says so loudly then.
 *
 * (test/emulator/executeapi.test.ts and sts.test.ts check AWS's exact wording for
 * several of these; this file is the matrix across endpoints.)
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { API_HOST, KEYS, ROLE, startSeedEmulator, TestClock } from '../support/emulator.ts';
import { serve, stop } from '../support/cli.ts';
import { sendRaw, type RawAnswer, type RawRequest } from '../reliability/support/rawHttp.ts';

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

const clock = new TestClock();
let emu: RunningEmulator;
let local: string;
let sessionA: Creds; // ci-caller as ApiInvokerRole
let sessionB: Creds; // ci-caller as OrdersReadOnlyRole

/** Codes an authentication failure may carry, per protocol. */
const AUTH_CODES = new Set([
  'MissingAuthenticationToken', 'IncompleteSignature', 'InvalidClientTokenId', 'ExpiredToken', 'SignatureDoesNotMatch',
  'MissingAuthenticationTokenException', 'IncompleteSignatureException', 'UnrecognizedClientException', 'ExpiredTokenException', 'InvalidSignatureException',
]);

interface Endpoint {
  name: string;
  method: string;
  host: () => string;
  path: string;
  query?: Record<string, string>;
  body?: string;
  contentType?: string;
  service: string;
  region: string;
  /** Credentials whose correctly signed request gets a 200 here. */
  user: () => Creds;
  /** Session credentials for the session attacks, and what a correct session request gets. */
  session: () => Creds;
  sessionOk: number;
}

const form = (action: string, version: string, extra: Record<string, string> = {}) => new URLSearchParams({ Action: action, Version: version, ...extra }).toString();

const ENDPOINTS: Endpoint[] = [
  { name: 'execute-api (host)', method: 'GET', host: () => API_HOST, path: '/orders', service: 'execute-api', region: 'us-east-1', user: () => sessionA, session: () => sessionA, sessionOk: 200 },
  { name: 'execute-api (path)', method: 'GET', host: () => local, path: '/_aws/execute-api/a1b2c3d4e5/orders/42', service: 'execute-api', region: 'us-east-1', user: () => sessionA, session: () => sessionA, sessionOk: 200 },
  { name: 'sts', method: 'POST', host: () => local, path: '/', body: form('GetCallerIdentity', '2011-06-15'), contentType: 'application/x-www-form-urlencoded; charset=utf-8', service: 'sts', region: 'us-east-1', user: () => KEYS.ciCaller, session: () => sessionA, sessionOk: 200 },
  // A role session may not read IAM: authenticated, it gets AccessDenied (403), never an authentication error.
  { name: 'iam', method: 'POST', host: () => local, path: '/', body: form('GetRole', '2010-05-08', { RoleName: 'ApiInvokerRole' }), contentType: 'application/x-www-form-urlencoded; charset=utf-8', service: 'iam', region: 'us-east-1', user: () => KEYS.auditor, session: () => sessionA, sessionOk: 403 },
  { name: 'apigateway', method: 'GET', host: () => local, path: '/v2/apis/a1b2c3d4e5/routes', service: 'apigateway', region: 'us-east-1', user: () => KEYS.auditor, session: () => sessionA, sessionOk: 403 },
  {
    name: 'access-analyzer', method: 'POST', host: () => local, path: '/policy/check-no-public-access', contentType: 'application/json', service: 'access-analyzer', region: 'us-east-1', user: () => KEYS.auditor, session: () => sessionA, sessionOk: 403,
    body: JSON.stringify({ resourceType: 'AWS::IAM::AssumeRolePolicyDocument', policyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'sts:AssumeRole' }] }) }),
  },
];

interface SignOptions { creds: Creds; service?: string; region?: string; unsignHost?: boolean; date?: Date }

async function signed(e: Endpoint, o: SignOptions): Promise<RawRequest> {
  const signer = new SignatureV4({ service: o.service ?? e.service, region: o.region ?? e.region, credentials: o.creds, sha256: Sha256 });
  const headers: Record<string, string> = { host: e.host(), ...(e.contentType ? { 'content-type': e.contentType } : {}) };
  const s = await signer.sign(
    new HttpRequest({ method: e.method, hostname: e.host().replace(/:\d+$/, ''), path: e.path, protocol: 'http:', headers, body: e.body, query: e.query ?? {} }),
    { signingDate: o.date ?? clock.now(), ...(o.unsignHost ? { unsignableHeaders: new Set(['host']) } : {}) },
  );
  return { method: e.method, target: e.path, headers: Object.entries(s.headers as Record<string, string>), body: e.body };
}

function unsigned(e: Endpoint): RawRequest {
  return { method: e.method, target: e.path, headers: [['host', e.host()], ...(e.contentType ? [['content-type', e.contentType] as [string, string]] : [])], body: e.body };
}

function errorCode(a: RawAnswer): string {
  return a.headers['x-amzn-errortype']?.split(':')[0] ?? /<Code>([^<]+)<\/Code>/.exec(a.body)?.[1] ?? '';
}

async function send(req: RawRequest): Promise<RawAnswer> {
  return sendRaw(emu.port, req);
}

/** Refused by authentication: a 4xx with an authentication error code. */
function assertRefused(e: Endpoint, attack: string, a: RawAnswer, codes: Set<string> = AUTH_CODES): void {
  assert.ok(a.status >= 400 && a.status < 500, `${e.name}, ${attack}: status ${a.status}: ${a.body.slice(0, 200)}`);
  const code = errorCode(a);
  assert.ok(codes.has(code), `${e.name}, ${attack}: refused with ${code || 'no code'} (${a.status}), not an authentication error: ${a.body.slice(0, 200)}`);
}

before(async () => {
  emu = await startSeedEmulator(clock);
  local = `127.0.0.1:${emu.port}`;
  const sts = new STSClient({ region: 'us-east-1', endpoint: emu.url, credentials: KEYS.ciCaller });
  const a = (await sts.send(new AssumeRoleCommand({ RoleArn: ROLE.invoker, RoleSessionName: 'no-way-in-a', DurationSeconds: 900 }))).Credentials!;
  const b = (await sts.send(new AssumeRoleCommand({ RoleArn: ROLE.readOnly, RoleSessionName: 'no-way-in-b', DurationSeconds: 900 }))).Credentials!;
  sessionA = { accessKeyId: a.AccessKeyId!, secretAccessKey: a.SecretAccessKey!, sessionToken: a.SessionToken! };
  sessionB = { accessKeyId: b.AccessKeyId!, secretAccessKey: b.SecretAccessKey!, sessionToken: b.SessionToken! };
});
after(() => emu.close());

for (const e of ENDPOINTS) {
  describe(`no way into ${e.name} without the keys`, () => {
    test('the correctly signed request gets through (control)', async () => {
      assert.equal((await send(await signed(e, { creds: e.user() }))).status, 200);
      const s = await send(await signed(e, { creds: e.session() }));
      assert.equal(s.status, e.sessionOk, s.body.slice(0, 200));
      if (s.status !== 200) assert.ok(!AUTH_CODES.has(errorCode(s)), `the session authenticates here (then is denied): ${errorCode(s)}`);
    });

    test('unsigned', async () => {
      assertRefused(e, 'unsigned', await send(unsigned(e)), new Set(['MissingAuthenticationToken', 'MissingAuthenticationTokenException']));
    });

    test('signed with another secret', async () => {
      const creds = { ...e.user(), secretAccessKey: KEYS.bystander.secretAccessKey };
      assertRefused(e, 'another secret', await send(await signed(e, { creds })), new Set(['SignatureDoesNotMatch', 'InvalidSignatureException']));
    });

    test('signed headers that omit host', async () => {
      const req = await signed(e, { creds: e.user(), unsignHost: true });
      assert.ok(!/SignedHeaders=[^,]*\bhost\b/.test(req.headers.find(([k]) => k.toLowerCase() === 'authorization')![1]), 'host is not signed');
      assertRefused(e, 'host not signed', await send(req), new Set(['IncompleteSignature', 'IncompleteSignatureException']));
    });

    test("one session's token with another session's key", async () => {
      const creds = { ...sessionA, sessionToken: sessionB.sessionToken };
      assertRefused(e, 'swapped token', await send(await signed(e, { creds })), new Set(['InvalidClientTokenId', 'UnrecognizedClientException']));
      const noToken = { accessKeyId: sessionA.accessKeyId, secretAccessKey: sessionA.secretAccessKey };
      assertRefused(e, 'session key without its token', await send(await signed(e, { creds: noToken })), new Set(['InvalidClientTokenId', 'UnrecognizedClientException']));
    });

    test('session credentials after their Expiration', async () => {
      clock.advance(901);
      try {
        // Signed at the (moved) time, so only the credentials are stale.
        assertRefused(e, 'expired session', await send(await signed(e, { creds: e.session() })), new Set(['ExpiredToken', 'ExpiredTokenException']));
      } finally {
        clock.advance(-901);
      }
    });

    test('a presigned URL replayed after X-Amz-Expires', async () => {
      if (e.method !== 'GET' && e.service !== 'sts' && e.service !== 'iam') return; // a REST-JSON POST carries its input in the body
      const signer = new SignatureV4({ service: e.service, region: e.region, credentials: e.user(), sha256: Sha256 });
      const query = e.body && e.method === 'POST' ? Object.fromEntries(new URLSearchParams(e.body)) : (e.query ?? {});
      const p = await signer.presign(new HttpRequest({ method: 'GET', hostname: e.host().replace(/:\d+$/, ''), path: e.path, protocol: 'http:', headers: { host: e.host() }, query }), { expiresIn: 60, signingDate: clock.now() });
      const qs = Object.entries(p.query ?? {}).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
      const req: RawRequest = { method: 'GET', target: `${e.path}?${qs}`, headers: [['host', e.host()]] };
      const fresh = await send(req);
      assert.equal(fresh.status, 200, `${e.name}: the presigned URL works within its window: ${fresh.body.slice(0, 200)}`);
      clock.advance(61);
      try {
        assertRefused(e, 'presigned URL past X-Amz-Expires', await send(req), new Set(['SignatureDoesNotMatch', 'InvalidSignatureException']));
      } finally {
        clock.advance(-61);
      }
    });

    test('a signature scoped to another region or service', async () => {
      const other = e.service === 'execute-api' ? 'sts' : e.service === 'iam' ? 'sts' : 'iam';
      const a = await send(await signed(e, { creds: e.user(), service: other }));
      assert.ok(a.status >= 400 && a.status < 500, `${e.name}, scoped to ${other}: ${a.status}: ${a.body.slice(0, 200)}`);
      const unknown = await send(await signed(e, { creds: e.user(), service: 's3' }));
      assert.ok(unknown.status >= 400 && unknown.status < 500, `${e.name}, scoped to s3: ${unknown.status}`);
      if (e.service === 'execute-api' || e.service === 'iam') {
        // The API's region is in its host name; IAM is global and signs in us-east-1. The regional
        // control-plane services stand for every regional endpoint, so there the scope names the region addressed.
        assertRefused(e, 'scoped to eu-west-1', await send(await signed(e, { creds: e.user(), region: 'eu-west-1' })), new Set(['SignatureDoesNotMatch', 'InvalidSignatureException']));
      }
    });
  });
}

describe('the embedded AWS listens on loopback unless told otherwise', () => {
  test('startEmulator binds 127.0.0.1 by default', () => {
    assert.equal((emu.server.address() as AddressInfo).address, '127.0.0.1');
    assert.equal(emu.host, '127.0.0.1');
  });

  test('crossgate serve: loopback by default, without a warning', async () => {
    const s = await serve();
    try {
      assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.doesNotMatch(s.stderr(), /WARNING/);
    } finally {
      await stop(s.child);
    }
  });

  test('crossgate serve --host 0.0.0.0 warns loudly that the published keys are reachable', async () => {
    const s = await serve(['--host', '0.0.0.0']);
    try {
      assert.match(s.url, /^http:\/\/0\.0\.0\.0:\d+$/);
      for (let i = 0; i < 40 && !/anyone who can reach/.test(s.stderr()); i++) await new Promise((r) => setTimeout(r, 50));
      assert.match(s.stderr(), /^WARNING: the embedded AWS is listening on 0\.0\.0\.0, not on loopback\./m);
      assert.match(s.stderr(), /anyone who can reach this address can act as them/);
    } finally {
      await stop(s.child);
    }
  });
});
