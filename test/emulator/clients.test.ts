/**
 * The IAM and API Gateway v2 operations through clients nobody here wrote: the AWS CLI
 * and boto3 (botocore parses strictly by the service model and URL-decodes IAM's
 * policy documents itself). Each is skipped, with a note, when absent
 * (a failure in CI: test/support/tools.ts).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { IAM_OPERATIONS } from '../../src/emulator/services/iam/index.ts';
import { APIGATEWAYV2_OPERATIONS } from '../../src/emulator/services/apigatewayv2/index.ts';
import { KEYS, ROLE } from '../support/emulator.ts';
import { startControlPlaneEmulator, TRUST_B, WRITERS } from '../support/controlPlane.ts';
import { has } from '../support/cli.ts';
import { AwsCli, awsExecutable, cliEnv, run, type CliResult } from '../support/awsCli.ts';
import type { Creds } from '../support/signing.ts';
import { requireTool } from '../support/tools.ts';

const hasBoto3 = spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' }).status === 0;
const skipCli = requireTool(has('aws') ? false : 'the AWS CLI is not installed');
const skipBoto3 = requireTool(hasBoto3 ? false : 'python3 with boto3 is not installed');

/** Each client gets a fresh emulator, so neither sees what the other created. */
let emu: RunningEmulator;
function freshEmulator(): void {
  before(async () => {
    emu = await startControlPlaneEmulator();
  });
  after(() => emu.close());
}

const cli = new AwsCli();
before(() => cli.start());
after(() => cli.stop());

/** One AWS CLI command against the emulator. */
function aws(creds: Creds, args: string[]): Promise<CliResult> {
  return cli.call(creds, [...args, '--endpoint-url', emu.url, '--output', 'json']);
}

/** Run an `aws` command that must succeed; its JSON output (or {} when it prints nothing). */
async function ok(creds: Creds, args: string[]): Promise<any> {
  const r = await aws(creds, args);
  assert.equal(r.status, 0, `aws ${args.join(' ')}\n${r.stderr}`);
  return r.stdout.trim() === '' ? {} : JSON.parse(r.stdout);
}

const A = '111111111111';
const INVOKE = `arn:aws:iam::${A}:policy/InvokeOrdersApi`;
const IDENTITY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }] });

