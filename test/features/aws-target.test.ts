/**
 * The `aws` target, tested by pointing it at the embedded AWS the way a user points
 * it at real accounts: AWS_ENDPOINT_URL, named profiles in a temporary
 * AWS_CONFIG_FILE, and an API base URL. The code path real accounts use is the one tested.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { KEYS, REPO } from '../support/emulator.ts';
import { serve, stop } from '../support/cli.ts';
import { runFeatures } from '../support/runFeatures.ts';

// The embedded AWS runs in its own process (`crossgate serve`): runFeatures waits
// synchronously for the run, which would starve an in-process server.
let child: ChildProcess;
const emu = { url: '' };
before(async () => {
  const started = await serve();
  child = started.child;
  emu.url = started.url;
});
after(() => stop(child));

test('the bundled features pass with --profile aws through profiles and AWS_ENDPOINT_URL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crossgate-aws-'));
  const profiles = { 'crossgate-ci-caller': KEYS.ciCaller, 'crossgate-bystander': KEYS.bystander, 'crossgate-outsider': KEYS.outsider, 'crossgate-auditor': KEYS.auditor };
  const awsConfig = join(dir, 'config');
  writeFileSync(awsConfig, Object.entries(profiles).map(([name, k]) => `[profile ${name}]\naws_access_key_id = ${k.accessKeyId}\naws_secret_access_key = ${k.secretAccessKey}\nregion = us-east-1\n`).join('\n'));
  const config = JSON.parse(readFileSync(join(REPO, 'crossgate.aws.example.json'), 'utf8')) as { apis: Record<string, { baseUrl?: string }> };
  config.apis.orders!.baseUrl = `${emu.url}/_aws/execute-api/a1b2c3d4e5`;
  (config as unknown as Record<string, unknown>).baselines = join(REPO, 'baselines');

  const env: NodeJS.ProcessEnv = { ...process.env, AWS_CONFIG_FILE: awsConfig, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_ENDPOINT_URL: emu.url };
  for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete env[k];
  const run = runFeatures({ config: config as unknown as Record<string, unknown>, profile: 'aws', env });
  assert.equal(run.exitCode, 0, run.stdout + run.stderr);
  assert.ok(run.scenarios.length >= 10);
  assert.deepEqual(run.scenarios.filter((s) => s.status !== 'PASSED'), []);
});

test('execute-api requests follow AWS_ENDPOINT_URL alone: no baseUrl in the config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crossgate-aws-'));
  const profiles = { 'crossgate-ci-caller': KEYS.ciCaller, 'crossgate-bystander': KEYS.bystander, 'crossgate-outsider': KEYS.outsider, 'crossgate-auditor': KEYS.auditor };
  const awsConfig = join(dir, 'config');
  writeFileSync(awsConfig, Object.entries(profiles).map(([name, k]) => `[profile ${name}]\naws_access_key_id = ${k.accessKeyId}\naws_secret_access_key = ${k.secretAccessKey}\nregion = us-east-1\n`).join('\n'));
  const config = JSON.parse(readFileSync(join(REPO, 'crossgate.aws.example.json'), 'utf8')) as { apis: Record<string, { baseUrl?: string }> };
  delete config.apis.orders!.baseUrl;
  (config as unknown as Record<string, unknown>).baselines = join(REPO, 'baselines');
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_CONFIG_FILE: awsConfig, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_ENDPOINT_URL: emu.url };
  for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ENDPOINT_URL_EXECUTE_API']) delete env[k];
  const run = runFeatures({ config: config as unknown as Record<string, unknown>, profile: 'aws', env });
  assert.equal(run.exitCode, 0, run.stdout + run.stderr);
  assert.ok(run.scenarios.some((s) => s.name.length > 0 && s.status === 'PASSED'), 'scenarios ran');
  assert.deepEqual(run.scenarios.filter((s) => s.status !== 'PASSED'), [], 'every scenario passes, the end-to-end ones included');
});

/** The reports' request evidence of a run: method, status, whether simulated, whether API Gateway answered. */
function requests(reportsDir: string): { method: string; status: number; simulated: boolean; requestId?: string }[] {
  const report = JSON.parse(readFileSync(join(reportsDir, 'compliance.json'), 'utf8')) as { scenarios: { evidence?: { kind: string; method?: string; status?: number; requestId?: string; details?: { simulated?: boolean } }[] }[] };
  return report.scenarios.flatMap((s) => s.evidence ?? []).filter((e) => e.kind === 'request')
    .map((e) => ({ method: e.method!, status: e.status!, simulated: e.details?.simulated === true, ...(e.requestId ? { requestId: e.requestId } : {}) }));
}

