/**
 * Bounded work per request: the largest legal simulations and policy checks are
 * answered (never a 5xx, never out of memory), a page of results is sized, and
 * while one runs a concurrent GET /health is answered first (an ordering, not a
 * time: the heavy request must not hold the server).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { KEYS, startSeedEmulator } from '../support/emulator.ts';
import { sendRaw, type RawAnswer, type RawRequest } from '../reliability/support/rawHttp.ts';

let emu: RunningEmulator;
let port: number;
before(async () => {
  emu = await startSeedEmulator();
  port = (emu.server.address() as AddressInfo).port;
});
after(() => emu.close());

async function signed(service: string, path: string, body: string, contentType: string): Promise<RawRequest> {
  const host = `127.0.0.1:${port}`;
  const signer = new SignatureV4({ service, region: 'us-east-1', credentials: KEYS.auditor, sha256: Sha256 });
  const s = await signer.sign(new HttpRequest({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port, path, headers: { host, 'content-type': contentType }, body }));
  return { method: 'POST', target: path, headers: Object.entries(s.headers as Record<string, string>), body };
}

const HEALTH: RawRequest = { method: 'GET', target: '/_aws/execute-api/a1b2c3d4e5/health', headers: [['host', 'localhost']] };

/** Sends the heavy request, then a health check; returns both answers and which finished first. */
async function withHealthCheck(heavy: RawRequest): Promise<{ heavy: RawAnswer; health: RawAnswer; healthFirst: boolean }> {
  let heavyDone = false;
  const pending = sendRaw(port, heavy, 60_000).then((a) => {
    heavyDone = true;
    return a;
  });
  await new Promise((r) => setTimeout(r, 30));
  const health = await sendRaw(port, HEALTH, 60_000);
  const healthFirst = !heavyDone;
  const answer = await pending;
  return { heavy: answer, health, healthFirst };
}

function simulateCustom(actions: number, resources: number, maxItems: number, policy: string): string {
  const p = new URLSearchParams({ Action: 'SimulateCustomPolicy', Version: '2010-05-08', MaxItems: String(maxItems), 'PolicyInputList.member.1': policy });
  for (let i = 1; i <= actions; i++) p.append(`ActionNames.member.${i}`, `s3:GetObject${i}`);
  for (let i = 1; i <= resources; i++) p.append(`ResourceArns.member.${i}`, `arn:aws:s3:::bucket/${i}`);
  return p.toString();
}

const count = (xml: string, tag: string) => xml.split(`<${tag}>`).length - 1;

describe('IAM policy simulator', () => {
  test('600 actions x 600 resources, MaxItems=1000: one bounded page, and /health is answered meanwhile', async () => {
    // 300 statements: each of the 1000 results of the page is a real evaluation.
    const statements = Array.from({ length: 300 }, (_, i) => ({ Effect: 'Allow', Action: `s3:GetObject${i}`, Resource: `arn:aws:s3:::bucket/${i}` }));
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    const r = await withHealthCheck(await signed('iam', '/', simulateCustom(600, 600, 1000, policy), 'application/x-www-form-urlencoded'));
    assert.equal(r.heavy.status, 200, `answered: ${r.heavy.body.slice(0, 300)}`);
    const n = count(r.heavy.body, 'EvalActionName');
    assert.ok(n >= 1 && n <= 1000, `at most MaxItems results: ${n}`);
    assert.match(r.heavy.body, /<IsTruncated>true<\/IsTruncated>/, 'truncated, with a Marker to go on');
    assert.match(r.heavy.body, /<Marker>[^<]+<\/Marker>/, 'a Marker');
    assert.equal(r.health.status, 200, 'GET /health answered');
    assert.ok(r.healthFirst, 'GET /health was answered while the simulation ran');
  });

  test('a 130 KB policy matching every pair, MaxItems=1000: 200 with a sized page, not a 500', async () => {
    const statement = { Effect: 'Allow', Action: 's3:*', Resource: '*' };
    const statements = Array.from({ length: 2600 }, () => statement);
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    assert.ok(policy.length <= 131072, `a legal policy document: ${policy.length} characters`);
    const r = await withHealthCheck(await signed('iam', '/', simulateCustom(40, 40, 1000, policy), 'application/x-www-form-urlencoded'));
    assert.equal(r.heavy.status, 200, `answered: ${r.heavy.status} ${r.heavy.body.slice(0, 300)}`);
    assert.ok(r.heavy.body.length < 64 * 1024 * 1024, `the page is sized: ${r.heavy.body.length} bytes`);
    assert.match(r.heavy.body, /<IsTruncated>true<\/IsTruncated>/, 'fewer than MaxItems results, and a Marker');
    assert.ok(r.healthFirst, 'GET /health was answered while the simulation ran');
  });

  test('4,500 actions x 4,500 resources: answered, a page at a time, and the Marker goes on', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] });
    const body = simulateCustom(4500, 4500, 1000, policy);
    const first = await sendRaw(port, await signed('iam', '/', body, 'application/x-www-form-urlencoded'), 60_000);
    assert.equal(first.status, 200, `answered: ${first.status} ${first.body.slice(0, 300)}`);
    const marker = /<Marker>([^<]+)<\/Marker>/.exec(first.body)?.[1];
    assert.ok(marker, 'a Marker');
    const next = await sendRaw(port, await signed('iam', '/', `${body}&Marker=${encodeURIComponent(marker)}`, 'application/x-www-form-urlencoded'), 60_000);
    assert.equal(next.status, 200, `the next page: ${next.body.slice(0, 300)}`);
    assert.ok(count(next.body, 'EvalActionName') > 0, 'has results');
  });
});

