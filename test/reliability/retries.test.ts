/**
 * What crossgate retries, and what it never does: network errors, timeouts, 5xx, 429
 * and unreadable answers are retried with backoff, up to the policy's attempts; a 4xx
 * is the answer and is never retried. For execute-api (src/aws/http.ts) and for the SDK
 * clients (src/aws/clients.ts), whose answers are checked before the SDK parses them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { controlPlaneAnswerProblem, executeApiAnswerProblem } from '../../src/aws/answers.ts';
import { backoffDelay, callPolicy, DEFAULT_CALL_POLICY, stepTimeoutMs, worstCallMs, type CallPolicy } from '../../src/aws/callPolicy.ts';
import { AwsCallError } from '../../src/aws/errors.ts';
import { prepare, send } from '../../src/aws/http.ts';
import { assumeRole, getCallerIdentity } from '../../src/aws/sts.ts';
import { loadFaultPlan, parseFaultPlan } from '../../src/emulator/faults.ts';
import { loadEstate, startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { KEYS, ROLE, SEED_ESTATE } from '../support/emulator.ts';

const POLICY: CallPolicy = { ...DEFAULT_CALL_POLICY, requestTimeoutMs: 400, connectTimeoutMs: 400, retryBaseMs: 5 };

describe('the call policy', () => {
  test('backoff: full jitter under a capped exponential, throttling waiting longer', () => {
    for (let retry = 0; retry < 8; retry++) {
      const ceiling = Math.min(POLICY.retryCapMs, POLICY.retryBaseMs * 2 ** retry);
      assert.equal(backoffDelay(POLICY, retry, false, () => 0), 0);
      assert.ok(backoffDelay(POLICY, retry, false, () => 0.999999) <= ceiling);
      assert.ok(backoffDelay(POLICY, retry, true, () => 0.999999) <= Math.min(POLICY.retryCapMs, ceiling * 5));
    }
  });

  test('Cucumber never times a step out before crossgate does', () => {
    assert.ok(stepTimeoutMs(DEFAULT_CALL_POLICY) > worstCallMs(DEFAULT_CALL_POLICY));
  });

  test('the environment tunes it; nonsense is a usage error', () => {
    assert.equal(callPolicy({ CROSSGATE_AWS_TIMEOUT_MS: '2500', CROSSGATE_AWS_MAX_ATTEMPTS: '5' }).requestTimeoutMs, 2500);
    assert.throws(() => callPolicy({ CROSSGATE_AWS_MAX_ATTEMPTS: '0' }), /CROSSGATE_AWS_MAX_ATTEMPTS: '0' is not a whole number from 1 to 10/);
    assert.throws(() => callPolicy({ CROSSGATE_AWS_TIMEOUT_MS: 'soon' }), /CROSSGATE_AWS_TIMEOUT_MS/);
  });
});

describe('answers are checked before anything is read from them', () => {
  const xml = (body: string) => Buffer.from(body);
  test('control plane', () => {
    assert.equal(controlPlaneAnswerProblem('query', 200, { 'content-type': 'text/xml' }, xml('<A xmlns="x"><B>1</B></A>')), undefined);
    assert.match(controlPlaneAnswerProblem('query', 200, { 'content-type': 'text/xml' }, xml('<A><B>1</B>'))!, /not well-formed XML \(Unclosed tag 'A'/);
    assert.match(controlPlaneAnswerProblem('query', 200, { 'content-type': 'text/html' }, xml('<html></html>'))!, /content type text\/html, where the Query protocol answers in XML/);
    assert.match(controlPlaneAnswerProblem('query', 200, { 'content-type': 'text/xml' }, xml(''))!, /empty body/);
    assert.equal(controlPlaneAnswerProblem('restJson', 204, {}, xml('')), undefined);
    assert.match(controlPlaneAnswerProblem('restJson', 200, { 'content-type': 'application/json' }, xml('{"Items": ['))!, /not valid JSON/);
    assert.match(controlPlaneAnswerProblem('restJson', 403, { 'content-type': 'text/plain' }, xml('Forbidden'))!, /HTTP 403 with content type text\/plain/);
  });

  test('execute-api', () => {
    const ids = { 'apigw-requestid': 'x' };
    assert.equal(executeApiAnswerProblem(200, { ...ids, 'content-type': 'text/html' }, '<p>the integration may answer HTML</p>'), undefined);
    assert.match(executeApiAnswerProblem(200, { 'content-type': 'text/html' }, '<p>')!, /did not come from API Gateway/);
    assert.match(executeApiAnswerProblem(200, { ...ids, 'content-type': 'application/json' }, '{"a":')!, /not valid JSON/);
    assert.match(executeApiAnswerProblem(403, { ...ids, 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' }, '{}')!, /without a message/);
    assert.equal(executeApiAnswerProblem(403, { ...ids, 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' }, '{"message":"Forbidden"}'), undefined);
  });
});

describe('execute-api requests (undici)', () => {
  let server: Server;
  let origin: string;
  const hits = new Map<string, number>();
  before(async () => {
    server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0]!;
      const n = (hits.get(path) ?? 0) + 1;
      hits.set(path, n);
      const json = (status: number, body: unknown, extra: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', 'apigw-requestid': `r${n}`, ...extra });
        res.end(JSON.stringify(body));
      };
      switch (path) {
        case '/forbidden': return json(403, { message: 'Forbidden' }, { 'x-amzn-errortype': 'AccessDeniedException' });
        case '/notfound': return json(404, { message: 'Not Found' });
        case '/flaky': return n <= 2 ? json(503, { message: 'Service Unavailable' }) : json(200, { ok: n });
        case '/throttled': return n <= 2 ? json(429, { message: 'Too Many Requests' }) : json(200, { ok: n });
        case '/reset': return n <= 2 ? req.socket.destroy() : json(200, { ok: n });
        case '/slow': return n <= 2 ? void setTimeout(() => json(200, { late: true }), 1_000) : json(200, { ok: n });
        case '/garbled': return n <= 2 ? (res.writeHead(200, { 'content-type': 'application/json', 'apigw-requestid': 'g' }), res.end('{"ok":')) : json(200, { ok: n });
        case '/down': return json(500, { message: 'Internal Server Error' });
        default: return json(200, {});
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const call = (path: string) => send(prepare({ method: 'GET', url: new URL(`https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com${path}`) }), { connectTo: origin, policy: POLICY, principal: 'tester' });

  test('a 4xx is the answer: returned at once, never retried', async () => {
    assert.equal((await call('/forbidden')).status, 403);
    assert.equal((await call('/notfound')).status, 404);
    assert.equal(hits.get('/forbidden'), 1);
    assert.equal(hits.get('/notfound'), 1);
  });

  for (const [path, what] of [['/flaky', '503'], ['/throttled', '429'], ['/reset', 'a connection reset'], ['/slow', 'no answer in time'], ['/garbled', 'a truncated JSON body']] as const) {
    test(`${what}, twice, is retried and the third attempt answers`, async () => {
      const res = await call(path);
      assert.equal(res.status, 200);
      assert.equal(hits.get(path), 3);
    });
  }

  test('a persistent 5xx is an error naming the request and the fault, after the attempts', async () => {
    await assert.rejects(call('/down'), (err: unknown) => {
      assert.ok(err instanceof AwsCallError);
      assert.equal(err.message, 'execute-api:Invoke GET https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/down as tester failed after 3 attempts: ServerError (HTTP 500): Internal Server Error [request id r3]');
      return true;
    });
    assert.equal(hits.get('/down'), 3);
  });
});

describe('SDK clients against the embedded AWS', () => {
  let emu: RunningEmulator;
  const requests: string[] = [];
  const target = () => ({ kind: 'embedded' as const, region: 'us-east-1', endpoint: emu.url });
  before(async () => {
    process.env.CROSSGATE_AWS_RETRY_BASE_MS = '5';
    emu = await startEmulator({
      state: loadEstate(SEED_ESTATE),
      faults: parseFaultPlan({ faults: [{ service: 'sts', operation: 'GetCallerIdentity', fault: 'throttling', times: 2 }] }, 'test'),
      log: (line) => requests.push(line),
    });
  });
  after(async () => {
    delete process.env.CROSSGATE_AWS_RETRY_BASE_MS;
    await emu.close();
  });

  test('AccessDenied (4xx) is not retried', async () => {
    requests.length = 0;
    await assert.rejects(assumeRole(target(), KEYS.bystander, 'bystander', { roleArn: ROLE.invoker, sessionName: 'x1' }), /AccessDenied \(HTTP 403\)/);
    assert.equal(requests.filter((l) => /^POST \/ 403$/.test(l)).length, 1);
  });

  test('Throttling is retried with backoff, then the call succeeds', async () => {
    requests.length = 0;
    const id = await getCallerIdentity(target(), KEYS.ciCaller, 'ci-caller');
    assert.equal(id.account, '222222222222');
    assert.equal(requests.filter((l) => l.startsWith('fault: throttling')).length, 2);
  });
});

describe('fault plans', () => {
  test('a plan is checked, each problem named by its place', () => {
    assert.throws(
      () => parseFaultPlan({ faults: [{ service: 'ec2', fault: 'explode', times: 0 }, { service: 'execute-api', fault: 'missingFields' }], extra: 1 }, 'plan.json'),
      (err: Error) => {
        assert.match(err.message, /plan\.json: \/extra: unknown member/);
        assert.match(err.message, /plan\.json: \/faults\/0\/service: must be one of sts, iam, apigateway, access-analyzer, execute-api, \*/);
        assert.match(err.message, /plan\.json: \/faults\/0\/fault: must be one of serverError/);
        assert.match(err.message, /plan\.json: \/faults\/0\/times: must be a whole number ≥ 1/);
        assert.match(err.message, /plan\.json: \/faults\/1\/fault: missingFields applies to control-plane answers/);
        return true;
      },
    );
    assert.throws(() => loadFaultPlan('/no/such/plan.json', 'CROSSGATE_FAULTS'), /CROSSGATE_FAULTS: no such file: \/no\/such\/plan\.json/);
    assert.deepEqual(loadFaultPlan('{"faults":[{"service":"*","fault":"reset","times":1}]}').faults[0], { service: '*', fault: 'reset', times: 1 });
  });
});
