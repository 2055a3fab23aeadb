/**
 * IAM through the real @aws-sdk/client-iam against the embedded AWS: every operation,
 * asserting on fields (the SDK's parser is lenient, so presence is not enough);
 * authorization in the caller's account; AWS's errors.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AttachRolePolicyCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreatePolicyCommand, CreatePolicyVersionCommand,
  CreateRoleCommand, CreateUserCommand, DeletePolicyCommand, DeletePolicyVersionCommand, DeleteRoleCommand, DeleteRolePolicyCommand,
  DeleteUserPolicyCommand, DetachRolePolicyCommand, DetachUserPolicyCommand, GetAccountAuthorizationDetailsCommand, GetPolicyCommand,
  GetPolicyVersionCommand, GetRoleCommand, GetRolePolicyCommand, GetUserCommand, GetUserPolicyCommand, IAMClient,
  ListAttachedRolePoliciesCommand, ListAttachedUserPoliciesCommand, ListEntitiesForPolicyCommand, ListPolicyVersionsCommand,
  ListRolePoliciesCommand, ListRolesCommand, ListUserPoliciesCommand, ListUsersCommand, PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand, PutUserPolicyCommand, UpdateAssumeRolePolicyCommand, paginateListRoles, type CreatePolicyVersionCommandOutput,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { IAM_OPERATIONS } from '../../src/emulator/services/iam/index.ts';
import { KEYS, ROLE } from '../support/emulator.ts';
import { doc, rejection, startControlPlaneEmulator, TRUST_B, WRITERS } from '../support/controlPlane.ts';
import { callApi, type Creds } from '../support/signing.ts';

let emu: RunningEmulator;
const used = new Set<string>();

/** An IAM client that records which operations the tests send. */
function iam(credentials: Creds): IAMClient {
  const client = new IAMClient({ region: 'us-east-1', endpoint: emu.url, credentials, maxAttempts: 1 });
  client.middlewareStack.add((next, context) => (args) => {
    used.add(String(context.commandName).replace(/Command$/, ''));
    return next(args);
  }, { step: 'initialize', name: 'recordOperation' });
  return client;
}
const sts = (credentials: Creds) => new STSClient({ region: 'us-east-1', endpoint: emu.url, credentials, maxAttempts: 1 });

const A = '111111111111';
const INVOKE_POLICY = `arn:aws:iam::${A}:policy/InvokeOrdersApi`;
const decode = (s: string | undefined) => JSON.parse(decodeURIComponent(s!));

before(async () => {
  emu = await startControlPlaneEmulator();
});
after(() => emu.close());

