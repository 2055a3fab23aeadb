/**
 * Policies read from the embedded AWS point back at their place in the world file,
 * so SARIF results land on the line to fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { policySource } from '../../src/checks/worldSource.ts';
import { loadWorldFile } from '../../src/emulator/index.ts';
import type { Harness } from '../../src/checks/harness.ts';
import { REPO } from '../support/emulator.ts';

function harness(worldFile: string): Harness {
  return {
    config: { worldFile } as Harness['config'],
    target: { kind: 'embedded', region: 'us-east-1' },
    world: loadWorldFile(worldFile),
  } as Harness;
}

test('seed policies resolve to JSON pointers in worlds/seed.json', () => {
  const h = harness(join(REPO, 'worlds', 'seed.json'));
  const cwd = process.cwd();
  process.chdir(REPO);
  try {
    assert.deepEqual(policySource(h, 'arn:aws:iam::111111111111:role/ApiInvokerRole#trust'), { file: 'worlds/seed.json', jsonPointer: '/accounts/0/roles/0/assumeRolePolicyDocument' });
    assert.deepEqual(policySource(h, 'arn:aws:iam::111111111111:policy/ReadOrdersApi'), { file: 'worlds/seed.json', jsonPointer: '/accounts/0/policies/1/document' });
    assert.equal(policySource(h, 'arn:aws:iam::111111111111:policy/NoSuchPolicy'), undefined);
  } finally {
    process.chdir(cwd);
  }
});

test('an overlay world gives no pointer rather than a wrong one', () => {
  const h = harness(join(REPO, 'worlds', 'broken', 'trust-any-account.json'));
  assert.equal(policySource(h, 'arn:aws:iam::111111111111:role/ApiInvokerRole#trust'), undefined);
});
