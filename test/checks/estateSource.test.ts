/**
 * Policies read from the embedded AWS point back at their place in the estate file,
 * so SARIF results land on the line to fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { policySource } from '../../src/checks/estateSource.ts';
import { loadEstateFile } from '../../src/emulator/index.ts';
import type { Harness } from '../../src/checks/harness.ts';
import { REPO } from '../support/emulator.ts';

function harness(estateFile: string): Harness {
  return {
    config: { estateFile } as Harness['config'],
    target: { kind: 'embedded', region: 'us-east-1' },
    estate: loadEstateFile(estateFile),
  } as Harness;
}

test('seed policies resolve to JSON pointers in estates/seed.json', () => {
  const h = harness(join(REPO, 'estates', 'seed.json'));
  const cwd = process.cwd();
  process.chdir(REPO);
  try {
    assert.deepEqual(policySource(h, 'arn:aws:iam::111111111111:role/ApiInvokerRole#trust'), { file: 'estates/seed.json', jsonPointer: '/accounts/0/roles/0/assumeRolePolicyDocument' });
    assert.deepEqual(policySource(h, 'arn:aws:iam::111111111111:policy/ReadOrdersApi'), { file: 'estates/seed.json', jsonPointer: '/accounts/0/policies/1/document' });
    assert.equal(policySource(h, 'arn:aws:iam::111111111111:policy/NoSuchPolicy'), undefined);
  } finally {
    process.chdir(cwd);
  }
});

test('an overlay estate gives no pointer rather than a wrong one', () => {
  const h = harness(join(REPO, 'estates', 'broken', 'trust-any-account.json'));
  assert.equal(policySource(h, 'arn:aws:iam::111111111111:role/ApiInvokerRole#trust'), undefined);
});
