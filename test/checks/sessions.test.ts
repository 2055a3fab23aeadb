/**
 * The harness at scale: role sessions and principals' credentials reused for the run
 * (and refreshed near their Expiration), requests in bounded concurrency with
 * answers in order, a shared embedded AWS by URL, and signing over node:crypto.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Actor, assumeRoleAs, invokeRoutes, mapBounded, principalCredentials, REFRESH_WINDOW_MS, startHarness, tryAssumeRole, type Harness } from '../../src/checks/index.ts';
import { EMBEDDED_ENDPOINT_ENV } from '../../src/checks/harness.ts';
import { prepare, sign } from '../../src/aws/http.ts';
import { REPO } from '../support/emulator.ts';
import { join } from 'node:path';

const CONFIG = join(REPO, 'crossgate.config.json');

function recorder() {
  const evidence: Record<string, unknown>[] = [];
  return { evidence, sink: { attach: (data: string) => evidence.push(JSON.parse(data) as Record<string, unknown>) } };
}

describe('role sessions and credentials reused for the run', () => {
  let h: Harness;
  let stsCalls = 0;

  before(async () => {
    h = await startHarness(CONFIG);
    h.emulator!.server.on('request', (req) => {
      if (req.headers.authorization?.includes('/sts/aws4_request')) stsCalls++;
    });
  });
  after(() => h.close());

  test('a second "has assumed the role" reuses the session, and says so in its evidence', async () => {
    const { evidence, sink } = recorder();
    const scenario = { ...h, evidence: sink };
    const before = stsCalls;
    const first = await assumeRoleAs(scenario, new Actor('ci-caller', scenario), 'ApiInvokerRole');
    const second = await assumeRoleAs(scenario, new Actor('ci-caller', scenario), 'ApiInvokerRole');
    assert.equal(stsCalls - before, 1);
    assert.equal(second.credentials.accessKeyId, first.credentials.accessKeyId);
    const assumptions = evidence.filter((e) => e.kind === 'roleAssumption');
    assert.equal(assumptions.length, 2);
    assert.equal((assumptions[1]!.details as { reusedSession?: boolean } | undefined)?.reusedSession, true);
    assert.equal(assumptions[1]!.outcome, 'assumed');
  });

  test('other options or another role are another session', async () => {
    const before = stsCalls;
    await assumeRoleAs(h, new Actor('ci-caller', h), 'ApiInvokerRole', { externalId: 'ticket-42' });
    await assumeRoleAs(h, new Actor('ci-caller', h), 'ApiInvokerRole', { externalId: 'ticket-42' });
    await assumeRoleAs(h, new Actor('ci-caller', h), 'OrdersReadOnlyRole');
    assert.equal(stsCalls - before, 2);
  });

  test('a session within five minutes of its Expiration is replaced', async () => {
    const first = await assumeRoleAs(h, new Actor('ci-caller', h), 'OrdersReadOnlyRole');
    // The harness's clock only (the run's view of time): the embedded AWS keeps the real one, as AWS would.
    const at = (ms: number): Harness => ({ ...h, now: () => new Date(ms) });
    const refreshAt = first.credentials.expiration.getTime() - REFRESH_WINDOW_MS;
    const before = stsCalls;
    const stillFresh = await assumeRoleAs(at(refreshAt - 30_000), new Actor('ci-caller', h), 'OrdersReadOnlyRole');
    assert.equal(stillFresh.credentials.accessKeyId, first.credentials.accessKeyId);
    const renewed = await assumeRoleAs(at(refreshAt + 30_000), new Actor('ci-caller', h), 'OrdersReadOnlyRole');
    assert.notEqual(renewed.credentials.accessKeyId, first.credentials.accessKeyId);
    assert.equal(stsCalls - before, 1);
  });

  test('"tries to assume the role" always asks STS, and a refusal is never kept', async () => {
    const before = stsCalls;
    await tryAssumeRole(h, new Actor('ci-caller', h), 'ApiInvokerRole');
    await tryAssumeRole(h, new Actor('ci-caller', h), 'ApiInvokerRole');
    await assert.rejects(assumeRoleAs(h, new Actor('bystander', h), 'ApiInvokerRole'), /could not assume/);
    await assert.rejects(assumeRoleAs(h, new Actor('bystander', h), 'ApiInvokerRole'), /could not assume/);
    assert.equal(stsCalls - before, 4);
  });

  test("a principal's own credentials are resolved once", async () => {
    assert.equal(await principalCredentials(h, 'auditor'), await principalCredentials(h, 'auditor'));
    assert.equal(await new Actor('ci-caller', h).ownCredentials(), await new Actor('ci-caller', { ...h }).ownCredentials());
  });

  test('many requests: at most N in flight, answers and evidence in request order', async () => {
    const { evidence, sink } = recorder();
    const scenario = { ...h, evidence: sink };
    const actor = new Actor('ci-caller', scenario);
    await assumeRoleAs(scenario, actor, 'OrdersReadOnlyRole');
    const requests = Array.from({ length: 24 }, (_, i) => ({ method: i % 3 === 0 ? 'DELETE' : 'GET', path: `/orders/${i}` }));
    const answers = await invokeRoutes(scenario, 'orders', requests, { kind: 'signed', as: actor }, { concurrency: 5 });
    assert.deepEqual(answers.map((a) => a.status), requests.map((r) => (r.method === 'GET' ? 200 : 403)));
    assert.deepEqual(evidence.filter((e) => e.kind === 'request').map((e) => e.route), requests.map((r) => `${r.method} ${r.path}`));
  });
});

describe('mapBounded', () => {
  test('never more than the limit in flight; results in item order', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapBounded(Array.from({ length: 40 }, (_, i) => i), 6, async (x) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, (x * 7) % 5));
      inFlight--;
      return x * 2;
    });
    assert.equal(peak, 6);
    assert.deepEqual(out, Array.from({ length: 40 }, (_, i) => i * 2));
  });

  test('after the first failure no call starts, and it rejects only once the pending calls settled', async () => {
    const started: number[] = [];
    let pending = 0;
    let pendingAtRejection = -1;
    await mapBounded(Array.from({ length: 40 }, (_, i) => i), 4, async (x) => {
      started.push(x);
      pending++;
      try {
        await new Promise((r) => setTimeout(r, x === 1 ? 1 : 20));
        if (x === 1) throw new Error('item 1 failed');
        return x;
      } finally {
        pending--;
      }
    }).catch((err: Error) => {
      pendingAtRejection = pending;
      assert.equal(err.message, 'item 1 failed', 'the first failure is the one reported');
    });
    assert.equal(pendingAtRejection, 0, 'no call is still pending when the step fails');
    assert.ok(started.length <= 5, `no new call after the failure (started: ${started.join(', ')})`);
  });
});

describe(`${EMBEDDED_ENDPOINT_ENV}: a shared embedded AWS`, () => {
  test('a harness uses the one named instead of starting its own, and leaves it running', async () => {
    const owner = await startHarness(CONFIG);
    const saved = process.env[EMBEDDED_ENDPOINT_ENV];
    try {
      process.env[EMBEDDED_ENDPOINT_ENV] = `${owner.emulator!.url}/`;
      const guest = await startHarness(CONFIG);
      assert.equal(guest.emulator, undefined);
      assert.equal(guest.target.endpoint, owner.emulator!.url);
      const actor = new Actor('ci-caller', guest);
      await assumeRoleAs(guest, actor, 'ApiInvokerRole');
      await guest.close();
      assert.ok(owner.emulator!.server.listening);
      process.env[EMBEDDED_ENDPOINT_ENV] = 'not a url';
      await assert.rejects(startHarness(CONFIG), { name: 'UserError' });
    } finally {
      if (saved === undefined) delete process.env[EMBEDDED_ENDPOINT_ENV];
      else process.env[EMBEDDED_ENDPOINT_ENV] = saved;
      await owner.close();
    }
  });
});

describe('signing over node:crypto', () => {
  test('gives the signature the pure-JavaScript SHA-256 gives', async () => {
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'token' };
    const signingDate = new Date('2026-01-02T03:04:05Z');
    const url = new URL('https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/orders/42?b=2&a=1');
    const ours = await sign(prepare({ method: 'POST', url, body: '{"x":1}' }), { credentials, region: 'us-east-1', signingDate });
    const reference = await new SignatureV4({ service: 'execute-api', region: 'us-east-1', credentials, sha256: Sha256 }).sign(
      new HttpRequest({ method: 'POST', protocol: 'https:', hostname: url.hostname, path: url.pathname, query: { b: '2', a: '1' }, headers: { host: url.host, 'content-type': 'application/json' }, body: '{"x":1}' }),
      { signingDate },
    );
    assert.equal(ours.headers.authorization, reference.headers.authorization);
  });
});
