/**
 * Authorization before lookup: a caller who may not act on a resource gets the same
 * answer whether it exists or not, on STS, IAM, API Gateway v2 and Access Analyzer
 * (docs/security.md, "Order of checks", lists each operation's order with its source).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { KEYS, ROLE, startSeedEmulator } from '../support/emulator.ts';
import { sendRaw, type RawAnswer } from '../reliability/support/rawHttp.ts';

type Creds = { accessKeyId: string; secretAccessKey: string };

let emu: RunningEmulator;
let port: number;
before(async () => {
  emu = await startSeedEmulator();
  port = (emu.server.address() as AddressInfo).port;
});
after(() => emu.close());

async function call(creds: Creds, service: string, method: string, path: string, body?: string, contentType?: string): Promise<RawAnswer> {
  const host = `127.0.0.1:${port}`;
  const signer = new SignatureV4({ service, region: 'us-east-1', credentials: creds, sha256: Sha256 });
  const headers: Record<string, string> = { host, ...(contentType ? { 'content-type': contentType } : {}) };
  const s = await signer.sign(new HttpRequest({ method, protocol: 'http:', hostname: '127.0.0.1', port, path, headers, body }));
  return sendRaw(port, { method, target: path, headers: Object.entries(s.headers as Record<string, string>), ...(body === undefined ? {} : { body }) });
}

function query(creds: Creds, service: 'sts' | 'iam', params: Record<string, string>): Promise<RawAnswer> {
  const version = service === 'sts' ? '2011-06-15' : '2010-05-08';
  return call(creds, service, 'POST', '/', new URLSearchParams({ Version: version, ...params }).toString(), 'application/x-www-form-urlencoded; charset=utf-8');
}

/** The answer with the request id taken out and the name asked for replaced, for comparing two answers. */
function shape(a: RawAnswer, name: string): string {
  return `${a.status} ${a.body.replace(/<RequestId>[^<]*<\/RequestId>/g, '').replaceAll(name, '<name>')}`;
}

async function sameAnswer(what: string, ask: (name: string) => Promise<RawAnswer>, existing: string, missing: string, status = 403): Promise<void> {
  const a = await ask(existing);
  const b = await ask(missing);
  assert.equal(a.status, status, `${what}: refused for an existing resource (${a.status} ${a.body.slice(0, 300)})`);
  assert.equal(shape(a, existing), shape(b, missing), `${what}: the answer must not depend on whether the resource exists`);
}

const A = '111111111111';

describe('STS', () => {
  test('AssumeRole with PolicyArns: refused alike whether the policy exists (caller without sts:AssumeRole)', async () => {
    await sameAnswer('bystander AssumeRole', (name) => query(KEYS.bystander, 'sts', {
      Action: 'AssumeRole', RoleArn: ROLE.invoker, RoleSessionName: 'probe', 'PolicyArns.member.1.arn': `arn:aws:iam::${A}:policy/${name}`,
    }), 'InvokeOrdersApi', 'NoSuchPolicyAnywhere');
  });

  test('AssumeRole with PolicyArns: refused alike when the trust policy does not admit the caller', async () => {
    await sameAnswer('outsider AssumeRole', (name) => query(KEYS.outsider, 'sts', {
      Action: 'AssumeRole', RoleArn: ROLE.invoker, RoleSessionName: 'probe', 'PolicyArns.member.1.arn': `arn:aws:iam::${A}:policy/${name}`,
    }), 'InvokeOrdersApi', 'NoSuchPolicyAnywhere');
  });

  test('AssumeRole of a role that does not exist is refused like one the caller may not assume', async () => {
    await sameAnswer('bystander AssumeRole role', (name) => query(KEYS.bystander, 'sts', {
      Action: 'AssumeRole', RoleArn: `arn:aws:iam::${A}:role/${name}`, RoleSessionName: 'probe',
    }), 'ApiInvokerRole', 'NoSuchRoleAnywhere');
  });

  test('an allowed caller still learns that a policy does not exist', async () => {
    const r = await query(KEYS.ciCaller, 'sts', { Action: 'AssumeRole', RoleArn: ROLE.invoker, RoleSessionName: 'probe', 'PolicyArns.member.1.arn': `arn:aws:iam::${A}:policy/NoSuchPolicyAnywhere` });
    assert.equal(r.status, 404, `NoSuchEntity once authorized: ${r.body.slice(0, 300)}`);
  });
});

describe('IAM', () => {
  // ci-caller (account B) has no IAM permissions; a role session has none either.
  const cases: Array<[string, (name: string) => Record<string, string>, string]> = [
    ['GetRole', (n) => ({ Action: 'GetRole', RoleName: n }), 'ApiInvokerRole'],
    ['GetUser', (n) => ({ Action: 'GetUser', UserName: n }), 'auditor'],
    ['GetRolePolicy', (n) => ({ Action: 'GetRolePolicy', RoleName: n, PolicyName: 'x' }), 'ApiInvokerRole'],
    ['ListAttachedRolePolicies', (n) => ({ Action: 'ListAttachedRolePolicies', RoleName: n }), 'ApiInvokerRole'],
    ['GetPolicy', (n) => ({ Action: 'GetPolicy', PolicyArn: `arn:aws:iam::${A}:policy/${n}` }), 'InvokeOrdersApi'],
    ['SimulatePrincipalPolicy', (n) => ({ Action: 'SimulatePrincipalPolicy', PolicySourceArn: `arn:aws:iam::222222222222:user/${n}`, 'ActionNames.member.1': 'sts:AssumeRole' }), 'ci-caller'],
  ];
  for (const [op, params, existing] of cases) {
    test(`${op}: refused alike whether the entity exists`, async () => {
      await sameAnswer(op, (name) => query(KEYS.bystander, 'iam', params(name)), existing, 'NoSuchThingAnywhere');
    });
  }
});

describe('API Gateway v2', () => {
  const paths: Array<[string, (id: string) => string]> = [
    ['GetApi', (id) => `/v2/apis/${id}`],
    ['GetRoutes', (id) => `/v2/apis/${id}/routes`],
    ['GetStages', (id) => `/v2/apis/${id}/stages`],
    ['GetRoute', (id) => `/v2/apis/${id}/routes/abc1234`],
  ];
  for (const [op, path] of paths) {
    test(`${op}: refused alike whether the API exists`, async () => {
      await sameAnswer(op, (id) => call(KEYS.bystander, 'apigateway', 'GET', path(id)), 'a1b2c3d4e5', 'zzzzzzzzzz');
    });
  }
});

describe('Access Analyzer', () => {
  test('ValidatePolicy: a caller without access-analyzer permissions is refused before its input is read', async () => {
    const good = JSON.stringify({ policyType: 'IDENTITY_POLICY', policyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) });
    const a = await call(KEYS.bystander, 'access-analyzer', 'POST', '/policy/validation', good, 'application/json');
    const b = await call(KEYS.bystander, 'access-analyzer', 'POST', '/policy/validation', '{"policyType":"NOT_A_TYPE"', 'application/json');
    assert.equal(a.status, 403, `refused: ${a.body}`);
    assert.equal(shape(a, ''), shape(b, ''), 'a broken body is answered as the well-formed one: AccessDeniedException');
  });
});
