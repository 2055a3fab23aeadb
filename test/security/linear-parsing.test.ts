/**
 * Parsing costs time in proportion to the request's size, for every list, map and
 * structure of the Query and REST-JSON protocols. Each case sends one request of
 * n members and one of 8n (near the 1 MB body limit), from a caller with no
 * permissions (parsing comes before authorization), and compares the times: a
 * linear parser takes about 8 times as long, a quadratic one 64 times. A ratio,
 * not a time: the bound is generous (24) and each size is measured best of three.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { LIMITS } from '../../src/emulator/server.ts';
import { KEYS, startSeedEmulator } from '../support/emulator.ts';
import { sendRaw, type RawRequest } from '../reliability/support/rawHttp.ts';

let emu: RunningEmulator;
let port: number;
before(async () => {
  emu = await startSeedEmulator();
  port = (emu.server.address() as AddressInfo).port;
});
after(() => emu.close());

async function signedRequest(service: string, method: string, path: string, body: string, contentType: string): Promise<RawRequest> {
  const host = `127.0.0.1:${port}`;
  const signer = new SignatureV4({ service, region: 'us-east-1', credentials: KEYS.bystander, sha256: Sha256 });
  const s = await signer.sign(new HttpRequest({ method, protocol: 'http:', hostname: '127.0.0.1', port, path, headers: { host, 'content-type': contentType }, body }));
  return { method, target: path, headers: Object.entries(s.headers as Record<string, string>), body };
}

/**
 * Best of three round trips, in ms of this process's CPU time (the emulator runs
 * in it; CPU time is what other clients wait for, and unlike wall time it does not
 * count the other processes on a shared machine). Also checks the answer is a
 * refusal, not a crash.
 */
async function timeOf(req: RawRequest, expect: number[]): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = process.cpuUsage();
    const answer = await sendRaw(port, req, 60_000);
    const used = process.cpuUsage(started);
    const ms = (used.user + used.system) / 1000;
    assert.ok(expect.includes(answer.status), `answered ${answer.status} (expected ${expect.join('/')}): ${answer.body.slice(0, 200)}`);
    best = Math.min(best, ms);
  }
  return best;
}

interface Case {
  name: string;
  build(n: number): Promise<RawRequest>;
  n: number;
  expect: number[];
}

const form = (params: string[]) => params.join('&');

const CASES: Case[] = [
  {
    name: 'IAM GetAccountAuthorizationDetails Filter.member.N',
    n: 4000,
    expect: [403],
    build: (n) => signedRequest('iam', 'POST', '/', form(['Action=GetAccountAuthorizationDetails', 'Version=2010-05-08', ...Array.from({ length: n }, (_, i) => `Filter.member.${i + 1}=User`)]), 'application/x-www-form-urlencoded'),
  },
  {
    name: 'IAM SimulateCustomPolicy ContextEntries.member.N',
    n: 800,
    expect: [400, 403],
    build: (n) => signedRequest('iam', 'POST', '/', form([
      'Action=SimulateCustomPolicy', 'Version=2010-05-08', 'ActionNames.member.1=s3%3AGetObject',
      `PolicyInputList.member.1=${encodeURIComponent('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}')}`,
      ...Array.from({ length: n }, (_, i) => `ContextEntries.member.${i + 1}.ContextKeyName=aws%3Ak${i}&ContextEntries.member.${i + 1}.ContextKeyValues.member.1=v&ContextEntries.member.${i + 1}.ContextKeyType=string`),
    ]), 'application/x-www-form-urlencoded'),
  },
  {
    name: 'IAM CreateRole Tags.member.N',
    n: 2000,
    expect: [400, 403],
    build: (n) => signedRequest('iam', 'POST', '/', form([
      'Action=CreateRole', 'Version=2010-05-08', 'RoleName=probe', `AssumeRolePolicyDocument=${encodeURIComponent('{"Version":"2012-10-17","Statement":[]}')}`,
      ...Array.from({ length: n }, (_, i) => `Tags.member.${i + 1}.Key=k${i}&Tags.member.${i + 1}.Value=v`),
    ]), 'application/x-www-form-urlencoded'),
  },
  {
    name: 'STS AssumeRole Tags.member.N and PolicyArns.member.N',
    n: 1000,
    expect: [400, 403],
    build: (n) => signedRequest('sts', 'POST', '/', form([
      'Action=AssumeRole', 'Version=2011-06-15', 'RoleArn=arn%3Aaws%3Aiam%3A%3A111111111111%3Arole%2FApiInvokerRole', 'RoleSessionName=probe',
      ...Array.from({ length: n }, (_, i) => `Tags.member.${i + 1}.Key=k${i}&Tags.member.${i + 1}.Value=v&PolicyArns.member.${i + 1}.arn=arn%3Aaws%3Aiam%3A%3A111111111111%3Apolicy%2Fp${i}`),
    ]), 'application/x-www-form-urlencoded'),
  },
  {
    name: 'API Gateway v2 CreateApi tags map (REST-JSON)',
    n: 3000,
    expect: [400, 403],
    build: (n) => signedRequest('apigateway', 'POST', '/v2/apis', JSON.stringify({ name: 'probe', protocolType: 'HTTP', tags: Object.fromEntries(Array.from({ length: n }, (_, i) => [`key${i}`, 'value'])) }), 'application/json'),
  },
  {
    name: 'Access Analyzer CheckAccessNotGranted access list (REST-JSON)',
    n: 3000,
    expect: [400, 403],
    build: (n) => signedRequest('access-analyzer', 'POST', '/policy/check-access-not-granted', JSON.stringify({
      policyType: 'IDENTITY_POLICY', policyDocument: '{}', access: [{ actions: Array.from({ length: n }, (_, i) => `s3:Get${i}`) }],
    }), 'application/json'),
  },
];

describe('parsing time is proportional to the request size', () => {
  for (const c of CASES) {
    test(c.name, async (t) => {
      const small = await c.build(c.n);
      const large = await c.build(c.n * 8);
      assert.ok(Buffer.byteLength(large.body!) <= LIMITS.maxBodyBytes, `the large request is legal: ${Buffer.byteLength(large.body!)} bytes`);
      await timeOf(small, c.expect); // warm-up
      const tSmall = await timeOf(small, c.expect);
      const tLarge = await timeOf(large, c.expect);
      const ratio = tLarge / Math.max(tSmall, 1);
      t.diagnostic(`${c.n} -> ${c.n * 8} members: ${tSmall.toFixed(1)} ms -> ${tLarge.toFixed(1)} ms (x${ratio.toFixed(1)})`);
      assert.ok(ratio < 24, `${c.name}: 8x the members took ${ratio.toFixed(1)}x the time (${tSmall.toFixed(1)} ms -> ${tLarge.toFixed(1)} ms); linear is ~8x, quadratic ~64x`);
    });
  }
});
