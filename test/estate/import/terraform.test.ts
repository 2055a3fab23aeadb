/**
 * Terraform plans (`terraform show -json`, format 1.2) into estates: planned values,
 * child modules, provider aliases per account, values unknown until apply followed
 * through the configuration's references, and skipped resource types.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTerraform } from '../../../src/estate/import/terraform/index.ts';
import { buildState } from '../../../src/emulator/estate/load.ts';
import { schemaValidator } from '../../../src/util/schemas.ts';
import { REPO } from '../../support/emulator.ts';

const PLAN = join(REPO, 'test', 'fixtures', 'import', 'terraform', 'orders', 'orders.plan.json');

function variant(edit: (plan: Record<string, any>) => void): string {
  const plan = JSON.parse(readFileSync(PLAN, 'utf8')) as Record<string, any>;
  edit(plan);
  const file = join(mkdtempSync(join(tmpdir(), 'crossgate-tf-')), 'plan.json');
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

test('the fixture is a plan in format 1.2, with resource types crossgate skips', () => {
  const plan = JSON.parse(readFileSync(PLAN, 'utf8')) as { format_version: string; resource_changes: { type: string }[] };
  assert.equal(plan.format_version, '1.2', 'format version');
  assert.ok(plan.resource_changes.some((c) => c.type === 'aws_sqs_queue') && plan.resource_changes.some((c) => c.type === 'aws_cloudwatch_log_group'), 'skipped types are in the plan');
});

test('roles, trust, policies, attachments, users, API, routes and stage across two provider configurations', () => {
  const estate = importTerraform([PLAN]);
  assert.ok(schemaValidator('estate')(JSON.parse(JSON.stringify(estate))), 'the schema accepts it');
  assert.ok(buildState(estate, PLAN), 'the emulator loads it');
  const [a, b] = estate.accounts;
  assert.equal(a?.id, '111111111111', 'the default provider: allowed_account_ids');
  assert.equal(b?.id, '222222222222', 'the aliased provider passed to the module: its assume_role ARN');
  const role = a!.roles!.find((r) => r.name === 'ApiInvokerRole')!;
  assert.deepEqual(role.assumeRolePolicyDocument.Statement, [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' } }], 'trust policy from the plan');
  assert.deepEqual(role.attachedPolicies, ['arn:aws:iam::111111111111:policy/orders-invoke'], 'policy_arn unknown until apply, followed to aws_iam_policy.invoke');
  const api = a!.apis![0]!;
  assert.deepEqual(Object.fromEntries(api.routes.map((r) => [r.routeKey, r.authorizationType])), { 'GET /orders': 'AWS_IAM', 'GET /orders/{id}': 'AWS_IAM', 'GET /health': 'NONE' }, 'routes whose api_id is unknown until apply');
  assert.deepEqual(api.stages, ['$default'], 'the stage');
  assert.ok(estate.imported!.placeholders.some((p) => p.name === 'aws_apigatewayv2_api.orders.id' && p.value === api.apiId), 'the API id is a named placeholder');
  const ci = b!.users!.find((u) => u.name === 'ci-caller')!;
  assert.ok(ci.inlinePolicies?.['assume-invoker'], 'the user policy inside the module');
  assert.ok(a!.users!.some((u) => u.name === 'auditor'), 'an unchanged (no-op) resource is part of the estate');
});

test('skipped: other types, a policy known only after apply, an AWS managed policy; each with its pointer', () => {
  const { skipped } = importTerraform([PLAN]).imported!;
  const by = (address: string) => skipped.find((s) => s.resource === address);
  assert.equal(by('aws_cloudwatch_log_group.access')?.reason, 'not modelled by crossgate', 'log group');
  assert.equal(by('module.callers.aws_sqs_queue.requests')?.reason, 'not modelled by crossgate', 'queue in the module');
  assert.match(by('aws_iam_role_policy.scoped')?.reason ?? '', /known only after apply \(it depends on aws_apigatewayv2_api\.orders\.execution_arn/, 'the unknown policy says what it waits for');
  assert.match(by('module.callers.aws_iam_group_policy_attachment.read')?.reason ?? '', /AWS managed/, 'AWS managed policy');
  assert.match(by('aws_cloudwatch_log_group.access')?.source?.pointer ?? '', /^\/planned_values\/root_module\/resources\/\d+$/, 'JSON pointer into the plan');
});

test('--account-for-provider names the account of a provider configuration', () => {
  const estate = importTerraform([PLAN], { accountForProvider: { 'aws.caller': '444444444444' } });
  assert.deepEqual(estate.accounts.map((a) => a.id), ['111111111111', '444444444444'], 'the flag wins over assume_role');
});

test('a provider that names no account gets a named placeholder account', () => {
  const file = variant((p) => {
    delete p.configuration.provider_config.aws.expressions.allowed_account_ids;
  });
  const estate = importTerraform([file]);
  const placeholder = estate.imported!.placeholders.find((x) => x.name === 'provider.aws.account');
  assert.ok(placeholder && estate.accounts.some((a) => a.id === placeholder.value), 'the placeholder account is used and named');
});

test('generated names (name_prefix) become placeholders', () => {
  const file = variant((p) => {
    const role = p.planned_values.root_module.resources.find((r: { address: string }) => r.address === 'aws_iam_role.invoker');
    delete role.values.name;
    role.values.name_prefix = 'invoker-';
    const change = p.resource_changes.find((c: { address: string }) => c.address === 'aws_iam_role.invoker');
    change.change.after_unknown.name = true;
    // What refers to the name is unknown as well.
    const attachment = p.planned_values.root_module.resources.find((r: { address: string }) => r.address === 'aws_iam_role_policy_attachment.invoker');
    delete attachment.values.role;
    p.resource_changes.find((c: { address: string }) => c.address === 'aws_iam_role_policy_attachment.invoker').change.after_unknown.role = true;
  });
  const estate = importTerraform([file]);
  const role = estate.accounts[0]!.roles![0]!;
  assert.match(role.name, /^invoker-[a-z0-9]{12}$/, 'prefix + stable suffix');
  assert.ok(estate.imported!.placeholders.some((x) => x.name === 'aws_iam_role.invoker.name' && x.value === role.name), 'named');
  assert.deepEqual(role.attachedPolicies, ['arn:aws:iam::111111111111:policy/orders-invoke'], 'the attachment still finds the role by reference');
});

test('a trust policy known only after apply keeps the role, trusting a principal no check trusts', () => {
  const file = variant((p) => {
    const role = p.planned_values.root_module.resources.find((r: { address: string }) => r.address === 'aws_iam_role.invoker');
    delete role.values.assume_role_policy;
    p.resource_changes.find((c: { address: string }) => c.address === 'aws_iam_role.invoker').change.after_unknown.assume_role_policy = true;
    p.configuration.root_module.resources.find((r: { address: string }) => r.address === 'aws_iam_role.invoker').expressions.assume_role_policy = { references: ['aws_iam_role.deployer.arn', 'aws_iam_role.deployer'] };
  });
  const estate = importTerraform([file]);
  const role = estate.accounts[0]!.roles!.find((r) => r.name === 'ApiInvokerRole')!;
  assert.deepEqual((role.assumeRolePolicyDocument.Statement as { Principal: unknown }[])[0]!.Principal, { AWS: 'arn:aws:iam::000000000000:role/placeholder-aws_iam_role.invoker.assume_role_policy' }, 'an account nobody trusts');
  assert.deepEqual(role.attachedPolicies, ['arn:aws:iam::111111111111:policy/orders-invoke'], 'its permissions are kept');
  assert.ok(estate.imported!.placeholders.some((x) => x.name === 'aws_iam_role.invoker.assume_role_policy' && /aws_iam_role\.deployer\.arn/.test(x.meaning)), 'the placeholder says what it waits for');
});

test('an API whose routes come from its OpenAPI body', () => {
  const file = variant((p) => {
    const api = p.planned_values.root_module.resources.find((r: { address: string }) => r.address === 'aws_apigatewayv2_api.orders');
    api.values.body = JSON.stringify({ openapi: '3.0.1', info: { title: 'orders', version: '1' }, components: { securitySchemes: { sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' } } }, security: [{ sigv4: [] }], paths: { '/orders/{id}/items': { put: {} } } });
  });
  const api = importTerraform([file]).accounts[0]!.apis![0]!;
  assert.ok(api.routes.some((r) => r.routeKey === 'PUT /orders/{id}/items' && r.authorizationType === 'AWS_IAM'), 'the body\'s route, with sigv4 as AWS_IAM');
});

test('bad input: clear errors naming the file and JSON path', () => {
  const v2 = variant((p) => {
    p.format_version = '2.0';
  });
  assert.throws(() => importTerraform([v2]), (e: Error) => e.message === `${v2}: /format_version: '2.0' is not a 1.x format crossgate reads`, 'major version 2');
  const notPlan = variant((p) => {
    for (const k of Object.keys(p)) delete p[k];
    p.resources = [];
  });
  assert.throws(() => importTerraform([notPlan]), /\/format_version: not the JSON of 'terraform show -json'/, 'not a plan');
  assert.throws(() => importTerraform([PLAN], { accountForProvider: { aws: '12' } }), /--account-for-provider aws=12: not a 12-digit account id/, 'bad flag');
  assert.throws(() => importTerraform(['/no/such/plan.json']), /\/no\/such\/plan\.json: cannot read file/, 'missing file');
});

test('a state (terraform show -json without a plan) imports too', () => {
  const file = variant((p) => {
    const prior = p.prior_state;
    for (const k of Object.keys(p)) delete p[k];
    Object.assign(p, prior);
  });
  const estate = importTerraform([file]);
  assert.deepEqual(estate.accounts[0]!.users?.map((u) => u.name), ['auditor'], 'the state\'s one user');
});