describe('reads, as the seed auditor in account A', () => {
  test('GetUser without UserName answers the caller', async () => {
    const out = await iam(KEYS.auditor).send(new GetUserCommand({}));
    assert.equal(out.User!.UserName, 'auditor');
    assert.equal(out.User!.Arn, `arn:aws:iam::${A}:user/auditor`);
    assert.equal(out.User!.Path, '/');
    assert.match(out.User!.UserId!, /^AIDA[A-Z2-7]{17}$/);
    assert.ok(out.User!.CreateDate instanceof Date && !Number.isNaN(out.User!.CreateDate.getTime()));
  });

  test('GetUser names another user of the account', async () => {
    const out = await iam(KEYS.auditor).send(new GetUserCommand({ UserName: 'admin' }));
    assert.equal(out.User!.Arn, `arn:aws:iam::${A}:user/admin`);
  });

  test('GetRole returns the trust policy URL-encoded, as IAM does', async () => {
    const out = await iam(KEYS.auditor).send(new GetRoleCommand({ RoleName: 'ApiInvokerRole' }));
    const role = out.Role!;
    assert.equal(role.Arn, ROLE.invoker);
    assert.match(role.RoleId!, /^AROA[A-Z2-7]{17}$/);
    assert.equal(role.MaxSessionDuration, 3600);
    assert.match(role.Description!, /seed article/);
    assert.match(role.AssumeRolePolicyDocument!, /^%7B%22Version%22/);
    assert.deepEqual(decode(role.AssumeRolePolicyDocument), {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'sts:AssumeRole' }],
    });
  });

  test('ListRoles pages with MaxItems, Marker and IsTruncated', async () => {
    const client = iam(KEYS.auditor);
    const first = await client.send(new ListRolesCommand({ MaxItems: 1 }));
    assert.deepEqual(first.Roles!.map((r) => r.RoleName), ['ApiInvokerRole']);
    assert.equal(first.IsTruncated, true);
    assert.ok(first.Marker);
    const second = await client.send(new ListRolesCommand({ MaxItems: 1, Marker: first.Marker }));
    assert.deepEqual(second.Roles!.map((r) => r.RoleName), ['OrdersReadOnlyRole']);
    assert.equal(second.IsTruncated, false);
    assert.equal(second.Marker, undefined);
    const all: string[] = [];
    for await (const page of paginateListRoles({ client, pageSize: 1 }, {})) all.push(...page.Roles!.map((r) => r.RoleName!));
    assert.deepEqual(all, ['ApiInvokerRole', 'OrdersReadOnlyRole']);
    assert.ok(first.Roles![0]!.AssumeRolePolicyDocument, 'ListRoles carries each trust policy');
    assert.equal(first.Roles![0]!.Tags, undefined, 'ListRoles leaves tags out, as IAM does');
  });

  test('ListUsers lists only account A, filtered by path prefix', async () => {
    const out = await iam(KEYS.auditor).send(new ListUsersCommand({}));
    assert.deepEqual(out.Users!.map((u) => u.UserName), ['admin', 'auditor', 'guarded-admin']);
    const none = await iam(KEYS.auditor).send(new ListUsersCommand({ PathPrefix: '/nope/' }));
    assert.deepEqual(none.Users, []);
  });

  test('ListAttachedRolePolicies and ListRolePolicies', async () => {
    const attached = await iam(KEYS.auditor).send(new ListAttachedRolePoliciesCommand({ RoleName: 'ApiInvokerRole' }));
    assert.deepEqual(attached.AttachedPolicies, [{ PolicyName: 'InvokeOrdersApi', PolicyArn: INVOKE_POLICY }]);
    assert.equal(attached.IsTruncated, false);
    const inline = await iam(KEYS.auditor).send(new ListRolePoliciesCommand({ RoleName: 'ApiInvokerRole' }));
    assert.deepEqual(inline.PolicyNames, []);
  });

  test('ListAttachedUserPolicies', async () => {
    const out = await iam(KEYS.auditor).send(new ListAttachedUserPoliciesCommand({ UserName: 'auditor' }));
    assert.deepEqual(out.AttachedPolicies!.map((p) => p.PolicyName), ['CrossgateAuditor']);
  });

  test('GetPolicy, GetPolicyVersion and ListPolicyVersions', async () => {
    const policy = (await iam(KEYS.auditor).send(new GetPolicyCommand({ PolicyArn: INVOKE_POLICY }))).Policy!;
    assert.equal(policy.PolicyName, 'InvokeOrdersApi');
    assert.equal(policy.DefaultVersionId, 'v1');
    assert.equal(policy.AttachmentCount, 1);
    assert.equal(policy.PermissionsBoundaryUsageCount, 0);
    assert.equal(policy.IsAttachable, true);
    assert.match(policy.PolicyId!, /^ANPA[A-Z2-7]{17}$/);
    const version = (await iam(KEYS.auditor).send(new GetPolicyVersionCommand({ PolicyArn: INVOKE_POLICY, VersionId: 'v1' }))).PolicyVersion!;
    assert.equal(version.IsDefaultVersion, true);
    assert.deepEqual(decode(version.Document).Statement[0].Resource, ['arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/*/*']);
    const versions = await iam(KEYS.auditor).send(new ListPolicyVersionsCommand({ PolicyArn: INVOKE_POLICY }));
    assert.deepEqual(versions.Versions!.map((v) => [v.VersionId, v.IsDefaultVersion, v.Document]), [['v1', true, undefined]]);
  });

  test('ListEntitiesForPolicy', async () => {
    const out = await iam(KEYS.auditor).send(new ListEntitiesForPolicyCommand({ PolicyArn: INVOKE_POLICY }));
    assert.deepEqual(out.PolicyRoles!.map((r) => r.RoleName), ['ApiInvokerRole']);
    assert.deepEqual(out.PolicyUsers, []);
    assert.deepEqual(out.PolicyGroups, []);
    const users = await iam(KEYS.auditor).send(new ListEntitiesForPolicyCommand({ PolicyArn: INVOKE_POLICY, EntityFilter: 'User' }));
    assert.deepEqual(users.PolicyRoles, []);
  });

  test('GetAccountAuthorizationDetails: account A only, every document URL-encoded', async () => {
    const out = await iam(KEYS.auditor).send(new GetAccountAuthorizationDetailsCommand({}));
    assert.deepEqual(out.UserDetailList!.map((u) => u.UserName), ['admin', 'auditor', 'guarded-admin']);
    assert.deepEqual(out.RoleDetailList!.map((r) => r.RoleName), ['ApiInvokerRole', 'OrdersReadOnlyRole']);
    assert.deepEqual(out.Policies!.map((p) => p.PolicyName), ['CrossgateAuditor', 'InvokeOrdersApi', 'ReadOrdersApi']);
    const admin = out.UserDetailList!.find((u) => u.UserName === 'admin')!;
    assert.deepEqual(decode(admin.UserPolicyList![0]!.PolicyDocument).Statement[0].Action, ['iam:*', 'apigateway:*']);
    const invoker = out.RoleDetailList!.find((r) => r.RoleName === 'ApiInvokerRole')!;
    assert.deepEqual(invoker.AttachedManagedPolicies, [{ PolicyName: 'InvokeOrdersApi', PolicyArn: INVOKE_POLICY }]);
    assert.equal(decode(invoker.AssumeRolePolicyDocument).Statement[0].Principal.AWS, 'arn:aws:iam::222222222222:root');
    const invoke = out.Policies!.find((p) => p.PolicyName === 'InvokeOrdersApi')!;
    assert.equal(invoke.PolicyVersionList![0]!.IsDefaultVersion, true);
    assert.ok(decode(invoke.PolicyVersionList![0]!.Document));

    const rolesOnly = await iam(KEYS.auditor).send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'], MaxItems: 1 }));
    assert.deepEqual(rolesOnly.RoleDetailList!.map((r) => r.RoleName), ['ApiInvokerRole']);
    assert.deepEqual(rolesOnly.UserDetailList, []);
    assert.equal(rolesOnly.IsTruncated, true);
    const next = await iam(KEYS.auditor).send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'], MaxItems: 1, Marker: rolesOnly.Marker }));
    assert.deepEqual(next.RoleDetailList!.map((r) => r.RoleName), ['OrdersReadOnlyRole']);
  });

  test('ListUserPolicies and GetUserPolicy (account B, as its admin)', async () => {
    const names = await iam(WRITERS.bAdmin).send(new ListUserPoliciesCommand({ UserName: 'ci-caller' }));
    assert.deepEqual(names.PolicyNames, ['AssumeOrdersRoles']);
    const got = await iam(WRITERS.bAdmin).send(new GetUserPolicyCommand({ UserName: 'ci-caller', PolicyName: 'AssumeOrdersRoles' }));
    assert.equal(got.UserName, 'ci-caller');
    assert.equal(got.PolicyName, 'AssumeOrdersRoles');
    assert.deepEqual(decode(got.PolicyDocument).Statement[0].Resource, [ROLE.invoker, ROLE.readOnly]);
  });
});

