/**
 * World files: the seed loads; broken ones fail naming the file, the JSON path and the problem.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorld } from '../../src/emulator/index.ts';
import { UserError } from '../../src/util/userError.ts';
import { SEED_WORLD } from '../support/emulator.ts';

const dir = mkdtempSync(join(tmpdir(), 'crossgate-world-'));

function worldFile(name: string, mutate: (w: any) => void): string {
  const w = JSON.parse(readFileSync(SEED_WORLD, 'utf8'));
  mutate(w);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(w, null, 2));
  return file;
}

function loadError(file: string): string {
  try {
    loadWorld(file);
  } catch (err) {
    assert.ok(err instanceof UserError, `expected a UserError, got ${String(err)}`);
    return err.message;
  }
  assert.fail('the world loaded');
}

test('the seed world loads with exactly its accounts, users, roles and API', () => {
  const s = loadWorld(SEED_WORLD);
  assert.deepEqual([...s.iam.accounts.keys()], ['111111111111', '222222222222', '333333333333']);
  assert.deepEqual([...s.iam.account('111111111111').roles.keys()], ['ApiInvokerRole', 'OrdersReadOnlyRole']);
  assert.deepEqual([...s.iam.account('222222222222').users.keys()], ['ci-caller', 'bystander']);
  assert.deepEqual(s.apigateway.getApi('a1b2c3d4e5').routes.map((r) => `${r.routeKey} ${r.authorizationType}`), [
    'GET /orders AWS_IAM', 'POST /orders AWS_IAM', 'GET /orders/{id} AWS_IAM', 'DELETE /orders/{id} AWS_IAM', 'GET /health NONE',
  ]);
  assert.equal(s.credentials.size, 4);
});

test('not JSON: file and line', () => {
  const file = join(dir, 'broken.json');
  writeFileSync(file, '{\n  "region": "us-east-1",\n  "accounts": [\n}');
  const msg = loadError(file);
  assert.match(msg, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON at line 4`));
});

test('missing file is named', () => {
  assert.match(loadError(join(dir, 'nope.json')), /nope\.json: cannot read file \(ENOENT\)/);
});

test('schema problems name the JSON path', () => {
  const file = worldFile('bad-key', (w) => { w.accounts[1].users[0].accessKeys[0].accessKeyId = 'not-a-key'; });
  assert.match(loadError(file), /bad-key\.json: \/accounts\/1\/users\/0\/accessKeys\/0\/accessKeyId: must match pattern/);
  const file2 = worldFile('bad-prop', (w) => { w.accounts[0].roles[0].trust = {}; });
  assert.match(loadError(file2), /bad-prop\.json: \/accounts\/0\/roles\/0: has unknown property 'trust'/);
});

test('a malformed policy names the statement', () => {
  const file = worldFile('bad-policy', (w) => { w.accounts[0].roles[0].assumeRolePolicyDocument.Statement[0].Effect = 'Permit'; });
  assert.match(loadError(file), /bad-policy\.json: \/accounts\/0\/roles\/0\/assumeRolePolicyDocument\/Statement\/0\/Effect: /);
});

test('duplicates and dangling references are reported', () => {
  const file = worldFile('dupes', (w) => {
    w.accounts[2].users[0].accessKeys[0].accessKeyId = 'AKIACICALLER00000002';
    w.accounts[0].roles[1].attachedPolicies = ['NoSuchPolicy'];
  });
  const msg = loadError(file);
  assert.match(msg, /\/accounts\/2\/users\/0\/accessKeys\/0\/accessKeyId: access key AKIACICALLER00000002 is already used at \/accounts\/1\/users\/0\/accessKeys\/0/);
  assert.match(msg, /\/accounts\/0\/roles\/1\/attachedPolicies\/0: Policy arn:aws:iam::111111111111:policy\/NoSuchPolicy does not exist/);
});
