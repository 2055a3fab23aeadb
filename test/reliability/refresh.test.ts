/**
 * Credentials that expire during a run are obtained again: a role session (or a
 * principal's own chain credentials) is reused only while it has more than five
 * minutes left, so no check ever signs with credentials about to lapse.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Actor, assumeRoleAs, invokeRoute, REFRESH_WINDOW_MS, reuseUntilNearExpiry, startHarness, type Harness } from '../../src/checks/index.ts';
import { REPO, TestClock } from '../support/emulator.ts';

let h: Harness;
const clock = new TestClock();

before(async () => {
  h = await startHarness(join(REPO, 'crossgate.config.json'));
  // The harness's clock only: the embedded AWS keeps real time, so sessions stay valid there.
  h.now = clock.now;
});
after(() => h.close());

describe('credentials that expire mid-run are refreshed', () => {
  test('a role session is reused while fresh, and assumed again near its Expiration', async () => {
    const first = await assumeRoleAs(h, new Actor('ci-caller', h), 'ApiInvokerRole');
    const again = await assumeRoleAs(h, new Actor('ci-caller', h), 'ApiInvokerRole');
    assert.equal(again.credentials.accessKeyId, first.credentials.accessKeyId, 'reused within the run');

    const left = first.credentials.expiration.getTime() - Date.now();
    clock.advance((left - REFRESH_WINDOW_MS + 1_000) / 1000);
    const actor = new Actor('ci-caller', h);
    const renewed = await assumeRoleAs(h, actor, 'ApiInvokerRole');
    assert.notEqual(renewed.credentials.accessKeyId, first.credentials.accessKeyId, 'a session near its Expiration is not handed out again');
    assert.ok(renewed.credentials.expiration.getTime() >= first.credentials.expiration.getTime());
    const inv = await invokeRoute(h, 'orders', 'GET', '/orders', { kind: 'signed', as: actor });
    assert.equal(inv.status, 200);
  });

  test("a principal's own expiring credentials are resolved again", async () => {
    let resolved = 0;
    const obtain = async () => ({ n: ++resolved, expiration: new Date(clock.now().getTime() + 15 * 60_000) });
    const a = await reuseUntilNearExpiry(h, 'test:expiring', obtain, (c) => c.expiration);
    const b = await reuseUntilNearExpiry(h, 'test:expiring', obtain, (c) => c.expiration);
    assert.equal(b.value.n, a.value.n);
    clock.advance(11 * 60);
    const c = await reuseUntilNearExpiry(h, 'test:expiring', obtain, (x) => x.expiration);
    assert.equal(c.reused, false);
    assert.equal(c.value.n, 2);
  });
});
