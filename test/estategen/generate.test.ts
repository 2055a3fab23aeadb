/**
 * Generated estates: deterministic to the byte, valid (schema, loader, config), of the
 * size asked, within IAM's quotas, with every kind of policy a real organisation
 * writes, and with intended access that crossgate's evaluator agrees with.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadConfig } from '../../src/config/load.ts';
import { buildState, loadEstateFile, startEmulator } from '../../src/emulator/index.ts';
import { DOCUMENT_QUOTAS, quotaLength } from '../../src/emulator/services/iam/documents.ts';
import { IAM_QUOTAS } from '../../src/emulator/services/iam/model.ts';
import { assumedRoleArn } from '../../src/arn/index.ts';
import { authorize, parsePolicy, principalFromArn, type NamedPolicy } from '../../src/policy/index.ts';
import { prepare, send } from '../../src/aws/http.ts';
import { CONFIG_FILE, expectedAccess, generateEstate, globMatches, planEstate, ESTATE_FILE, writeGenerated, type GenerateOptions } from '../../src/estategen/index.ts';
import type { Estate } from '../../src/estate/types.ts';
import { BIN } from '../support/cli.ts';
import { REPO } from '../support/emulator.ts';

const MEDIUM: GenerateOptions = { accounts: 6, apis: 3, routes: 60, roles: 24, seed: 7 };

function written(options: GenerateOptions): { dir: string; estate: Estate } {
  const dir = mkdtempSync(join(tmpdir(), 'crossgate-estategen-'));
  writeGenerated(generateEstate(options), dir);
  return { dir, estate: loadEstateFile(join(dir, ESTATE_FILE)) };
}

describe('crossgate estate generate', () => {
  test('the same options give the same bytes; another seed another estate', () => {
    const a = generateEstate(MEDIUM).files;
    const b = generateEstate({ ...MEDIUM }).files;
    assert.deepEqual([...a.keys()], [...b.keys()]);
    for (const [file, text] of a) assert.equal(b.get(file), text, file);
    const c = generateEstate({ ...MEDIUM, seed: 8 }).files;
    assert.notEqual(c.get(ESTATE_FILE), a.get(ESTATE_FILE));
  });

  test('the estate is schema-valid, loads, and the config names what it holds', () => {
    const { dir, estate } = written(MEDIUM);
    const state = buildState(estate, ESTATE_FILE);
    const config = loadConfig(join(dir, CONFIG_FILE));
    assert.equal(config.estateFile, join(dir, ESTATE_FILE));
    assert.equal(estate.accounts.length, MEDIUM.accounts);
    assert.equal(state.apigateway.apis.size, MEDIUM.apis);
    assert.equal([...state.apigateway.apis.values()].reduce((n, api) => n + api.routes.length, 0), MEDIUM.routes);
    assert.equal(estate.accounts.reduce((n, a) => n + (a.roles?.length ?? 0), 0), MEDIUM.roles);
    for (const [alias, role] of Object.entries(config.roles)) {
      assert.ok(state.iam.findRole(config.accounts[role.account]!, role.name ?? alias), alias);
    }
    for (const [alias, api] of Object.entries(config.apis)) assert.ok(state.apigateway.apis.get(api.apiId), alias);
    for (const [alias, p] of Object.entries(config.principals)) {
      assert.equal(p.credentials.source, 'estate');
      const user = estate.accounts.flatMap((a) => a.users ?? []).find((u) => u.name === (p.credentials as { user: string }).user);
      assert.ok(user?.accessKeys?.[0], alias);
    }
    for (const [account, auditor] of Object.entries(config.auditors ?? {})) {
      assert.ok(estate.accounts.find((a) => a.id === config.accounts[account])?.apis?.length, `${account} has APIs to audit (${auditor})`);
    }
  });

  test('sizes hold at the edges: two accounts, one API, two routes, one role', () => {
    const { estate } = written({ accounts: 2, apis: 1, routes: 2, roles: 1, seed: 'small' });
    assert.deepEqual(estate.accounts.map((a) => a.alias), ['owner-1', 'caller-1']);
    assert.deepEqual(estate.accounts[0]!.apis![0]!.routes.map((r) => `${r.routeKey} ${r.authorizationType}`), ['GET /health NONE', 'GET /orders AWS_IAM']);
  });

  test('documents stay within IAM quotas, at scale too', () => {
    const { estate } = written({ accounts: 40, apis: 20, routes: 2_000, roles: 300, seed: 3 });
    for (const account of estate.accounts) {
      for (const p of account.policies ?? []) assert.ok(quotaLength(JSON.stringify(p.document)) <= DOCUMENT_QUOTAS.managedPolicy, p.name);
      for (const r of account.roles ?? []) {
        assert.ok(quotaLength(JSON.stringify(r.assumeRolePolicyDocument)) <= DOCUMENT_QUOTAS.trustPolicy, r.name);
        const inline = Object.values(r.inlinePolicies ?? {}).reduce((n, d) => n + quotaLength(JSON.stringify(d)), 0);
        assert.ok(inline <= DOCUMENT_QUOTAS.roleInlineTotal, `${r.name}: ${inline}`);
        assert.ok((r.attachedPolicies?.length ?? 0) <= IAM_QUOTAS.managedPoliciesPerEntity, r.name);
      }
      for (const u of account.users ?? []) {
        const inline = Object.values(u.inlinePolicies ?? {}).reduce((n, d) => n + quotaLength(JSON.stringify(d)), 0);
        assert.ok(inline <= DOCUMENT_QUOTAS.userInlineTotal, `${u.name}: ${inline}`);
      }
    }
  });

  test('policies are realistic: per-route ARNs, wildcards, denies, conditions, boundaries, external ids', () => {
    const { estate } = written(MEDIUM);
    const text = JSON.stringify(estate);
    const roles = estate.accounts.flatMap((a) => a.roles ?? []);
    assert.match(text, /"Resource":"arn:aws:execute-api:[^"]+\/\$default\/\*\/\*"/, 'an API-wide wildcard');
    assert.ok(roles.some((r) => r.inlinePolicies?.InvokeSelectedRoutes), 'per-route grants');
    assert.ok(roles.some((r) => r.inlinePolicies?.DenyDelete), 'an explicit deny');
    assert.ok(roles.some((r) => r.inlinePolicies?.DenyAfterDecommission), 'a conditional deny');
    assert.match(text, /IpAddressIfExists/, 'a condition on a grant');
    assert.ok(roles.some((r) => r.permissionsBoundary), 'a permissions boundary');
    assert.ok(roles.some((r) => JSON.stringify(r.assumeRolePolicyDocument).includes('sts:ExternalId')), 'an external id');
    for (const a of estate.accounts) for (const p of a.policies ?? []) assert.ok(parsePolicy(p.document).ok, p.name);
  });

  test("crossgate's evaluator agrees with every role's intended access, route by route", () => {
    const plan = planEstate(MEDIUM);
    const { estate } = written(MEDIUM);
    const state = buildState(estate, ESTATE_FILE);
    let checked = 0;
    for (const role of plan.roles) {
      const entity = state.iam.findRole(role.api.owner.id, role.name)!;
      const identityPolicies: NamedPolicy[] = state.iam.identityPolicies(entity);
      const boundary = entity.permissionsBoundary ? state.iam.getPolicy(entity.permissionsBoundary) : undefined;
      const principal = principalFromArn(assumedRoleArn(role.api.owner.id, role.name, 'test'), { rolePath: role.path })!;
      for (const e of expectedAccess(plan, role)) {
        const ask = (withBoundary: boolean) => authorize({
          principal, action: 'execute-api:Invoke', resource: e.resource, resourceAccount: role.api.owner.id, identityPolicies,
          ...(withBoundary && boundary ? { permissionsBoundary: { name: boundary.arn, kind: 'boundary' as const, policy: state.iam.defaultVersion(boundary).document.policy } } : {}),
          context: { 'aws:SourceIp': '127.0.0.1', 'aws:CurrentTime': '2026-06-01T00:00:00Z' },
        }).decision === 'allowed';
        assert.equal(ask(false), e.identityAllows, `${role.name} ${e.method} ${e.path} (identity policies)`);
        assert.equal(ask(true), e.allowed, `${role.name} ${e.method} ${e.path} (with the boundary)`);
        checked++;
      }
    }
    assert.ok(checked > 400, `${checked} decisions`);
  });

  test('the expectation oracle matches wildcards as IAM does', () => {
    assert.ok(globMatches('arn:aws:execute-api:us-east-1:1:a/$default/GET/orders/*', 'arn:aws:execute-api:us-east-1:1:a/$default/GET/orders/1/history'));
    assert.ok(!globMatches('arn:aws:execute-api:us-east-1:1:a/$default/GET/orders/*', 'arn:aws:execute-api:us-east-1:1:a/$default/GET/orders'));
    assert.ok(globMatches('a?c', 'abc') && !globMatches('a?c', 'ac'));
  });

  test('a 1,000-route estate loads and its embedded AWS answers', async () => {
    const { estate } = written({ accounts: 12, apis: 20, routes: 1_000, roles: 100, seed: 1 });
    const state = buildState(estate, ESTATE_FILE);
    const emulator = await startEmulator({ state });
    try {
      const api = estate.accounts.find((a) => a.apis?.length)!.apis![0]!;
      const health = await send(prepare({ method: 'GET', url: new URL(`https://${api.apiId}.execute-api.us-east-1.amazonaws.com/health`) }), { connectTo: emulator.url });
      assert.equal(health.status, 200);
      const unsigned = await send(prepare({ method: 'GET', url: new URL(`https://${api.apiId}.execute-api.us-east-1.amazonaws.com/orders`) }), { connectTo: emulator.url });
      assert.equal(unsigned.errorType, 'MissingAuthenticationTokenException');
    } finally {
      await emulator.close();
    }
  });

  test('wrong sizes are usage errors', () => {
    for (const bad of [{ accounts: 1 }, { apis: 0 }, { routes: 3, apis: 2 }, { roles: 0 }, { accounts: 2.5 }]) {
      assert.throws(() => generateEstate({ ...MEDIUM, ...bad }), { name: 'UserError' }, JSON.stringify(bad));
    }
  });

  test('the CLI writes the estate, config, controls and features, and says how to run them', () => {
    const out = mkdtempSync(join(tmpdir(), 'crossgate-estategen-cli-'));
    const r = spawnSync(process.execPath, [BIN, 'estate', 'generate', '--accounts', '3', '--apis', '1', '--routes', '5', '--roles', '2', '--seed', '42', '--out', out], { cwd: REPO, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /3 accounts, 1 APIs, 5 routes, 2 roles/);
    assert.match(r.stdout, /crossgate run --config .* --features .* --controls .*/);
    assert.deepEqual(readdirSync(out).sort(), ['controls.json', 'crossgate.config.json', 'estate.json', 'features']);
    assert.equal(readFileSync(join(out, ESTATE_FILE), 'utf8'), generateEstate({ accounts: 3, apis: 1, routes: 5, roles: 2, seed: '42' }).files.get(ESTATE_FILE));
    const bad = spawnSync(process.execPath, [BIN, 'estate', 'generate', '--accounts', 'many', '--apis', '1', '--routes', '5', '--roles', '2'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--accounts: 'many' is not a whole number/);
  });
});
