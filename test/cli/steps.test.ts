/**
 * The step catalogue: docs/steps.md is what `crossgate steps --markdown` prints,
 * every step is documented, and every documented example matches its own pattern.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
