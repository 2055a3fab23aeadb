/**
 * A principal without credentials ({"source": "none"}): its role assumptions are decided
 * by crossgate's engine against the trust policy, marked not probed live; denied passes,
 * a trust policy that lets it in fails naming why.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../support/emulator.ts';
import { runFeatures } from '../support/runFeatures.ts';

function config(estate: string): Record<string, unknown> {
  const c = JSON.parse(readFileSync(join(REPO, 'crossgate.config.json'), 'utf8')) as { principals: Record<string, { credentials: unknown }> } & Record<string, unknown>;
  c.estate = estate;
  c.baselines = join(REPO, 'baselines');
  c.principals.outsider!.credentials = { source: 'none' };
  return c;
}

function assumptions(reportsDir: string): { actor: string; outcome: string; simulated: boolean }[] {
  const report = JSON.parse(readFileSync(join(reportsDir, 'compliance.json'), 'utf8')) as { scenarios: { evidence?: { kind: string; actor?: string; outcome?: string; details?: { simulated?: boolean } }[] }[] };
  return report.scenarios.flatMap((s) => s.evidence ?? []).filter((e) => e.kind === 'roleAssumption').map((e) => ({ actor: e.actor!, outcome: e.outcome!, simulated: e.details?.simulated === true }));
}

test('the outsider without credentials: the trust policy stops it, decided by the engine and marked so', () => {
  const run = runFeatures({ config: config(join(REPO, 'estates', 'seed.json')), args: ['--', '--tags', '@control:XACCT-TRUST-01'] });
  assert.equal(run.exitCode, 0, run.stdout + run.stderr);
  const outsider = assumptions(run.reportsDir).filter((a) => a.actor === 'outsider');
  assert.deepEqual(outsider, [{ actor: 'outsider', outcome: 'denied', simulated: true }], 'denied, not probed live');
  assert.ok(assumptions(run.reportsDir).some((a) => a.actor === 'bystander' && !a.simulated), 'the bystander, who has credentials, is probed live');
});

test('a trust policy open to every account lets the credential-less outsider in: the scenario fails', () => {
  const run = runFeatures({ config: config(join(REPO, 'estates', 'broken', 'trust-any-account.json')), args: ['--', '--tags', '@control:XACCT-TRUST-01'] });
  assert.equal(run.exitCode, 1, 'fails');
  const failed = run.scenarios.filter((s) => s.status === 'FAILED');
  assert.ok(failed.some((s) => s.messages.join('\n').includes('outsider has no credentials, so no live attempt was made')), `the failure says why: ${JSON.stringify(failed)}`);
});

test('every bundled feature runs with the outsider held only as a name', () => {
  const run = runFeatures({ config: config(join(REPO, 'estates', 'seed.json')) });
  assert.equal(run.exitCode, 0, run.stdout.slice(-3000) + run.stderr);
  assert.deepEqual(run.scenarios.filter((s) => s.status !== 'PASSED'), [], 'no scenario fails for want of the outsider\'s credentials');
});