test('mutating probes on the aws target are simulated unless the config allows them; the evidence says so', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crossgate-aws-'));
  const profiles = { 'crossgate-ci-caller': KEYS.ciCaller, 'crossgate-bystander': KEYS.bystander, 'crossgate-outsider': KEYS.outsider, 'crossgate-auditor': KEYS.auditor };
  const awsConfig = join(dir, 'config');
  writeFileSync(awsConfig, Object.entries(profiles).map(([name, k]) => `[profile ${name}]\naws_access_key_id = ${k.accessKeyId}\naws_secret_access_key = ${k.secretAccessKey}\nregion = us-east-1\n`).join('\n'));
  const feature = join(dir, 'probe.feature');
  writeFileSync(feature, [
    'Feature: Probes', '  Background:', '    Given the HTTP API "orders"', '',
    '  Scenario: The read-only role may not delete an order', '    Given ci-caller has assumed the role OrdersReadOnlyRole', '    When ci-caller sends a signed DELETE /orders/42', '    Then the response status is 403', '',
    '  Scenario: The invoker role may delete an order', '    Given ci-caller has assumed the role ApiInvokerRole', '    When ci-caller sends a signed DELETE /orders/42', '    Then the response status is 200', '',
    '  Scenario: Reading is sent live', '    Given ci-caller has assumed the role OrdersReadOnlyRole', '    When ci-caller sends a signed GET /orders/42', '    Then the response status is 200', '',
  ].join('\n'));
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_CONFIG_FILE: awsConfig, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_ENDPOINT_URL: emu.url };
  for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ENDPOINT_URL_EXECUTE_API']) delete env[k];
  const config = JSON.parse(readFileSync(join(REPO, 'crossgate.aws.example.json'), 'utf8')) as { apis: Record<string, { baseUrl?: string; mutatingProbes?: boolean }> };
  delete config.apis.orders!.baseUrl;

  const safe = runFeatures({ config: config as unknown as Record<string, unknown>, profile: 'aws', env, args: ['--features', feature] });
  assert.equal(safe.exitCode, 0, safe.stdout + safe.stderr);
  const simulated = requests(safe.reportsDir);
  assert.deepEqual(simulated.map((r) => `${r.method} ${r.status} ${r.simulated ? 'simulated' : 'live'}`), ['DELETE 403 simulated', 'DELETE 200 simulated', 'GET 200 live'], 'DELETE decided by the engine, GET sent');
  assert.ok(simulated.filter((r) => r.simulated).every((r) => r.requestId === undefined), 'no API Gateway request id: nothing was sent');

  config.apis.orders!.mutatingProbes = true;
  const live = runFeatures({ config: config as unknown as Record<string, unknown>, profile: 'aws', env, args: ['--features', feature] });
  assert.equal(live.exitCode, 0, live.stdout + live.stderr);
  assert.ok(requests(live.reportsDir).every((r) => !r.simulated && r.requestId !== undefined), 'allowed: every probe is sent and answered');
});

test('a simulated probe fails for the right reason: the read-only role that may delete', async () => {
  const broken = await serve(['--estate', join(REPO, 'estates', 'broken', 'readonly-may-delete.json')]);
  try {
    const dir = mkdtempSync(join(tmpdir(), 'crossgate-aws-'));
    const awsConfig = join(dir, 'config');
    writeFileSync(awsConfig, Object.entries({ 'crossgate-ci-caller': KEYS.ciCaller, 'crossgate-auditor': KEYS.auditor, 'crossgate-bystander': KEYS.bystander, 'crossgate-outsider': KEYS.outsider }).map(([name, k]) => `[profile ${name}]\naws_access_key_id = ${k.accessKeyId}\naws_secret_access_key = ${k.secretAccessKey}\nregion = us-east-1\n`).join('\n'));
    const feature = join(dir, 'probe.feature');
    writeFileSync(feature, ['Feature: Probes', '  Background:', '    Given the HTTP API "orders"', '', '  Scenario: The read-only role may not delete an order', '    Given ci-caller has assumed the role OrdersReadOnlyRole', '    When ci-caller sends a signed DELETE /orders/42', '    Then the response status is 403', ''].join('\n'));
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_CONFIG_FILE: awsConfig, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_ENDPOINT_URL: broken.url };
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ENDPOINT_URL_EXECUTE_API']) delete env[k];
    const config = JSON.parse(readFileSync(join(REPO, 'crossgate.aws.example.json'), 'utf8')) as { apis: Record<string, { baseUrl?: string }> };
    delete config.apis.orders!.baseUrl;
    const run = runFeatures({ config: config as unknown as Record<string, unknown>, profile: 'aws', env, args: ['--features', feature] });
    assert.equal(run.exitCode, 1, 'the scenario fails');
    assert.deepEqual(requests(run.reportsDir).map((r) => `${r.method} ${r.status} ${r.simulated ? 'simulated' : 'live'}`), ['DELETE 200 simulated'], 'the engine, over the policies read from IAM, allows the DELETE the estate wrongly grants');
  } finally {
    await stop(broken.child);
  }
});

test('a profile that does not exist is one clear line, not a stack trace', () => {
  const config = JSON.parse(readFileSync(join(REPO, 'crossgate.aws.example.json'), 'utf8')) as Record<string, unknown>;
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_ENDPOINT_URL: emu.url };
  const run = runFeatures({ config, profile: 'aws', env });
  // A configuration mistake, found before any scenario: exit 2, never "controls failed".
  assert.equal(run.exitCode, 2, run.stdout + run.stderr);
  assert.deepEqual(run.scenarios, [], 'no scenario ran');
  assert.match(run.stderr, /principal ci-caller: its credentials do not resolve: .*\n\s+fix: define the profile 'crossgate-ci-caller'/);
  assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
});