describe('AWS CLI', { skip: skipCli }, () => {
  freshEmulator();
  const served = new Set<string>();
  /** `aws iam get-role` → 'GetRole' */
  const record = (args: string[]) => served.add(args[1]!.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''));
  const call = (creds: Creds, args: string[]) => {
    record(args);
    return ok(creds, args);
  };

  test('IAM reads (the auditor); documents come out decoded by botocore', async () => {
    const [user, role, roles, users, attached, attachedUser, inline, policy, version, versions, entities, details] = await Promise.all([
      call(KEYS.auditor, ['iam', 'get-user']),
      call(KEYS.auditor, ['iam', 'get-role', '--role-name', 'ApiInvokerRole']),
      call(KEYS.auditor, ['iam', 'list-roles', '--page-size', '1']),
      call(KEYS.auditor, ['iam', 'list-users']),
      call(KEYS.auditor, ['iam', 'list-attached-role-policies', '--role-name', 'ApiInvokerRole']),
      call(KEYS.auditor, ['iam', 'list-attached-user-policies', '--user-name', 'auditor']),
      call(KEYS.auditor, ['iam', 'list-role-policies', '--role-name', 'ApiInvokerRole']),
      call(KEYS.auditor, ['iam', 'get-policy', '--policy-arn', INVOKE]),
      call(KEYS.auditor, ['iam', 'get-policy-version', '--policy-arn', INVOKE, '--version-id', 'v1']),
      call(KEYS.auditor, ['iam', 'list-policy-versions', '--policy-arn', INVOKE]),
      call(KEYS.auditor, ['iam', 'list-entities-for-policy', '--policy-arn', INVOKE]),
      call(KEYS.auditor, ['iam', 'get-account-authorization-details', '--filter', 'Role']),
    ]);
    assert.equal(user.User.Arn, `arn:aws:iam::${A}:user/auditor`);
    assert.equal(role.Role.Arn, ROLE.invoker);
    assert.equal(role.Role.AssumeRolePolicyDocument.Statement[0].Principal.AWS, 'arn:aws:iam::222222222222:root');
    assert.deepEqual(roles.Roles.map((r: any) => r.RoleName), ['ApiInvokerRole', 'OrdersReadOnlyRole'], 'the CLI follows Marker across pages of 1');
    assert.deepEqual(users.Users.map((u: any) => u.UserName), ['admin', 'auditor', 'guarded-admin']);
    assert.deepEqual(attached.AttachedPolicies, [{ PolicyName: 'InvokeOrdersApi', PolicyArn: INVOKE }]);
    assert.equal(attachedUser.AttachedPolicies[0].PolicyName, 'CrossgateAuditor');
    assert.deepEqual(inline.PolicyNames, []);
    assert.equal(policy.Policy.DefaultVersionId, 'v1');
    assert.equal(version.PolicyVersion.Document.Statement[0].Sid, 'VisualEditor0');
    assert.deepEqual(versions.Versions.map((v: any) => v.VersionId), ['v1']);
    assert.deepEqual(entities.PolicyRoles.map((r: any) => r.RoleName), ['ApiInvokerRole']);
    assert.deepEqual(details.RoleDetailList.map((r: any) => r.RoleName), ['ApiInvokerRole', 'OrdersReadOnlyRole']);
    assert.equal(details.RoleDetailList[0].AssumeRolePolicyDocument.Version, '2012-10-17');

    const [names, userPolicy] = await Promise.all([
      call(WRITERS.bAdmin, ['iam', 'list-user-policies', '--user-name', 'ci-caller']),
      call(WRITERS.bAdmin, ['iam', 'get-user-policy', '--user-name', 'ci-caller', '--policy-name', 'AssumeOrdersRoles']),
    ]);
    assert.deepEqual(names.PolicyNames, ['AssumeOrdersRoles']);
    assert.equal(userPolicy.PolicyDocument.Statement[0].Action, 'sts:AssumeRole');
  });

  test("IAM: the `aws` executable itself: bystander's get-role fails with AWS's AccessDenied", async () => {
    const r = await awsExecutable(KEYS.bystander, ['iam', 'get-role', '--role-name', 'ApiInvokerRole', '--endpoint-url', emu.url]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /An error occurred \(AccessDenied\) when calling the GetRole operation: User: arn:aws:iam::222222222222:user\/bystander is not authorized to perform: iam:GetRole on resource: role ApiInvokerRole because no identity-based policy allows the iam:GetRole action/);
  });

  test('IAM writes (the test-only admin), in order', async () => {
    const admin = WRITERS.admin;
    const role = await call(admin, ['iam', 'create-role', '--role-name', 'CliRole', '--assume-role-policy-document', TRUST_B, '--tags', 'Key=by,Value=cli']);
    assert.equal(role.Role.Arn, `arn:aws:iam::${A}:role/CliRole`);
    await call(admin, ['iam', 'update-assume-role-policy', '--role-name', 'CliRole', '--policy-document', TRUST_B]);
    await call(admin, ['iam', 'put-role-policy', '--role-name', 'CliRole', '--policy-name', 'Inline', '--policy-document', IDENTITY]);
    const inline = await call(admin, ['iam', 'get-role-policy', '--role-name', 'CliRole', '--policy-name', 'Inline']);
    assert.equal(inline.PolicyDocument.Statement[0].Action, 'execute-api:Invoke');
    const policy = await call(admin, ['iam', 'create-policy', '--policy-name', 'CliPolicy', '--policy-document', IDENTITY]);
    const v2 = await call(admin, ['iam', 'create-policy-version', '--policy-arn', policy.Policy.Arn, '--policy-document', IDENTITY, '--set-as-default']);
    assert.equal(v2.PolicyVersion.VersionId, 'v2');
    await call(admin, ['iam', 'delete-policy-version', '--policy-arn', policy.Policy.Arn, '--version-id', 'v1']);
    await call(admin, ['iam', 'attach-role-policy', '--role-name', 'CliRole', '--policy-arn', policy.Policy.Arn]);
    await call(admin, ['iam', 'put-role-permissions-boundary', '--role-name', 'CliRole', '--permissions-boundary', INVOKE]);
    const conflict = await aws(admin, ['iam', 'delete-role', '--role-name', 'CliRole']);
    assert.match(conflict.stderr, /\(DeleteConflict\).*Cannot delete entity, must detach all policies first\./);
    await call(admin, ['iam', 'detach-role-policy', '--role-name', 'CliRole', '--policy-arn', policy.Policy.Arn]);
    await call(admin, ['iam', 'delete-role-policy', '--role-name', 'CliRole', '--policy-name', 'Inline']);
    await call(admin, ['iam', 'delete-role', '--role-name', 'CliRole']);
    await call(admin, ['iam', 'delete-policy', '--policy-arn', policy.Policy.Arn]);

    const user = await call(admin, ['iam', 'create-user', '--user-name', 'cli-user']);
    const key = await call(admin, ['iam', 'create-access-key', '--user-name', 'cli-user']);
    const who = await ok({ accessKeyId: key.AccessKey.AccessKeyId, secretAccessKey: key.AccessKey.SecretAccessKey }, ['sts', 'get-caller-identity']);
    assert.equal(who.Arn, user.User.Arn, 'the new key works at once');
    await call(admin, ['iam', 'put-user-policy', '--user-name', 'cli-user', '--policy-name', 'Inline', '--policy-document', IDENTITY]);
    await call(admin, ['iam', 'delete-user-policy', '--user-name', 'cli-user', '--policy-name', 'Inline']);
    await call(admin, ['iam', 'attach-user-policy', '--user-name', 'cli-user', '--policy-arn', INVOKE]);
    await call(admin, ['iam', 'detach-user-policy', '--user-name', 'cli-user', '--policy-arn', INVOKE]);
  });

  test('API Gateway v2 reads and writes', async () => {
    const [apis, api, routes, stages, stage] = await Promise.all([
      call(KEYS.auditor, ['apigatewayv2', 'get-apis']),
      call(KEYS.auditor, ['apigatewayv2', 'get-api', '--api-id', 'a1b2c3d4e5']),
      call(KEYS.auditor, ['apigatewayv2', 'get-routes', '--api-id', 'a1b2c3d4e5']),
      call(KEYS.auditor, ['apigatewayv2', 'get-stages', '--api-id', 'a1b2c3d4e5']),
      call(KEYS.auditor, ['apigatewayv2', 'get-stage', '--api-id', 'a1b2c3d4e5', '--stage-name', '$default']),
    ]);
    assert.deepEqual(apis.Items.map((a: any) => a.ApiId), ['a1b2c3d4e5']);
    assert.equal(api.ApiEndpoint, 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com');
    assert.match(api.CreatedDate, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    assert.equal(routes.Items.length, 5);
    assert.deepEqual(stages.Items.map((s: any) => s.StageName), ['$default']);
    assert.equal(stage.AutoDeploy, true);
    const route = await call(KEYS.auditor, ['apigatewayv2', 'get-route', '--api-id', 'a1b2c3d4e5', '--route-id', routes.Items[0].RouteId]);
    assert.equal(route.RouteKey, routes.Items[0].RouteKey);

    const created = await call(WRITERS.admin, ['apigatewayv2', 'create-api', '--name', 'cli', '--protocol-type', 'HTTP']);
    const newRoute = await call(WRITERS.admin, ['apigatewayv2', 'create-route', '--api-id', created.ApiId, '--route-key', 'GET /cli', '--authorization-type', 'AWS_IAM']);
    assert.equal(newRoute.AuthorizationType, 'AWS_IAM');
    const newStage = await call(WRITERS.admin, ['apigatewayv2', 'create-stage', '--api-id', created.ApiId, '--stage-name', 'cli', '--auto-deploy']);
    assert.equal(newStage.AutoDeploy, true);
    await call(WRITERS.admin, ['apigatewayv2', 'delete-route', '--api-id', created.ApiId, '--route-id', newRoute.RouteId]);
    const missing = await aws(KEYS.auditor, ['apigatewayv2', 'get-api', '--api-id', 'zzzzzzzzzz']);
    assert.match(missing.stderr, /\(NotFoundException\).*Invalid API identifier specified 111111111111:zzzzzzzzzz/);
  });

  test('the CLI exercised every operation served', () => {
    // The policy simulator's two operations are exercised through the SDK in simulate.test.ts.
    const all = [...[...IAM_OPERATIONS.keys()].filter((op) => !op.startsWith('Simulate')), ...APIGATEWAYV2_OPERATIONS.map((o) => o.name)];
    assert.deepEqual(all.filter((op) => !served.has(op)), []);
  });
});

describe('boto3', { skip: skipBoto3 }, () => {
  freshEmulator();
  test('every operation, parsed by botocore', async () => {
    const keys = { auditor: KEYS.auditor, bystander: KEYS.bystander, admin: WRITERS.admin, bAdmin: WRITERS.bAdmin };
    const r = await run('python3', [join(import.meta.dirname, '..', 'support', 'boto3_session.py')], {
      ...process.env, ...cliEnv(KEYS.auditor), CROSSGATE_ENDPOINT: emu.url, CROSSGATE_KEYS: JSON.stringify(keys),
    });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.GetUser, `arn:aws:iam::${A}:user/auditor`);
    assert.equal(out.GetRole.Arn, ROLE.invoker);
    assert.equal(out.GetRole.AssumeRolePolicyDocument.Statement[0].Principal.AWS, 'arn:aws:iam::222222222222:root', 'botocore URL-decodes and parses the document');
    assert.deepEqual(out.ListRoles, ['ApiInvokerRole', 'OrdersReadOnlyRole']);
    assert.deepEqual(out.ListUsers, ['admin', 'auditor', 'guarded-admin']);
    assert.deepEqual(out.ListAttachedRolePolicies, [{ PolicyName: 'InvokeOrdersApi', PolicyArn: INVOKE }]);
    assert.equal(out.ListAttachedUserPolicies[0].PolicyName, 'CrossgateAuditor');
    assert.deepEqual(out.ListRolePolicies, []);
    assert.equal(out.GetPolicy, 'v1');
    assert.equal(out.GetPolicyVersion.Statement[0].Action[0], 'execute-api:Invoke');
    assert.deepEqual(out.ListPolicyVersions, ['v1']);
    assert.deepEqual(out.ListEntitiesForPolicy, ['ApiInvokerRole']);
    assert.deepEqual(out.GetAccountAuthorizationDetails.roles, ['ApiInvokerRole', 'OrdersReadOnlyRole']);
    assert.equal(out.GetAccountAuthorizationDetails.trust.Version, '2012-10-17');
    assert.deepEqual(out.ListUserPolicies, ['AssumeOrdersRoles']);
    assert.equal(out.GetUserPolicy.Statement[0].Action, 'sts:AssumeRole');
    assert.deepEqual(out.AccessDenied, {
      code: 'AccessDenied', status: 403,
      message: 'User: arn:aws:iam::222222222222:user/bystander is not authorized to perform: iam:GetRole on resource: role ApiInvokerRole because no identity-based policy allows the iam:GetRole action',
    });
    assert.deepEqual(out.CreateRole, { Arn: `arn:aws:iam::${A}:role/Boto3Role`, CreateDateType: 'datetime' });
    assert.equal(out.GetRolePolicy.Statement[0].Resource, '*');
    assert.equal(out.CreatePolicyVersion, 'v2');
    assert.equal(out.DeleteConflict.code, 'DeleteConflict');
    assert.equal(out.DeleteConflict.status, 409);
    assert.equal(out.NoSuchEntity.code, 'NoSuchEntity');
    assert.equal(out.NoSuchEntity.status, 404);
    assert.equal(out.CreateAccessKey.caller, out.CreateAccessKey.user);

    assert.deepEqual(out.GetApis, ['a1b2c3d4e5']);
    assert.deepEqual(out.GetApi, { Name: 'orders', CreatedDateType: 'datetime' });
    assert.equal(out.GetRoutes.length, 5);
    assert.ok(out.GetRoutes.includes('GET /health NONE'));
    assert.equal(out.GetRoute, 'GET /orders');
    assert.deepEqual(out.GetStages, ['$default']);
    assert.equal(out.GetStage, true);
    assert.match(out.Create.endpoint, /^https:\/\/[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com$/);
    assert.equal(out.Create.route, 'GET /boto3');
    assert.equal(out.Create.stage, '$default');
    assert.deepEqual(out.Create.after_delete, []);
    assert.deepEqual(out.NotFoundException, { code: 'NotFoundException', status: 404, message: 'Invalid API identifier specified 111111111111:zzzzzzzzzz' });
  });
});
