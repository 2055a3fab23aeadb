/**
 * `crossgate init` turns an imported estate into a project whose features pass on it,
 * fail on a broken variant (run --estate), and whose AWS config reads ${env:…}.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importCloudFormation } from '../../src/estate/import/cloudformation/index.ts';
import { writeImportedEstate } from '../../src/cli/estateImport.ts';
import { initProject } from '../../src/cli/init.ts';
import { loadConfig, substituteEnv } from '../../src/config/load.ts';
import { BIN } from '../support/cli.ts';
import { REPO } from '../support/emulator.ts';

function project(): string {
  const base = join(REPO, 'reports', 'test-init');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, 'p-'));
  const estate = importCloudFormation([join(REPO, 'test', 'fixtures', 'import', 'cloudformation', 'orders.yaml')], { account: '111111111111', parameters: { BackendUrl: 'https://backend.example' } });
  writeImportedEstate(estate, join(dir, 'estate.json'));
  return dir;
}

function run(dir: string, extra: string[] = []) {
  return spawnSync(process.execPath, [BIN, 'run', '--config', join(dir, 'crossgate.config.json'), '--features', join(dir, 'features'), '--controls', join(dir, 'controls.json'), '--reports', join(dir, 'reports'), ...extra], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
}

test('init: a project whose features pass on the estate and fail when a trust policy widens', () => {
  const dir = project();
  const init = spawnSync(process.execPath, [BIN, 'init', '--estate', join(dir, 'estate.json'), '--out', dir], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
  assert.equal(init.status, 0, `init succeeds: ${init.stderr}`);
  for (const f of ['crossgate.config.json', 'crossgate.aws.json', 'controls.json', 'REVIEW.md', 'features/trust.feature', 'features/orders-dev.feature', 'features/baselines.feature', 'features/estate.feature', 'baselines/ApiInvokerRole.json']) {
    assert.ok(readFileSync(join(dir, f), 'utf8').length > 0, `${f} is written`);
  }
  assert.match(readFileSync(join(dir, 'features', 'trust.feature'), 'utf8'), /^# Review: /m, 'the feature says what to review');
  const feature = readFileSync(join(dir, 'features', 'orders-dev.feature'), 'utf8');
  assert.match(feature, /uses AWS_IAM except "GET \/health"/, 'the open route is listed');
  assert.match(feature, /allow exactly these routes of the HTTP API "orders-dev":\n(\s+\|.*\n)*\s+\| GET \/orders\/\{id\}/, 'the invoker role\'s routes');

  const estateFeature = readFileSync(join(dir, 'features', 'estate.feature'), 'utf8');
  assert.match(estateFeature, /Then no role in account A can be assumed from outside account ext-222222222222/, 'the estate-wide trust step');
  assert.match(estateFeature, /Then only these principals can invoke the HTTP API "orders-dev":\n\s+\| principal +\| routes +\|\n(\s+\|.*\n)*\s+\| ApiInvokerRole +\| every AWS_IAM route +\|/, 'the estate-wide invoke table');
  const green = run(dir);
  assert.equal(green.status, 0, `the generated features pass on the estate: ${green.stdout.slice(-2000)}`);

  // A trust policy that lets account C in: the trust scenario fails, with the estate given by --estate.
  const estate = JSON.parse(readFileSync(join(dir, 'estate.json'), 'utf8'));
  const role = estate.accounts[0].roles.find((r: { name: string }) => r.name === 'ApiInvokerRole');
  role.assumeRolePolicyDocument.Statement[0].Principal.AWS = ['arn:aws:iam::222222222222:root', 'arn:aws:iam::333333333333:root'];
  writeFileSync(join(dir, 'broken.json'), JSON.stringify(estate));
  const red = run(dir, ['--estate', join(dir, 'broken.json')]);
  assert.equal(red.status, 1, 'a control fails');
  const report = JSON.parse(readFileSync(join(dir, 'reports', 'compliance.json'), 'utf8')) as { controls: { id: string; status: string }[] };
  const failed = report.controls.filter((c) => c.status === 'failed').map((c) => c.id);
  assert.deepEqual(failed.sort(), ['INIT-ESTATE-01', 'INIT-TRUST-01'], 'exactly the trust controls fail: the role\'s own and the estate-wide one');
});

test('the AWS config reads placeholder API ids and profiles from the environment', () => {
  const dir = project();
  initProject(join(dir, 'estate.json'), dir);
  const file = join(dir, 'crossgate.aws.json');
  assert.match(readFileSync(file, 'utf8'), /"apiId": "\$\{env:ORDERS_DEV_API_ID\}"/, 'the placeholder id becomes an environment reference');
  assert.throws(() => loadConfig(file, {}), (e: Error) => e.message === `${file}: /apis/orders-dev/apiId: environment variable ORDERS_DEV_API_ID is not set`, 'unset: file and JSON path');
  const config = loadConfig(file, { ORDERS_DEV_API_ID: 'z9y8x7w6v5', CROSSGATE_PROFILE_A: 'audit-a' });
  assert.equal(config.apis['orders-dev']!.apiId, 'z9y8x7w6v5', 'the value from the environment');
  assert.deepEqual(config.principals['auditor-a']!.credentials, { source: 'profile', profile: 'audit-a' }, 'profiles too');
});

test('${env:…} substitution: escaped, nested, and validated after substitution', () => {
  assert.deepEqual(substituteEnv('c.json', { a: ['x-${env:A}-y', '$${env:A}'] }, { A: '1' }), { a: ['x-1-y', '${env:A}'] }, 'replaced and escaped');
  assert.throws(() => substituteEnv('c.json', { a: { b: '${env:NOPE}' } }, {}), (e: Error) => e.message === 'c.json: /a/b: environment variable NOPE is not set', 'unset');
});