describe('authorization: the caller\'s own identity policies, in the caller\'s own account', () => {
  test("bystander gets AWS's AccessDenied for iam:GetRole", async () => {
    const err = await rejection(iam(KEYS.bystander).send(new GetRoleCommand({ RoleName: 'ApiInvokerRole' })));
    assert.equal(err.name, 'AccessDenied');
    assert.equal(err.status, 403);
    assert.equal(err.message, 'User: arn:aws:iam::222222222222:user/bystander is not authorized to perform: iam:GetRole on resource: role ApiInvokerRole because no identity-based policy allows the iam:GetRole action');
    assert.match(err.requestId!, /^[0-9a-f-]{36}$/);
  });

  test('authorization comes before existence: a role that does not exist is still AccessDenied', async () => {
    const err = await rejection(iam(KEYS.bystander).send(new GetRoleCommand({ RoleName: 'NoSuchRole' })));
    assert.equal(err.name, 'AccessDenied');
  });

  test('validation comes before authorization', async () => {
    const err = await rejection(iam(KEYS.bystander).send(new GetRoleCommand({ RoleName: 'has space' })));
    assert.equal(err.name, 'ValidationError');
    assert.equal(err.message, "1 validation error detected: Value 'has space' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
  });

  test('cross-account reads are impossible: names resolve in the caller\'s own account', async () => {
    const roleInA = await rejection(iam(WRITERS.bAdmin).send(new GetRoleCommand({ RoleName: 'ApiInvokerRole' })));
    assert.equal(roleInA.name, 'NoSuchEntityException');
    assert.equal(roleInA.status, 404);
    assert.equal(roleInA.message, 'The role with name ApiInvokerRole cannot be found.');
    const userInB = await rejection(iam(KEYS.auditor).send(new GetUserCommand({ UserName: 'ci-caller' })));
    assert.equal(userInB.name, 'NoSuchEntityException');
    const listed = await iam(WRITERS.bAdmin).send(new ListRolesCommand({}));
    assert.deepEqual(listed.Roles, []);
  });

  test('another account\'s policy ARN is denied: no resource-based policy can allow it', async () => {
    const err = await rejection(iam(WRITERS.bAdmin).send(new GetPolicyCommand({ PolicyArn: INVOKE_POLICY })));
    assert.equal(err.name, 'AccessDenied');
    assert.equal(err.message, `User: arn:aws:iam::222222222222:user/b-admin is not authorized to perform: iam:GetPolicy on resource: policy ${INVOKE_POLICY} because no resource-based policy allows the iam:GetPolicy action`);
  });

  test('the read-only auditor cannot write', async () => {
    const err = await rejection(iam(KEYS.auditor).send(new CreateRoleCommand({ RoleName: 'Nope', AssumeRolePolicyDocument: TRUST_B })));
    assert.equal(err.name, 'AccessDenied');
    assert.equal(err.message, `User: arn:aws:iam::${A}:user/auditor is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${A}:role/Nope because no identity-based policy allows the iam:CreateRole action`);
    const policy = await rejection(iam(KEYS.auditor).send(new CreatePolicyCommand({ PolicyName: 'Nope', PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]) })));
    assert.match(policy.message, /iam:CreatePolicy on resource: policy Nope because/);
  });

  test('an explicit deny says so', async () => {
    const err = await rejection(iam(WRITERS.guarded).send(new DeleteRolePolicyCommand({ RoleName: 'ApiInvokerRole', PolicyName: 'x' })));
    assert.equal(err.name, 'AccessDenied');
    assert.match(err.message, /^User: arn:aws:iam::111111111111:user\/guarded-admin is not authorized to perform: iam:DeleteRolePolicy on resource: role ApiInvokerRole with an explicit deny/);
  });

  test('an assumed-role session acts in the role\'s account with the role\'s policies', async () => {
    const c = (await sts(KEYS.ciCaller).send(new AssumeRoleCommand({ RoleArn: ROLE.invoker, RoleSessionName: 'reader' }))).Credentials!;
    const session = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    const err = await rejection(iam(session).send(new GetRoleCommand({ RoleName: 'ApiInvokerRole' })));
    assert.equal(err.message, 'User: arn:aws:sts::111111111111:assumed-role/ApiInvokerRole/reader is not authorized to perform: iam:GetRole on resource: role ApiInvokerRole because no identity-based policy allows the iam:GetRole action');
    const self = await rejection(iam(session).send(new GetUserCommand({})));
    assert.equal(self.name, 'ValidationError');
    assert.equal(self.message, 'Must specify userName when calling with non-User credentials');
  });
});

