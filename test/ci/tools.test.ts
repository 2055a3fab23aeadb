/**
 * A conformance test whose tool is missing skips locally and fails in CI.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { inCi } from '../support/tools.ts';

const dir = mkdtempSync(join(tmpdir(), 'crossgate-tools-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'needs-tool.test.ts');
const tools = pathToFileURL(join(import.meta.dirname, '..', 'support', 'tools.ts')).href;
writeFileSync(file, `import { test } from 'node:test';\nimport { requireTool } from '${tools}';\ntest('uses the tool', { skip: requireTool('no-such-tool is not installed') }, () => {});\n`);

function run(ci: string | undefined) {
  const env = { ...process.env };
  delete env.CI;
  delete env.NODE_TEST_CONTEXT; // set by the runner around this file; the child is a run of its own
  if (ci !== undefined) env.CI = ci;
  return spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', file], { encoding: 'utf8', env });
}

test('outside CI a missing tool skips, with a note', () => {
  const r = run(undefined);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /# note: skipping: no-such-tool is not installed/, 'the note names the tool');
  assert.match(r.stdout, /# SKIP/, 'the test is skipped');
});

test('in CI a missing tool fails the run', () => {
  const r = run('true');
  assert.notEqual(r.status, 0, 'the run fails');
  assert.match(r.stdout, /not ok .*required in CI: no-such-tool is not installed/, 'the failing test names the tool');
});

test('CI is read as the CI services set it', () => {
  assert.equal(inCi({ CI: 'true' }), true, 'CI=true');
  assert.equal(inCi({ CI: '1' }), true, 'CI=1');
  assert.equal(inCi({ CI: 'false' }), false, 'CI=false');
  assert.equal(inCi({}), false, 'no CI');
});
