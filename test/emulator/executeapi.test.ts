/**
 * The execute-api data plane: every row of DESIGN.md's response table, with
 * requests signed by @smithy/signature-v4 and session credentials from the real STS client.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { API_HOST, KEYS, ROLE, startSeedEmulator, TestClock } from '../support/emulator.ts';
import { callApi, type Creds, type RawResponse } from '../support/signing.ts';

let emu: RunningEmulator;
const clock = new TestClock();
let invoker: Creds;
let readOnly: Creds;

async function assume(roleArn: string, name: string, creds: Creds = KEYS.ciCaller): Promise<Creds> {
  const sts = new STSClient({ region: 'us-east-1', endpoint: emu.url, credentials: creds });
  const c = (await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: name }))).Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

before(async () => {
  emu = await startSeedEmulator(clock);
  invoker = await assume(ROLE.invoker, 'invoker');
  readOnly = await assume(ROLE.readOnly, 'reader');
});
after(() => emu.close());

function expectError(res: RawResponse, status: number, errorType: string, message?: string | RegExp): void {
  assert.equal(res.status, status, res.body);
  assert.equal(res.headers['x-amzn-errortype'], errorType);
  assert.ok(res.headers['apigw-requestid'], 'apigw-requestid header');
  const body = JSON.parse(res.body) as { message: string };
  if (typeof message === 'string') assert.equal(body.message, message);
  else if (message) assert.match(body.message, message);
}

describe('authorized requests', () => {
  test('signed GET /orders via ApiInvokerRole → 200 and the echo shows the assumed role', async () => {
    const res = await callApi(emu.url, { method: 'GET', path: '/orders', creds: invoker });
    assert.equal(res.status, 200, res.body);
    const payload = JSON.parse(res.body);
    assert.equal(payload.version, '2.0');
    assert.equal(payload.routeKey, 'GET /orders');
    assert.equal(payload.requestContext.stage, '$default');
    assert.equal(payload.requestContext.apiId, 'a1b2c3d4e5');
    assert.equal(payload.requestContext.authorizer.iam.userArn, 'arn:aws:sts::111111111111:assumed-role/ApiInvokerRole/invoker');
    assert.equal(payload.requestContext.authorizer.iam.accountId, '111111111111');
    assert.match(payload.requestContext.authorizer.iam.userId, /^AROA[A-Z2-7]{17}:invoker$/);
    assert.ok(!res.body.includes(invoker.secretAccessKey) && !res.body.includes(invoker.sessionToken!), 'no secret echoed');
  });

  test('POST with a JSON body, path parameters, and a query string', async () => {
    const post = await callApi(emu.url, { method: 'POST', path: '/orders', creds: invoker, body: '{"item":"book"}', headers: { 'content-type': 'application/json' } });
    assert.equal(post.status, 200, post.body);
    const get = await callApi(emu.url, { method: 'GET', path: '/orders/42?expand=items&x=a%20b', creds: invoker });
    assert.equal(get.status, 200, get.body);
    const p = JSON.parse(get.body);
    assert.equal(p.routeKey, 'GET /orders/{id}');
    assert.deepEqual(p.pathParameters, { id: '42' });
  });

  test('path-style addressing /_aws/execute-api/<id>/… works the same', async () => {
    const res = await callApi(emu.url, { method: 'GET', path: '/_aws/execute-api/a1b2c3d4e5/orders', host: new URL(emu.url).host, creds: invoker });
    assert.equal(res.status, 200, res.body);
  });

  test('read-only role: GET /orders/42 → 200, DELETE /orders/42 → 403 Forbidden', async () => {
    assert.equal((await callApi(emu.url, { method: 'GET', path: '/orders/42', creds: readOnly })).status, 200);
    expectError(await callApi(emu.url, { method: 'DELETE', path: '/orders/42', creds: readOnly }), 403, 'AccessDeniedException', 'Forbidden');
  });

  test('NONE route: unsigned GET /health → 200', async () => {
    const res = await callApi(emu.url, { method: 'GET', path: '/health' });
    assert.equal(res.status, 200);
  });
});

describe('refusals (DESIGN.md table)', () => {
  test('no route → 404 Not Found', async () => {
    expectError(await callApi(emu.url, { method: 'GET', path: '/nope', creds: invoker }), 404, 'NotFoundException', 'Not Found');
    expectError(await callApi(emu.url, { method: 'PUT', path: '/orders', creds: invoker }), 404, 'NotFoundException', 'Not Found');
    expectError(await callApi(emu.url, { method: 'GET', path: '/orders', host: 'zzzzzzzzzz.execute-api.us-east-1.amazonaws.com', creds: invoker }), 404, 'NotFoundException');
  });

  test('unsigned on AWS_IAM route → 403 MissingAuthenticationTokenException', async () => {
    expectError(await callApi(emu.url, { method: 'GET', path: '/orders' }), 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  });

  test('unknown access key → 403 UnrecognizedClientException', async () => {
    const creds = { accessKeyId: 'AKIAZZZZZZZZZZZZZZZZ', secretAccessKey: KEYS.ciCaller.secretAccessKey };
    expectError(await callApi(emu.url, { method: 'GET', path: '/orders', creds }), 403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
  });

  test('session key with a bad or missing token → 403 UnrecognizedClientException', async () => {
    expectError(await callApi(emu.url, { method: 'GET', path: '/orders', creds: { ...invoker, sessionToken: readOnly.sessionToken } }), 403, 'UnrecognizedClientException');
    expectError(await callApi(emu.url, { method: 'GET', path: '/orders', creds: { accessKeyId: invoker.accessKeyId, secretAccessKey: invoker.secretAccessKey } }), 403, 'UnrecognizedClientException');
  });

  test('signature made with another secret → 403 InvalidSignatureException', async () => {
    const creds = { ...invoker, secretAccessKey: readOnly.secretAccessKey };
    expectError(await callApi(emu.url, { method: 'GET', path: '/orders', creds }), 403, 'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.');
  });

  test('X-Amz-Date outside ±5 minutes → 403 InvalidSignatureException', async () => {
    expectError(await callApi(emu.url, { method: 'GET', path: '/orders', creds: invoker, signingDate: new Date(Date.now() - 6 * 60_000) }), 403, 'InvalidSignatureException', /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
    expectError(await callApi(emu.url, { method: 'GET', path: '/orders', creds: invoker, signingDate: new Date(Date.now() + 6 * 60_000) }), 403, 'InvalidSignatureException', /^Signature not yet current: /);
  });

  test('signature scoped to another service or region → 403', async () => {
    expectError(await callApi(emu.url, { method: 'GET', path: '/orders', creds: invoker, service: 'sts' }), 403, 'InvalidSignatureException');
    expectError(await callApi(emu.url, { method: 'GET', path: '/orders', creds: invoker, region: 'eu-west-1' }), 403, 'InvalidSignatureException');
  });

  test("ci-caller's own keys (signed, not assumed) → 403 AccessDeniedException", async () => {
    expectError(await callApi(emu.url, { method: 'GET', path: '/orders', creds: KEYS.ciCaller }), 403, 'AccessDeniedException', 'Forbidden');
  });

  test('session credentials past Expiration → 403 ExpiredTokenException', async () => {
    clock.advance(3601);
    try {
      // sign at the emulator's (moved) time so that only the token is stale
      const res = await callApi(emu.url, { method: 'GET', path: '/orders', creds: invoker, signingDate: clock.now() });
      expectError(res, 403, 'ExpiredTokenException', 'The security token included in the request is expired');
    } finally {
      clock.advance(-3601);
    }
  });

  test('changing the signed path after signing is rejected', async () => {
    const signed = await callApi(emu.url, { method: 'GET', path: '/orders/42', creds: readOnly });
    assert.equal(signed.status, 200);
    const { Sha256 } = await import('@aws-crypto/sha256-js');
    const { SignatureV4 } = await import('@smithy/signature-v4');
    const { HttpRequest } = await import('@smithy/protocol-http');
    const { request } = await import('undici');
    const signer = new SignatureV4({ service: 'execute-api', region: 'us-east-1', credentials: readOnly, sha256: Sha256 });
    const s = await signer.sign(new HttpRequest({ method: 'GET', hostname: API_HOST, path: '/orders/42', headers: { host: API_HOST }, protocol: 'https:' }));
    const res = await request(`${emu.url}/orders/43`, { headers: s.headers });
    assert.equal(res.statusCode, 403);
    assert.equal(res.headers['x-amzn-errortype'], 'InvalidSignatureException');
    await res.body.text();
  });
});

describe('session policies and tags', () => {
  test('a session policy caps the session: GET allowed, DELETE refused though the role allows it', async () => {
    const sts = new STSClient({ region: 'us-east-1', endpoint: emu.url, credentials: KEYS.ciCaller });
    const Policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET/*' }] });
    const c = (await sts.send(new AssumeRoleCommand({ RoleArn: ROLE.invoker, RoleSessionName: 'capped', Policy }))).Credentials!;
    const capped = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    assert.equal((await callApi(emu.url, { method: 'GET', path: '/orders/42', creds: capped })).status, 200);
    expectError(await callApi(emu.url, { method: 'DELETE', path: '/orders/42', creds: capped }), 403, 'AccessDeniedException', 'Forbidden');
    // the uncapped session of the same role may delete
    assert.equal((await callApi(emu.url, { method: 'DELETE', path: '/orders/42', creds: invoker })).status, 200);
  });

  test('a malformed session policy is MalformedPolicyDocument', async () => {
    const sts = new STSClient({ region: 'us-east-1', endpoint: emu.url, credentials: KEYS.ciCaller, maxAttempts: 1 });
    await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: ROLE.invoker, RoleSessionName: 'bad', Policy: '{"Statement": [' })), (e: Error) => e.name === 'MalformedPolicyDocumentException' && /not in the valid JSON format/.test(e.message));
  });

  test('session tags need sts:TagSession in the trust policy (the seed grants only sts:AssumeRole)', async () => {
    const sts = new STSClient({ region: 'us-east-1', endpoint: emu.url, credentials: KEYS.ciCaller, maxAttempts: 1 });
    await assert.rejects(
      sts.send(new AssumeRoleCommand({ RoleArn: ROLE.invoker, RoleSessionName: 'tagged', Tags: [{ Key: 'team', Value: 'payments' }] })),
      (e: Error) => e.name === 'AccessDenied' && /sts:TagSession/.test(e.message),
    );
  });
});
