/**
 * The step catalogue: docs/steps.md is what `crossgate steps --markdown` prints,
 * every step is documented, and every documented example matches its own pattern.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO } from '../support/emulator.ts';
import { BIN } from '../support/cli.ts';
import { closestPatterns } from '../../src/cli/suggest.ts';

test('docs/steps.md is current', () => {
  const r = spawnSync(process.execPath, [BIN, 'steps', '--markdown'], { cwd: REPO, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '', 'every step definition is documented through step()');
  const committed = readFileSync(join(REPO, 'docs', 'steps.md'), 'utf8');
  assert.ok(committed === r.stdout, 'docs/steps.md is stale: run `npx crossgate steps --markdown > docs/steps.md`');
});

test('an undefined step gets the closest existing patterns', () => {
  const patterns = ['the response status is {int}', 'the role {role} trusts the account {account}', '{actor} tries to assume the role {role}'];
  assert.equal(closestPatterns('the response code is 200', patterns, 1)[0], 'the response status is {int}');
  assert.equal(closestPatterns('ci-caller attempts to assume role ApiInvokerRole', patterns, 1)[0], '{actor} tries to assume the role {role}');
});

test('every documented example is matched by exactly one step definition (Cucumber dry run)', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'crossgate-steps-'));
  const listed = spawnSync(process.execPath, [BIN, 'steps'], { cwd: REPO, encoding: 'utf8' });
  const examples = [...listed.stdout.matchAll(/^ {6}e\.g\. (Given|When|Then) (.*)$/gm)].map((m) => `${m[1]} ${m[2]}${m[2]!.endsWith(':') ? '\n      | x |' : ''}`);
  assert.ok(examples.length >= 15, `${examples.length} examples`);
  const feature = join(dir, 'examples.feature');
  writeFileSync(feature, `Feature: examples\n  Scenario: every example\n${examples.map((e) => `    ${e}`).join('\n')}\n`);
  const config = join(dir, 'cucumber.json');
  writeFileSync(config, JSON.stringify({ default: { import: [join(REPO, 'steps/**/*.ts')], format: [`message:${join(dir, 'messages.ndjson')}`] } }));
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js'), '--config', relative(REPO, config), '--dry-run', feature], { cwd: REPO, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const results = readFileSync(join(dir, 'messages.ndjson'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((m) => m.testStepFinished);
  // Hooks appear as steps too; every step of the scenario must have been found (dry run: SKIPPED, never UNDEFINED/AMBIGUOUS).
  assert.ok(results.length >= examples.length);
  for (const m of results) assert.equal(m.testStepFinished.testStepResult.status, 'SKIPPED');
});
