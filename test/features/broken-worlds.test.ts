/**
 * The bundled features pass on the seed world and fail, for the right reason, on
 * each deliberately broken world: a check that cannot fail proves nothing.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../support/emulator.ts';
import { runFeaturesAgainst, type FeatureRun } from '../support/runFeatures.ts';

function failed(run: FeatureRun) {
  return run.scenarios.filter((s) => s.status !== 'PASSED');
}

describe('bundled features', () => {
  test('pass on the seed world and write the three reports', () => {
    const run = runFeaturesAgainst(join(REPO, 'worlds', 'seed.json'));
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    assert.ok(run.scenarios.length >= 10, `${run.scenarios.length} scenarios`);
    assert.deepEqual(failed(run), []);
    for (const f of ['cucumber.html', 'junit.xml', 'messages.ndjson']) assert.ok(existsSync(join(run.reportsDir, f)), f);
  });

  const cases: { world: string; fails: Record<string, RegExp> }[] = [
    {
      world: 'trust-any-account',
      fails: { 'Principals without a trust path cannot assume the invoker role': /expected AccessDenied, but the role was assumed as arn:aws:sts::111111111111:assumed-role\/ApiInvokerRole\/crossgate-outsider/ },
    },
    {
      world: 'readonly-may-delete',
      fails: { 'The read-only role may not delete an order': /DELETE https:\/\/a1b2c3d4e5\.execute-api\.us-east-1\.amazonaws\.com\/orders\/42 as arn:aws:sts::111111111111:assumed-role\/OrdersReadOnlyRole\/crossgate-ci-caller: expected 403, got 200/ },
    },
    {
      world: 'orders-route-open',
      // A NONE route authenticates nobody: every scenario that relies on GET /orders refusing or identifying a caller breaks.
      fails: {
        'An unsigned request to an IAM-authorized route is refused': /GET https:\/\/a1b2c3d4e5\.execute-api\.us-east-1\.amazonaws\.com\/orders as anonymous: expected 403, got 200/,
        'A role session from account B invokes an IAM-authorized route': /the integration saw no IAM caller/,
        "Account B's own credentials do not reach the API without the role": /GET .*\/orders as ci-caller: expected 403, got 200/,
        'A request whose signature was tampered with is refused': /GET .*\/orders as arn:aws:sts::111111111111:assumed-role\/ApiInvokerRole\/crossgate-ci-caller: expected 403, got 200/,
        'A request signed too long ago is refused': /expected 403, got 200/,
      },
    },
    {
      world: 'caller-policy-missing',
      fails: {
        'A role session from account B invokes an IAM-authorized route': /ci-caller could not assume arn:aws:iam::111111111111:role\/ApiInvokerRole: AccessDenied: User: arn:aws:iam::222222222222:user\/ci-caller is not authorized to perform: sts:AssumeRole/,
        'The read-only role may read an order': /could not assume arn:aws:iam::111111111111:role\/OrdersReadOnlyRole: AccessDenied/,
        'The read-only role may not delete an order': /could not assume .*OrdersReadOnlyRole: AccessDenied/,
        'A request whose signature was tampered with is refused': /could not assume .*ApiInvokerRole: AccessDenied/,
        'A request signed too long ago is refused': /could not assume .*ApiInvokerRole: AccessDenied/,
      },
    },
  ];

  for (const c of cases) {
    test(`fail on worlds/broken/${c.world}.json, in exactly the scenarios it breaks`, () => {
      const run = runFeaturesAgainst(join(REPO, 'worlds', 'broken', `${c.world}.json`));
      assert.equal(run.exitCode, 1, run.stdout + run.stderr);
      const bad = failed(run);
      assert.deepEqual([...new Set(bad.map((s) => s.name))].sort(), Object.keys(c.fails).sort());
      for (const s of bad) {
        assert.equal(s.status, 'FAILED');
        assert.match(s.messages.join('\n'), c.fails[s.name]!, s.name);
      }
    });
  }
});
