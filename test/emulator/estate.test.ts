/**
 * Estate files: the seed loads; broken ones fail naming the file, the JSON path and the problem.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEstate } from '../../src/emulator/index.ts';
import { UserError } from '../../src/util/userError.ts';
import { SEED_ESTATE } from '../support/emulator.ts';

const dir = mkdtempSync(join(tmpdir(), 'crossgate-estate-'));

function estateFile(name: string, mutate: (w: any) => void): string {
  const w = JSON.parse(readFileSync(SEED_ESTATE, 'utf8'));
  mutate(w);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(w, null, 2));
  return file;
}

function loadError(file: string): string {
  try {
    loadEstate(file);
  } catch (err) {
    assert.ok(err instanceof UserError, `expected a UserError, got ${String(err)}`);
    return err.message;
  }
  assert.fail('the estate loaded');
}

test('the seed estate loads with exactly its accounts, users, roles and API', () => {
  const s = loadEstate(SEED_ESTATE);
  assert.deepEqual([...s.iam.accounts.keys()], ['111111111111', '222222222222', '333333333333']);
  assert.deepEqual([...s.iam.account('111111111111').roles.keys()], ['ApiInvokerRole', 'OrdersReadOnlyRole']);
  assert.deepEqual([...s.iam.account('222222222222').users.keys()], ['ci-caller', 'bystander']);
  assert.deepEqual(s.apigateway.getApi('a1b2c3d4e5').routes.map((r) => `${r.routeKey} ${r.authorizationType}`), [
    'GET /orders AWS_IAM', 'POST /orders AWS_IAM', 'GET /orders/{id} AWS_IAM', 'DELETE /orders/{id} AWS_IAM', 'GET /health NONE',
  ]);
  assert.equal(s.credentials.size, 4 + 3, 'the four users\' keys and each account\'s local administrator');
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
  const file = estateFile('bad-key', (w) => { w.accounts[1].users[0].accessKeys[0].accessKeyId = 'not-a-key'; });
  assert.match(loadError(file), /bad-key\.json: \/accounts\/1\/users\/0\/accessKeys\/0\/accessKeyId: must match pattern/);
  const file2 = estateFile('bad-prop', (w) => { w.accounts[0].roles[0].trust = {}; });
  assert.match(loadError(file2), /bad-prop\.json: \/accounts\/0\/roles\/0: has unknown property 'trust'/);
});

test('a malformed policy names the statement', () => {
  const file = estateFile('bad-policy', (w) => { w.accounts[0].roles[0].assumeRolePolicyDocument.Statement[0].Effect = 'Permit'; });
  assert.match(loadError(file), /bad-policy\.json: \/accounts\/0\/roles\/0\/assumeRolePolicyDocument\/Statement\/0\/Effect: /);
});

test('duplicates and dangling references are reported', () => {
  const file = estateFile('dupes', (w) => {
    w.accounts[2].users[0].accessKeys[0].accessKeyId = 'AKIACICALLER00000002';
    w.accounts[0].roles[1].attachedPolicies = ['NoSuchPolicy'];
  });
  const msg = loadError(file);
  assert.match(msg, /\/accounts\/2\/users\/0\/accessKeys\/0\/accessKeyId: access key AKIACICALLER00000002 is already used at \/accounts\/1\/users\/0\/accessKeys\/0/);
  assert.match(msg, /\/accounts\/0\/roles\/1\/attachedPolicies\/0: Policy arn:aws:iam::111111111111:policy\/NoSuchPolicy does not exist/);
});
