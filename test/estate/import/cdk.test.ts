/**
 * A CDK app synthesized during the test by the real aws-cdk-lib and aws-cdk CLI (offline),
 * imported in one command: three stacks in two environments, a cross-stack reference
 * through an export, an HttpApi with HttpIamAuthorizer routes, AccountPrincipal trust and
 * execute-api policies built with formatArn.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCloudFormation } from '../../../src/estate/import/cloudformation/index.ts';
import { buildState } from '../../../src/emulator/estate/load.ts';
import type { Estate } from '../../../src/estate/types.ts';
import { schemaValidator } from '../../../src/util/schemas.ts';
import { REPO } from '../../support/emulator.ts';

/** One synth per test run; shared by the tests of this file. */
export function synthCdkApp(): string {
  const out = join(mkdtempSync(join(tmpdir(), 'crossgate-cdk-')), 'cdk.out');
  execFileSync(join(REPO, 'node_modules', '.bin', 'cdk'), ['synth', '--app', `node ${join(REPO, 'test', 'fixtures', 'import', 'cdk-app', 'app.mjs')}`, '-o', out, '--no-notices', '--no-version-reporting', '-q'], {
    cwd: join(out, '..'), stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_DISABLE_VERSION_CHECK: 'true' },
  });
  return out;
}

let estate: Estate;
before(() => {
  estate = importCloudFormation([synthCdkApp()]);
});

test('the assembly imports: both environments, validated and loadable', () => {
  assert.deepEqual(estate.accounts.map((a) => a.id), ['111111111111', '222222222222'], 'the accounts of aws://ACCOUNT/REGION');
  assert.deepEqual(estate.imported!.from.map((f) => `${f.kind}:${f.stack}`).map((s) => s.replace(/^cdk:OrdersApi-AuditNestedStack.*$/, 'cdk:OrdersApi/Audit (nested)')), ['cdk:OrdersApi', 'cdk:OrdersApi/Audit (nested)', 'cdk:OrdersAccess', 'cdk:Caller'], 'stacks in dependency order, the nested one with its parent');
  assert.ok(schemaValidator('estate')(JSON.parse(JSON.stringify(estate))), 'the schema accepts it');
  assert.ok(buildState(estate, 'cdk.out').apigateway, 'the emulator loads it');
});

test('a nested stack is imported from the assembly, with the parameters its parent passes', () => {
  const a = estate.accounts[0]!;
  const auditor = a.roles!.find((r) => r.name === 'OrdersAuditRole');
  assert.ok(auditor, 'the nested stack\'s role');
  const resource = (Object.values(auditor.inlinePolicies ?? {})[0]!.Statement as { Resource: string }[])[0]!.Resource;
  assert.equal(resource, `arn:aws:apigateway:us-east-1::/apis/${a.apis![0]!.apiId}/*`, 'the API id passed as a nested stack parameter');
  assert.ok(!estate.imported!.skipped.some((s) => s.type === 'AWS::CloudFormation::Stack'), 'the nested stack is not skipped');
});

test('HttpApi routes keep their HttpIamAuthorizer (AWS_IAM) and the none authorizer', () => {
  const api = estate.accounts[0]!.apis![0]!;
  assert.equal(api.name, 'orders', 'apiName');
  assert.deepEqual(api.stages, ['$default'], 'the default stage');
  const routes = Object.fromEntries(api.routes.map((r) => [r.routeKey, r.authorizationType]));
  assert.deepEqual(routes, { 'GET /orders': 'AWS_IAM', 'POST /orders': 'AWS_IAM', 'GET /orders/{id}': 'AWS_IAM', 'DELETE /orders/{id}': 'AWS_IAM', 'GET /health': 'NONE' }, 'routes');
  assert.ok(estate.imported!.placeholders.some((p) => p.value === api.apiId && p.name === 'OrdersApi.OrdersA9B65338.ApiId'), 'the API id placeholder is named');
});

test('AccountPrincipal trust and formatArn policies across stacks (Fn::ImportValue of the API id)', () => {
  const a = estate.accounts[0]!;
  const apiId = a.apis![0]!.apiId;
  const invoker = a.roles!.find((r) => r.name === 'ApiInvokerRole')!;
  assert.deepEqual(invoker.assumeRolePolicyDocument.Statement, [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' } }], 'AccountPrincipal');
  const inline = Object.values(invoker.inlinePolicies ?? {})[0]!;
  assert.equal((inline.Statement as { Resource: string }[])[0]!.Resource, `arn:aws:execute-api:us-east-1:111111111111:${apiId}/$default/*/*`, 'the export of the API stack resolves in the access stack');
  const readOnly = a.roles!.find((r) => r.path === '/orders/')!;
  const managed = a.policies!.find((p) => readOnly.attachedPolicies?.[0]?.endsWith(`/${p.name}`));
  assert.equal((managed?.document.Statement as { Resource: string }[])[0]!.Resource, `arn:aws:execute-api:us-east-1:111111111111:${apiId}/$default/GET/*`, 'the managed policy attached by Ref');
  const caller = estate.accounts[1]!.roles!.find((r) => r.name === 'ci-caller')!;
  assert.deepEqual((Object.values(caller.inlinePolicies ?? {})[0]!.Statement as { Resource: string }[])[0]!.Resource, 'arn:aws:iam::111111111111:role/ApiInvokerRole', 'the caller may assume the invoker role');
  assert.ok(!estate.imported!.placeholders.some((p) => p.name.startsWith('import:')), 'no import is left unresolved');
  assert.ok(estate.imported!.skipped.some((s) => s.type === 'AWS::ApiGatewayV2::Integration'), 'the integration is listed as skipped');
});