describe('writes, as a test-only admin', () => {
  test('CreateRole, attach the invoke policy, and account B can assume it and invoke the API', async () => {
    const admin = iam(WRITERS.admin);
    const created = (await admin.send(new CreateRoleCommand({
      RoleName: 'ProbeInvoker', Path: '/crossgate/', AssumeRolePolicyDocument: TRUST_B, Description: 'made by a test',
      MaxSessionDuration: 7200, Tags: [{ Key: 'owner', Value: 'tests' }],
    }))).Role!;
    assert.equal(created.Arn, `arn:aws:iam::${A}:role/crossgate/ProbeInvoker`);
    assert.equal(created.Path, '/crossgate/');
    assert.equal(created.MaxSessionDuration, 7200);
    assert.deepEqual(created.Tags, [{ Key: 'owner', Value: 'tests' }]);
    assert.equal(decodeURIComponent(created.AssumeRolePolicyDocument!), TRUST_B, 'the document comes back exactly as sent');
    await admin.send(new AttachRolePolicyCommand({ RoleName: 'ProbeInvoker', PolicyArn: INVOKE_POLICY }));

    // Account B's admin lets itself assume the new role, assumes it, and invokes the API.
    await iam(WRITERS.bAdmin).send(new PutUserPolicyCommand({
      UserName: 'b-admin', PolicyName: 'AssumeProbe',
      PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: created.Arn }]),
    }));
    const c = (await sts(WRITERS.bAdmin).send(new AssumeRoleCommand({ RoleArn: created.Arn, RoleSessionName: 'probe' }))).Credentials!;
    const res = await callApi(emu.url, { method: 'GET', path: '/orders', creds: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! } });
    assert.equal(res.status, 200, res.body);

    // Trust only account C now: B can no longer assume it.
    await admin.send(new UpdateAssumeRolePolicyCommand({
      RoleName: 'ProbeInvoker', PolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333333333333:root' }, Action: 'sts:AssumeRole' }]),
    }));
    const denied = await rejection(sts(WRITERS.bAdmin).send(new AssumeRoleCommand({ RoleArn: created.Arn, RoleSessionName: 'probe2' })));
    assert.equal(denied.name, 'AccessDenied');
    const after = await admin.send(new GetRoleCommand({ RoleName: 'ProbeInvoker' }));
    assert.equal(decode(after.Role!.AssumeRolePolicyDocument).Statement[0].Principal.AWS, 'arn:aws:iam::333333333333:root');
  });

  test('names are unique regardless of case', async () => {
    const err = await rejection(iam(WRITERS.admin).send(new CreateRoleCommand({ RoleName: 'apiinvokerrole', AssumeRolePolicyDocument: TRUST_B })));
    assert.equal(err.name, 'EntityAlreadyExistsException');
    assert.equal(err.status, 409);
    assert.equal(err.message, 'Role with name apiinvokerrole already exists.');
  });

  test('malformed documents are MalformedPolicyDocument in IAM\'s words', async () => {
    const admin = iam(WRITERS.admin);
    for (const [document, message] of [
      [doc([{ Effect: 'Allow', Action: 'sts:AssumeRole' }]), 'Missing required field Principal'],
      [doc([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Resource: '*' }]), 'Has prohibited field Resource'],
      ['{"Version": "2012-10-17", "Statement": [', 'Syntax errors in policy.'],
    ] as const) {
      const err = await rejection(admin.send(new CreateRoleCommand({ RoleName: 'Malformed', AssumeRolePolicyDocument: document })));
      assert.equal(err.name, 'MalformedPolicyDocumentException', document);
      assert.equal(err.status, 400);
      assert.equal(err.message, message);
    }
    const identity = await rejection(admin.send(new PutRolePolicyCommand({
      RoleName: 'ApiInvokerRole', PolicyName: 'p', PolicyDocument: doc([{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }]),
    })));
    assert.equal(identity.message, 'Has prohibited field Principal');
  });

  test('several validation errors are reported together', async () => {
    const err = await rejection(iam(WRITERS.admin).send(new CreateRoleCommand({ RoleName: 'x'.repeat(65), AssumeRolePolicyDocument: TRUST_B, MaxSessionDuration: 60 })));
    assert.equal(err.name, 'ValidationError');
    assert.equal(err.message, `2 validation errors detected: Value '${'x'.repeat(65)}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64; Value '60' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600`);
  });

  test('a trust policy over 2048 characters is LimitExceeded', async () => {
    const arns = Array.from({ length: 60 }, (_, i) => `arn:aws:iam::222222222222:role/role-number-${i}`);
    const big = doc([{ Effect: 'Allow', Principal: { AWS: arns }, Action: 'sts:AssumeRole' }]);
    const err = await rejection(iam(WRITERS.admin).send(new CreateRoleCommand({ RoleName: 'TooBig', AssumeRolePolicyDocument: big })));
    assert.equal(err.name, 'LimitExceededException');
    assert.equal(err.message, 'Cannot exceed quota for ACLSizePerRole: 2048');
  });

  test('inline role policies: Put, Get, List, Delete', async () => {
    const admin = iam(WRITERS.admin);
    const document = doc([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET/health' }]);
    await admin.send(new PutRolePolicyCommand({ RoleName: 'OrdersReadOnlyRole', PolicyName: 'Health', PolicyDocument: document }));
    assert.deepEqual((await admin.send(new ListRolePoliciesCommand({ RoleName: 'OrdersReadOnlyRole' }))).PolicyNames, ['Health']);
    const got = await admin.send(new GetRolePolicyCommand({ RoleName: 'OrdersReadOnlyRole', PolicyName: 'Health' }));
    assert.equal(got.RoleName, 'OrdersReadOnlyRole');
    assert.equal(decodeURIComponent(got.PolicyDocument!), document);
    await admin.send(new DeleteRolePolicyCommand({ RoleName: 'OrdersReadOnlyRole', PolicyName: 'Health' }));
    const gone = await rejection(admin.send(new GetRolePolicyCommand({ RoleName: 'OrdersReadOnlyRole', PolicyName: 'Health' })));
    assert.equal(gone.name, 'NoSuchEntityException');
    assert.equal(gone.message, 'The role policy with name Health cannot be found.');
  });

  test('managed policies: CreatePolicy, CreatePolicyVersion up to five, SetAsDefault, DeletePolicyVersion', async () => {
    const admin = iam(WRITERS.admin);
    const readOnly = doc([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET/*' }]);
    const policy = (await admin.send(new CreatePolicyCommand({ PolicyName: 'ProbePolicy', Path: '/crossgate/', PolicyDocument: readOnly, Description: 'test', Tags: [{ Key: 'k', Value: 'v' }] }))).Policy!;
    assert.equal(policy.Arn, `arn:aws:iam::${A}:policy/crossgate/ProbePolicy`);
    assert.equal(policy.DefaultVersionId, 'v1');
    assert.equal(policy.AttachmentCount, 0);
    assert.deepEqual(policy.Tags, [{ Key: 'k', Value: 'v' }]);

    const v2 = (await admin.send(new CreatePolicyVersionCommand({ PolicyArn: policy.Arn, PolicyDocument: doc([{ Effect: 'Deny', Action: '*', Resource: '*' }]), SetAsDefault: true }))).PolicyVersion!;
    assert.equal(v2.VersionId, 'v2');
    assert.equal(v2.IsDefaultVersion, true);
    assert.equal((await admin.send(new GetPolicyCommand({ PolicyArn: policy.Arn }))).Policy!.DefaultVersionId, 'v2');
    for (const n of [3, 4, 5]) {
      const created: CreatePolicyVersionCommandOutput = await admin.send(new CreatePolicyVersionCommand({ PolicyArn: policy.Arn, PolicyDocument: readOnly }));
      assert.equal(created.PolicyVersion!.VersionId, `v${n}`);
      assert.equal(created.PolicyVersion!.IsDefaultVersion, false);
    }
    const sixth = await rejection(admin.send(new CreatePolicyVersionCommand({ PolicyArn: policy.Arn, PolicyDocument: readOnly })));
    assert.equal(sixth.name, 'LimitExceededException');
    assert.equal(sixth.status, 409);
    assert.equal(sixth.message, 'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.');

    const defaultDelete = await rejection(admin.send(new DeletePolicyVersionCommand({ PolicyArn: policy.Arn, VersionId: 'v2' })));
    assert.equal(defaultDelete.name, 'DeleteConflictException');
    await admin.send(new DeletePolicyVersionCommand({ PolicyArn: policy.Arn, VersionId: 'v1' }));
    const v6 = (await admin.send(new CreatePolicyVersionCommand({ PolicyArn: policy.Arn, PolicyDocument: readOnly }))).PolicyVersion!;
    assert.equal(v6.VersionId, 'v6', 'version ids are never reused');
    const listed = await admin.send(new ListPolicyVersionsCommand({ PolicyArn: policy.Arn }));
    assert.deepEqual(listed.Versions!.map((v) => v.VersionId), ['v6', 'v5', 'v4', 'v3', 'v2']);

    const many = await rejection(admin.send(new DeletePolicyCommand({ PolicyArn: policy.Arn })));
    assert.equal(many.name, 'DeleteConflictException');
    assert.match(many.message, /^This policy has more than one version/);
  });

  test('attach and detach: unknown, foreign and unattached policies are NoSuchEntity; attached ones block deletes', async () => {
    const admin = iam(WRITERS.admin);
    const unknown = await rejection(admin.send(new AttachRolePolicyCommand({ RoleName: 'OrdersReadOnlyRole', PolicyArn: `arn:aws:iam::${A}:policy/Nope` })));
    assert.equal(unknown.name, 'NoSuchEntityException');
    assert.equal(unknown.message, `Policy arn:aws:iam::${A}:policy/Nope does not exist or is not attachable.`);
    const foreign = await rejection(admin.send(new AttachRolePolicyCommand({ RoleName: 'OrdersReadOnlyRole', PolicyArn: 'arn:aws:iam::222222222222:policy/Anything' })));
    assert.equal(foreign.name, 'NoSuchEntityException');
    const badArn = await rejection(admin.send(new AttachRolePolicyCommand({ RoleName: 'OrdersReadOnlyRole', PolicyArn: 'arn:aws:iam::111111111111:role/NotAPolicy' })));
    assert.equal(badArn.name, 'InvalidInputException');
    assert.equal(badArn.message, 'ARN arn:aws:iam::111111111111:role/NotAPolicy is not valid.');
    const notAttached = await rejection(admin.send(new DetachRolePolicyCommand({ RoleName: 'OrdersReadOnlyRole', PolicyArn: INVOKE_POLICY })));
    assert.equal(notAttached.name, 'NoSuchEntityException');
    assert.equal(notAttached.message, `Policy ${INVOKE_POLICY} was not found.`);

    const inUse = await rejection(admin.send(new DeletePolicyCommand({ PolicyArn: INVOKE_POLICY })));
    assert.equal(inUse.name, 'DeleteConflictException');
    assert.equal(inUse.status, 409);
    assert.equal(inUse.message, 'Cannot delete a policy attached to entities.');
  });

  test('DeleteRole: DeleteConflict while policies remain, then gone', async () => {
    const admin = iam(WRITERS.admin);
    await admin.send(new CreateRoleCommand({ RoleName: 'Doomed', AssumeRolePolicyDocument: TRUST_B }));
    await admin.send(new AttachRolePolicyCommand({ RoleName: 'Doomed', PolicyArn: INVOKE_POLICY }));
    await admin.send(new PutRolePolicyCommand({ RoleName: 'Doomed', PolicyName: 'inline', PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]) }));
    const attached = await rejection(admin.send(new DeleteRoleCommand({ RoleName: 'Doomed' })));
    assert.equal(attached.name, 'DeleteConflictException');
    assert.equal(attached.message, 'Cannot delete entity, must detach all policies first.');
    await admin.send(new DetachRolePolicyCommand({ RoleName: 'Doomed', PolicyArn: INVOKE_POLICY }));
    const inline = await rejection(admin.send(new DeleteRoleCommand({ RoleName: 'Doomed' })));
    assert.equal(inline.message, 'Cannot delete entity, must delete policies first.');
    await admin.send(new DeleteRolePolicyCommand({ RoleName: 'Doomed', PolicyName: 'inline' }));
    await admin.send(new DeleteRoleCommand({ RoleName: 'Doomed' }));
    assert.equal((await rejection(admin.send(new GetRoleCommand({ RoleName: 'Doomed' })))).name, 'NoSuchEntityException');
  });

  test('DeletePolicy of an unused single-version policy', async () => {
    const admin = iam(WRITERS.admin);
    const policy = (await admin.send(new CreatePolicyCommand({ PolicyName: 'Shortlived', PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }]) }))).Policy!;
    await admin.send(new DeletePolicyCommand({ PolicyArn: policy.Arn }));
    assert.equal((await rejection(admin.send(new GetPolicyCommand({ PolicyArn: policy.Arn })))).name, 'NoSuchEntityException');
  });

  test('PutRolePermissionsBoundary shows in GetRole and ListEntitiesForPolicy', async () => {
    const admin = iam(WRITERS.admin);
    const boundary = (await admin.send(new CreatePolicyCommand({ PolicyName: 'Boundary', PolicyDocument: doc([{ Effect: 'Allow', Action: 'execute-api:*', Resource: '*' }]) }))).Policy!;
    await admin.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'OrdersReadOnlyRole', PermissionsBoundary: boundary.Arn }));
    const role = (await admin.send(new GetRoleCommand({ RoleName: 'OrdersReadOnlyRole' }))).Role!;
    assert.deepEqual(role.PermissionsBoundary, { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: boundary.Arn });
    const users = await admin.send(new ListEntitiesForPolicyCommand({ PolicyArn: boundary.Arn, PolicyUsageFilter: 'PermissionsBoundary' }));
    assert.deepEqual(users.PolicyRoles!.map((r) => r.RoleName), ['OrdersReadOnlyRole']);
    assert.equal((await admin.send(new GetPolicyCommand({ PolicyArn: boundary.Arn }))).Policy!.PermissionsBoundaryUsageCount, 1);
    const missing = await rejection(admin.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'OrdersReadOnlyRole', PermissionsBoundary: `arn:aws:iam::${A}:policy/Nope` })));
    assert.equal(missing.name, 'NoSuchEntityException');
  });

  test('CreateUser and CreateAccessKey: the new key authenticates at once; a third key is LimitExceeded', async () => {
    const admin = iam(WRITERS.admin);
    const user = (await admin.send(new CreateUserCommand({ UserName: 'probe-user', Path: '/crossgate/', Tags: [{ Key: 'team', Value: 'platform' }] }))).User!;
    assert.equal(user.Arn, `arn:aws:iam::${A}:user/crossgate/probe-user`);
    assert.deepEqual(user.Tags, [{ Key: 'team', Value: 'platform' }]);
    const key = (await admin.send(new CreateAccessKeyCommand({ UserName: 'probe-user' }))).AccessKey!;
    assert.match(key.AccessKeyId!, /^AKIA[A-Z2-7]{16}$/);
    assert.equal(key.SecretAccessKey!.length, 40);
    assert.equal(key.Status, 'Active');
    assert.equal(key.UserName, 'probe-user');
    const who = await sts({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, user.Arn);
    assert.equal(who.UserId, user.UserId);

    // The new user has no policies: denied, and then allowed once a policy is attached.
    const probe = iam({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    assert.equal((await rejection(probe.send(new GetUserCommand({})))).name, 'AccessDenied');
    await admin.send(new AttachUserPolicyCommand({ UserName: 'probe-user', PolicyArn: `arn:aws:iam::${A}:policy/CrossgateAuditor` }));
    assert.equal((await probe.send(new GetUserCommand({}))).User!.UserName, 'probe-user');
    const attached = await admin.send(new ListAttachedUserPoliciesCommand({ UserName: 'probe-user' }));
    assert.deepEqual(attached.AttachedPolicies!.map((p) => p.PolicyName), ['CrossgateAuditor']);
    await admin.send(new DetachUserPolicyCommand({ UserName: 'probe-user', PolicyArn: `arn:aws:iam::${A}:policy/CrossgateAuditor` }));
    assert.equal((await rejection(probe.send(new GetUserCommand({})))).name, 'AccessDenied');

    // Its own key, without UserName: the caller.
    await admin.send(new PutUserPolicyCommand({ UserName: 'probe-user', PolicyName: 'SelfKeys', PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: user.Arn }]) }));
    const second = (await probe.send(new CreateAccessKeyCommand({}))).AccessKey!;
    assert.equal(second.UserName, 'probe-user');
    const third = await rejection(admin.send(new CreateAccessKeyCommand({ UserName: 'probe-user' })));
    assert.equal(third.name, 'LimitExceededException');
    assert.equal(third.message, 'Cannot exceed quota for AccessKeysPerUser: 2');
    await admin.send(new DeleteUserPolicyCommand({ UserName: 'probe-user', PolicyName: 'SelfKeys' }));
    assert.deepEqual((await admin.send(new ListUserPoliciesCommand({ UserName: 'probe-user' }))).PolicyNames, []);
  });

  test('a deleted role\'s sessions are denied everything, and nothing answers 500', async () => {
    const admin = iam(WRITERS.admin);
    const role = (await admin.send(new CreateRoleCommand({ RoleName: 'Ephemeral', AssumeRolePolicyDocument: TRUST_B }))).Role!;
    await admin.send(new PutRolePolicyCommand({ RoleName: 'Ephemeral', PolicyName: 'invoke', PolicyDocument: doc([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }]) }));
    await iam(WRITERS.bAdmin).send(new PutUserPolicyCommand({ UserName: 'b-admin', PolicyName: 'AssumeEphemeral', PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role.Arn }]) }));
    const c = (await sts(WRITERS.bAdmin).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'ephemeral' }))).Credentials!;
    const creds = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    assert.equal((await callApi(emu.url, { method: 'GET', path: '/orders', creds })).status, 200);
    await admin.send(new DeleteRolePolicyCommand({ RoleName: 'Ephemeral', PolicyName: 'invoke' }));
    await admin.send(new DeleteRoleCommand({ RoleName: 'Ephemeral' }));
    assert.equal((await callApi(emu.url, { method: 'GET', path: '/orders', creds })).status, 403);
    assert.equal((await rejection(iam(creds).send(new GetRoleCommand({ RoleName: 'ApiInvokerRole' })))).name, 'AccessDenied');
  });
});

test('every IAM operation the embedded AWS serves went through the SDK here', () => {
  // The policy simulator's two operations go through the SDK in simulate.test.ts.
  const missing = [...IAM_OPERATIONS.keys()].filter((op) => !op.startsWith('Simulate') && !used.has(op));
  assert.deepEqual(missing, []);
});