describe('Access Analyzer', () => {
  test('ValidatePolicy of ~130 KB of wildcard actions that match nothing: answered, and /health meanwhile', async () => {
    const actions = Array.from({ length: 7000 }, (_, i) => `ec2:*Zz${i}*q`);
    const policyDocument = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
    assert.ok(policyDocument.length <= 131072, `a legal document: ${policyDocument.length}`);
    const r = await withHealthCheck(await signed('access-analyzer', '/policy/validation', JSON.stringify({ policyType: 'IDENTITY_POLICY', policyDocument }), 'application/json'));
    assert.equal(r.heavy.status, 200, `answered: ${r.heavy.status} ${r.heavy.body.slice(0, 300)}`);
    assert.ok(r.heavy.body.includes('INVALID_ACTION'), 'every pattern that matches nothing is reported');
    assert.ok(r.healthFirst, 'GET /health was answered while the policy was analyzed');
  });

  test('CheckNoNewAccess of two 3 KB policies of crossing wildcards: answered (never a 5xx), and /health meanwhile', async () => {
    const doc = (f: (i: number) => string) => JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: Array.from({ length: 40 }, (_, i) => `s3:*${i}*a*`), Resource: Array.from({ length: 40 }, (_, i) => f(i)) },
        { Effect: 'Deny', Action: Array.from({ length: 40 }, (_, i) => `s3:*b${i}*`), Resource: Array.from({ length: 40 }, (_, i) => `arn:aws:s3:::*x${i}*/*y*`) },
      ],
    });
    const body = JSON.stringify({ policyType: 'IDENTITY_POLICY', newPolicyDocument: doc((i) => `arn:aws:s3:::*${i}*/*z*`), existingPolicyDocument: doc((i) => `arn:aws:s3:::*q${i}*/*`) });
    const r = await withHealthCheck(await signed('access-analyzer', '/policy/check-no-new-access', body, 'application/json'));
    assert.ok(r.heavy.status === 200 || r.heavy.status === 429, `answered, or throttled as AWS does when overloaded: ${r.heavy.status} ${r.heavy.body.slice(0, 200)}`);
    if (r.heavy.status === 429) assert.equal(r.heavy.headers['x-amzn-errortype'], 'ThrottlingException', 'as ThrottlingException');
    assert.ok(r.healthFirst, 'GET /health was answered while the policies were compared');
  });

  test('a document beyond the size limit is a ValidationException, not work', async () => {
    const policyDocument = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'x'.repeat(140_000) }] });
    const a = await sendRaw(port, await signed('access-analyzer', '/policy/validation', JSON.stringify({ policyType: 'IDENTITY_POLICY', policyDocument }), 'application/json'));
    assert.equal(a.status, 400, `refused: ${a.body.slice(0, 200)}`);
    assert.equal(a.headers['x-amzn-errortype'], 'ValidationException', 'as ValidationException');
  });
});

describe('STS session policies', () => {
  async function assumeRole(extra: Record<string, string>): Promise<RawAnswer> {
    const body = new URLSearchParams({ Action: 'AssumeRole', Version: '2011-06-15', RoleArn: 'arn:aws:iam::111111111111:role/ApiInvokerRole', RoleSessionName: 'limits', ...extra }).toString();
    const host = `127.0.0.1:${port}`;
    const signer = new SignatureV4({ service: 'sts', region: 'us-east-1', credentials: KEYS.ciCaller, sha256: Sha256 });
    const s = await signer.sign(new HttpRequest({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port, path: '/', headers: { host, 'content-type': 'application/x-www-form-urlencoded' }, body }));
    return sendRaw(port, { method: 'POST', target: '/', headers: Object.entries(s.headers as Record<string, string>), body });
  }

  test('more than 10 PolicyArns is a ValidationError, before any is looked up', async () => {
    const arns = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`PolicyArns.member.${i + 1}.arn`, `arn:aws:iam::111111111111:policy/P${i}`]));
    const a = await assumeRole(arns);
    assert.equal(a.status, 400, `refused: ${a.body.slice(0, 300)}`);
    assert.match(a.body, /<Code>ValidationError<\/Code>/, 'as ValidationError');
  });

  test('an inline session policy over 2,048 characters is PackedPolicyTooLarge', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: `arn:aws:s3:::${'x'.repeat(2100)}` }] });
    const a = await assumeRole({ Policy: policy });
    assert.equal(a.status, 400, `refused: ${a.body.slice(0, 300)}`);
    assert.match(a.body, /<Code>PackedPolicyTooLarge<\/Code>/, 'as PackedPolicyTooLarge');
  });
});
