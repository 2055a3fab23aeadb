/**
 * Organizations in estates: the loader (FullAWSAccess / RCPFullAWSAccess as AWS
 * attaches them, problems named by file and JSON path), and the embedded AWS applying
 * SCPs of the caller's account (STS, execute-api, control plane), RCPs of the
 * resource's account (STS; not execute-api), the organization condition keys, and
 * IAM's simulator reporting OrganizationsDecisionDetail as botocore's model shapes it —
 * through @aws-sdk, boto3 and the AWS CLI.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { IAMClient, ListRolesCommand, SimulateCustomPolicyCommand, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { localAdministratorKey } from '../../src/estate/localCredentials.ts';
import { buildState, loadEstate, loadEstateFile, startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { organizationLayers, RCP_SERVICES } from '../../src/emulator/organizationLayers.ts';
import { UserError } from '../../src/util/userError.ts';
import { API_HOST, KEYS, REPO, ROLE } from '../support/emulator.ts';
import { serviceModel } from '../support/botocore.ts';
import { checkQueryResponse } from '../support/shapeCheck.ts';
import { queryCall } from '../support/awsRequest.ts';
import { callApi, type Creds } from '../support/signing.ts';
import { requireTool } from '../support/tools.ts';

const ORG_ESTATE = join(REPO, 'estates', 'org.json');
const broken = (name: string) => join(REPO, 'estates', 'broken', `${name}.json`);
const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const ORG = 'o-a1b2c3d4e5';

function estateWith(patch: (e: Record<string, any>) => void): string {
  const estate = loadEstateFile(ORG_ESTATE) as unknown as Record<string, any>;
  patch(estate);
  const dir = mkdtempSync(join(tmpdir(), 'crossgate-org-'));
  const file = join(dir, 'estate.json');
  writeFileSync(file, JSON.stringify(estate));
  return file;
}

function loadError(file: string): string {
  try {
    loadEstate(file);
  } catch (err) {
    assert.ok(err instanceof UserError, `a UserError, not ${String(err)}`);
    return err.message;
  }
  assert.fail('expected the estate to be refused');
}

async function rejection(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { name: string; message: string; Error?: { Code?: string } };
    return { name: e.Error?.Code ?? e.name, message: e.message };
  }
  assert.fail('expected the call to be rejected');
}

describe('the organization of an estate', () => {
  test('org.json: paths, levels and AWS’s default attachments', () => {
    const org = loadEstate(ORG_ESTATE).organization;
    assert.ok(org !== undefined, 'org.json has an organization');
    assert.equal(org.id, ORG);
    const a = org.membership(A)!;
    assert.equal(a.path, `${ORG}/r-a1b2/ou-a1b2-wkld0001/ou-a1b2-apis0001/`, 'aws:PrincipalOrgPaths down to the account’s OU');
    assert.deepEqual(a.scpLevels.map((l) => l.map((p) => p.name)), [['FullAWSAccess'], ['FullAWSAccess'], ['FullAWSAccess'], ['FullAWSAccess']], 'root, two OUs, the account');
    assert.deepEqual(a.rcpLevels.map((l) => l.map((p) => p.name)), [['RCPFullAWSAccess'], ['RCPFullAWSAccess'], ['RCPFullAWSAccess'], ['RCPFullAWSAccess']]);
    assert.equal(org.membership(C), undefined, 'account C is outside the organization');
    assert.equal(org.membership('999999999999')!.path, `${ORG}/r-a1b2/`, 'the management account sits in the root');
  });

  test('problems name the file and the JSON path', () => {
    const unknown = estateWith((e) => (e.organization.root.serviceControlPolicies = ['FullAWSAccess', 'Nope']));
    assert.match(loadError(unknown), /estate\.json: \/organization\/root\/serviceControlPolicies\/1: no organization policy named 'Nope'/);
    const allowRcp = estateWith((e) => {
      e.organization.policies = [{ name: 'OpenUp', type: 'RESOURCE_CONTROL_POLICY', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }] } }];
    });
    assert.match(loadError(allowRcp), /\/organization\/policies\/0\/document\/Statement\/0\/Effect: an RCP may only Deny/);
    const twice = estateWith((e) => e.organization.root.accounts.push(B));
    assert.match(loadError(twice), /\/organization\/root\/organizationalUnits\/0\/accounts\/0: account 222222222222 is placed twice/);
    const noManagement = estateWith((e) => (e.organization.root.accounts = []));
    assert.match(loadError(noManagement), /\/organization\/managementAccountId: the management account 999999999999 is not placed/);
    const badOu = estateWith((e) => (e.organization.root.organizationalUnits[0].id = 'ou-zzzz-wkld0001'));
    assert.match(loadError(badOu), /\/organization\/root\/organizationalUnits\/0\/id: OU ids of root r-a1b2 start with 'ou-a1b2-'/);
    const scpAsRcp = estateWith((e) => (e.organization.root.resourceControlPolicies = ['FullAWSAccess']));
    assert.match(loadError(scpAsRcp), /'FullAWSAccess' is a service control policy, not a resource control policy/);
  });

  test('an estate without an organization has none, and its requests carry only aws:ResourceAccount', () => {
    const state = loadEstate(join(REPO, 'estates', 'seed.json'));
    assert.equal(state.organization, undefined);
    const principal = { arn: `arn:aws:iam::${B}:user/ci-caller`, accountId: B, type: 'user' as const };
    assert.deepEqual(organizationLayers(state, principal, 'sts:AssumeRole', A), { context: { 'aws:ResourceAccount': A } });
  });
});

describe('which organization policies apply (organizationLayers)', () => {
  const state = loadEstate(ORG_ESTATE);
  const user = (account: string, name = 'u') => ({ arn: `arn:aws:iam::${account}:user/${name}`, accountId: account, type: 'user' as const });

  test('a member’s request to a member’s role: SCPs of the caller, RCPs of the role’s account, both sides’ keys', () => {
    const l = organizationLayers(state, user(B), 'sts:AssumeRole', A);
    assert.equal(l.scps?.length, 3, 'root, OU Workloads, account B');
    assert.equal(l.rcps?.length, 4, 'root, OU Workloads, OU Apis, account A');
    assert.deepEqual(l.context, {
      'aws:ResourceAccount': A,
      'aws:PrincipalOrgID': ORG,
      'aws:PrincipalOrgPaths': [`${ORG}/r-a1b2/ou-a1b2-wkld0001/`],
      'aws:ResourceOrgID': ORG,
      'aws:ResourceOrgPaths': [`${ORG}/r-a1b2/ou-a1b2-wkld0001/ou-a1b2-apis0001/`],
    });
  });

  test('execute-api is not a service RCPs cover; STS is', () => {
    assert.ok(RCP_SERVICES.has('sts') && !RCP_SERVICES.has('execute-api'), 'the documented list');
    const l = organizationLayers(state, user(A), 'execute-api:Invoke', A);
    assert.equal(l.rcps, undefined, 'no RCPs for execute-api');
    assert.equal(l.scps?.length, 4, 'SCPs still apply');
  });

  test('SCPs do not apply to the management account nor to service-linked roles; RCPs apply to callers outside the organization', () => {
    assert.equal(organizationLayers(state, user('999999999999'), 'sts:AssumeRole', A).scps, undefined, 'management account');
    const slr = { arn: `arn:aws:sts::${B}:assumed-role/AWSServiceRoleForSupport/s`, accountId: B, type: 'assumedRole' as const, roleArn: `arn:aws:iam::${B}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport` };
    const l = organizationLayers(state, slr, 'sts:AssumeRole', A);
    assert.deepEqual([l.scps, l.rcps], [undefined, undefined], 'service-linked role');
    const outsider = organizationLayers(state, user(C), 'sts:AssumeRole', A);
    assert.equal(outsider.scps, undefined, 'C belongs to no organization: no SCPs');
    assert.equal(outsider.rcps?.length, 4, 'but the RCPs over A’s roles apply to it');
    assert.equal(outsider.context['aws:PrincipalOrgID'], undefined, 'and it carries no aws:PrincipalOrgID');
    assert.equal(organizationLayers(state, user(B), 'sts:AssumeRole', '999999999999').rcps, undefined, 'RCPs do not affect the management account’s resources');
  });
});

describe('the embedded AWS in an organization', () => {
  let emu: RunningEmulator;
  const up = (file: string) => startEmulator({ state: loadEstate(file) });
  const sts = (credentials: Creds) => new STSClient({ region: 'us-east-1', endpoint: emu.url, credentials, maxAttempts: 1 });
  const assume = (credentials: Creds, role: string) => sts(credentials).send(new AssumeRoleCommand({ RoleArn: role, RoleSessionName: 'org-test' }));

  after(() => emu?.close());

  test('org.json: B assumes both roles, C none; the read-only role’s trust names the organization', async () => {
    emu = await up(ORG_ESTATE);
    assert.ok((await assume(KEYS.ciCaller, ROLE.invoker)).Credentials, 'invoker role');
    assert.ok((await assume(KEYS.ciCaller, ROLE.readOnly)).Credentials, 'read-only role (aws:PrincipalOrgID matches)');
    assert.equal((await rejection(assume(KEYS.outsider, ROLE.invoker))).name, 'AccessDenied');
    await emu.close();
  });

  test('an SCP denying cross-account sts:AssumeRole: AccessDenied naming the service control policy', async () => {
    emu = await up(broken('org-scp-denies-assume'));
    const e = await rejection(assume(KEYS.ciCaller, ROLE.invoker));
    assert.deepEqual([e.name, e.message], ['AccessDenied', `User: arn:aws:iam::${B}:user/ci-caller is not authorized to perform: sts:AssumeRole on resource: ${ROLE.invoker} with an explicit deny in a service control policy`]);
    // sts:GetCallerIdentity needs no permission: no SCP stops it.
    assert.equal((await sts(KEYS.ciCaller).send(new GetCallerIdentityCommand({}))).Account, B);
    await emu.close();
  });

  test('an RCP denying principals outside the organization: AccessDenied naming the resource control policy', async () => {
    emu = await up(broken('org-rcp-blocks-outsiders'));
    const e = await rejection(assume(KEYS.ciCaller, ROLE.invoker));
    assert.deepEqual([e.name, e.message], ['AccessDenied', `User: arn:aws:iam::${B}:user/ci-caller is not authorized to perform: sts:AssumeRole on resource: ${ROLE.invoker} with an explicit deny in a resource control policy`]);
    await emu.close();
  });

  test('account B left the organization: the trust policy’s aws:PrincipalOrgID no longer admits it; a trust without it still does', async () => {
    emu = await up(broken('org-account-left'));
    const e = await rejection(assume(KEYS.ciCaller, ROLE.readOnly));
    assert.deepEqual([e.name, e.message], ['AccessDenied', `User: arn:aws:iam::${B}:user/ci-caller is not authorized to perform: sts:AssumeRole on resource: ${ROLE.readOnly}`]);
    assert.ok((await assume(KEYS.ciCaller, ROLE.invoker)).Credentials, 'ApiInvokerRole trusts B’s account with no organization condition');
    await emu.close();
  });

  test('execute-api: an SCP over the API’s account denies a role session (403 Forbidden); RCPs never reach execute-api', async () => {
    const deny = (type: string) => estateWith((e) => {
      e.organization.policies = [{ name: 'NoDelete', type, document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', ...(type === 'RESOURCE_CONTROL_POLICY' ? { Principal: '*' } : {}), Action: 'execute-api:Invoke', Resource: '*', Condition: { StringEquals: { 'aws:ResourceOrgID': ORG } } }] } }];
      e.organization.root[type === 'RESOURCE_CONTROL_POLICY' ? 'resourceControlPolicies' : 'serviceControlPolicies'] = type === 'RESOURCE_CONTROL_POLICY' ? ['NoDelete'] : ['FullAWSAccess', 'NoDelete'];
    });
    for (const [type, status] of [['SERVICE_CONTROL_POLICY', 403], ['RESOURCE_CONTROL_POLICY', 200]] as const) {
      emu = await up(deny(type));
      const session = (await assume(KEYS.ciCaller, ROLE.invoker)).Credentials!;
      const creds = { accessKeyId: session.AccessKeyId!, secretAccessKey: session.SecretAccessKey!, sessionToken: session.SessionToken! };
      const res = await callApi(emu.url, { host: API_HOST, method: 'GET', path: '/orders', creds });
      assert.equal(res.status, status, `${type}: ${res.body}`);
      if (status === 403) assert.deepEqual([res.headers['x-amzn-errortype'], res.body], ['AccessDeniedException', '{"message":"Forbidden"}']);
      await emu.close();
    }
  });
});

describe('the root user and the organization', () => {
  // "SCPs affect all users and roles in attached accounts, including the root user",
  // and "SCPs don't affect users or roles in the management account":
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
  const denyIam = (management: boolean) => estateWith((e) => {
    e.organization.policies = [{ name: 'NoIamReads', type: 'SERVICE_CONTROL_POLICY', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:List*', Resource: '*' }] } }];
    e.organization.root.serviceControlPolicies = ['FullAWSAccess', 'NoIamReads'];
    if (management) {
      e.organization.managementAccountId = A;
      e.organization.root.organizationalUnits[0].organizationalUnits[0].accounts = [];
      e.organization.root.accounts = [A];
    }
  });
  const listRoles = (url: string) => new IAMClient({ region: 'us-east-1', endpoint: url, credentials: localAdministratorKey(A), maxAttempts: 1 }).send(new ListRolesCommand({}));

  test('the root user of a member account is not limited by identity policies, but is by SCPs', async () => {
    const emu = await startEmulator({ state: loadEstate(denyIam(false)) });
    try {
      const e = await rejection(listRoles(emu.url));
      assert.deepEqual([e.name, e.message], ['AccessDenied', `User: arn:aws:iam::${A}:root is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::${A}:role/ with an explicit deny in a service control policy`]);
      const id = await new STSClient({ region: 'us-east-1', endpoint: emu.url, credentials: localAdministratorKey(A), maxAttempts: 1 }).send(new GetCallerIdentityCommand({}));
      assert.equal(id.Arn, `arn:aws:iam::${A}:root`, 'sts:GetCallerIdentity needs no permission, SCP or not');
    } finally {
      await emu.close();
    }
  });

  test('the root user of the management account is not limited by SCPs', async () => {
    const emu = await startEmulator({ state: loadEstate(denyIam(true)) });
    try {
      assert.ok((await listRoles(emu.url)).Roles!.length >= 2, 'ListRoles answered');
    } finally {
      await emu.close();
    }
  });
});

describe('IAM’s simulator in an organization', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ state: loadEstate(broken('org-scp-denies-assume')) });
  });
  after(() => emu.close());
  const ciCallerArn = `arn:aws:iam::${B}:user/ci-caller`;

  test('SimulatePrincipalPolicy: OrganizationsDecisionDetail, and no EvalDecisionDetails once an SCP denies', async () => {
    const iam = new IAMClient({ region: 'us-east-1', endpoint: emu.url, credentials: KEYS.auditor, maxAttempts: 1 });
    const out = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: ROLE.invoker, ActionNames: ['execute-api:Invoke', 'sts:AssumeRole'], ResourceArns: [`arn:aws:execute-api:us-east-1:${A}:a1b2c3d4e5/$default/GET/orders`, `arn:aws:iam::${B}:role/Elsewhere`] }));
    const rows = out.EvaluationResults!.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision, r.OrganizationsDecisionDetail?.AllowedByOrganizations, r.EvalDecisionDetails]);
    // Account A sits under OU Workloads, whose SCP denies sts:AssumeRole unless aws:ResourceAccount
    // equals the caller's account; the simulator's context has only the entries given, so
    // StringNotEquals on the absent key holds and the Deny applies.
    assert.deepEqual(rows, [
      ['execute-api:Invoke', `arn:aws:execute-api:us-east-1:${A}:a1b2c3d4e5/$default/GET/orders`, 'allowed', true, {}],
      ['execute-api:Invoke', `arn:aws:iam::${B}:role/Elsewhere`, 'implicitDeny', true, { 'IAM Policy': 'implicitDeny', 'Resource Policy': 'implicitDeny' }],
      ['sts:AssumeRole', `arn:aws:execute-api:us-east-1:${A}:a1b2c3d4e5/$default/GET/orders`, 'explicitDeny', false, undefined],
      ['sts:AssumeRole', `arn:aws:iam::${B}:role/Elsewhere`, 'explicitDeny', false, undefined],
    ]);
    const custom = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] })], ActionNames: ['sts:AssumeRole'], CallerArn: ciCallerArn }));
    assert.equal(custom.EvaluationResults![0]!.OrganizationsDecisionDetail, undefined, 'SimulateCustomPolicy simulates the given policies only');
  });

  test('the SCP of account B denies its users’ cross-account sts:AssumeRole in the simulator too (pure core)', async () => {
    const { simulatePolicies } = await import('../../src/emulator/services/iam/simulate.ts');
    const s = loadEstate(broken('org-scp-denies-assume'));
    const results = simulatePolicies(s, B, {
      action: 'SimulatePrincipalPolicy', policySourceArn: ciCallerArn, policyInputList: [], permissionsBoundaryPolicyInputList: [],
      actionNames: ['sts:AssumeRole'], resourceArns: [ROLE.invoker], contextEntries: [{ name: 'aws:ResourceAccount', values: [A] }],
    });
    const r = results[0]!;
    assert.deepEqual([r.EvalDecision, r.OrganizationsDecisionDetail, r.EvalDecisionDetails], ['explicitDeny', { AllowedByOrganizations: false }, undefined]);
    assert.deepEqual(r.MatchedStatements, [], 'the SCP is no input policy: it is reported in OrganizationsDecisionDetail');
  });

  test('the wire matches botocore’s model, and boto3 and the AWS CLI read OrganizationsDecisionDetail', { skip: requireTool(serviceModel('iam') === undefined ? 'botocore (python3) is not installed' : false) }, async () => {
    const params = { Action: 'SimulatePrincipalPolicy', PolicySourceArn: ROLE.invoker, 'ActionNames.member.1': 'execute-api:Invoke', 'ResourceArns.member.1': `arn:aws:iam::${B}:role/Elsewhere` };
    const res = await queryCall(emu.url, KEYS.auditor, params);
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(checkQueryResponse(serviceModel('iam')!, 'SimulatePrincipalPolicy', res.status, res.body), [], res.body);
    assert.match(res.body, /<OrganizationsDecisionDetail>\s*<AllowedByOrganizations>true<\/AllowedByOrganizations>\s*<\/OrganizationsDecisionDetail>/);

    // Asynchronous: the embedded AWS answers from this very process.
    const py = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => execFile('python3', ['-c', `
import json, os, boto3
c = boto3.client('iam', region_name='us-east-1', endpoint_url=os.environ['E'], aws_access_key_id=os.environ['K'], aws_secret_access_key=os.environ['S'])
r = c.simulate_principal_policy(PolicySourceArn=os.environ['P'], ActionNames=['execute-api:Invoke'], ResourceArns=[os.environ['R']])['EvaluationResults'][0]
print(json.dumps({k: r[k] for k in ('EvalDecision', 'OrganizationsDecisionDetail', 'EvalDecisionDetails')}))
`], { encoding: 'utf8', env: { ...process.env, E: emu.url, K: KEYS.auditor.accessKeyId, S: KEYS.auditor.secretAccessKey, P: ROLE.invoker, R: `arn:aws:iam::${B}:role/Elsewhere` } },
      (error, stdout, stderr) => resolve({ status: error === null ? 0 : 1, stdout, stderr })));
    assert.equal(py.status, 0, py.stderr);
    assert.deepEqual(JSON.parse(py.stdout), { EvalDecision: 'implicitDeny', OrganizationsDecisionDetail: { AllowedByOrganizations: true }, EvalDecisionDetails: { 'IAM Policy': 'implicitDeny', 'Resource Policy': 'implicitDeny' } });
  });

  test('every EvaluationResult member, as boto3 parses it, is what @aws-sdk parses', { skip: requireTool(serviceModel('iam') === undefined ? 'botocore (python3) is not installed' : false) }, async () => {
    // A boundary, a cross-account and a same-account resource, and a condition key left out:
    // MatchedStatements, MissingContextValues, OrganizationsDecisionDetail,
    // PermissionsBoundaryDecisionDetail, EvalDecisionDetails and ResourceSpecificResults all appear.
    const boundary = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }] });
    const resources = [`arn:aws:execute-api:us-east-1:${A}:a1b2c3d4e5/$default/GET/orders`, `arn:aws:execute-api:us-east-1:${B}:zzzzzzzzzz/$default/GET/x`];
    const request = { PolicySourceArn: ROLE.invoker, ActionNames: ['execute-api:Invoke'], ResourceArns: resources, PermissionsBoundaryPolicyInputList: [boundary] };
    const sdk = await new IAMClient({ region: 'us-east-1', endpoint: emu.url, credentials: KEYS.auditor, maxAttempts: 1 }).send(new SimulatePrincipalPolicyCommand(request));
    const py = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => execFile('python3', ['-c', `
import json, os, boto3
c = boto3.client('iam', region_name='us-east-1', endpoint_url=os.environ['E'], aws_access_key_id=os.environ['K'], aws_secret_access_key=os.environ['S'])
print(json.dumps(c.simulate_principal_policy(**json.loads(os.environ['REQ']))['EvaluationResults']))
`], { encoding: 'utf8', env: { ...process.env, E: emu.url, K: KEYS.auditor.accessKeyId, S: KEYS.auditor.secretAccessKey, REQ: JSON.stringify(request) } },
      (error, stdout, stderr) => resolve({ status: error === null ? 0 : 1, stdout, stderr })));
    assert.equal(py.status, 0, py.stderr);
    const boto = JSON.parse(py.stdout) as Record<string, unknown>[];
    assert.deepEqual(boto, JSON.parse(JSON.stringify(sdk.EvaluationResults)), 'boto3 and @aws-sdk read the same results');
    const [same, cross] = boto as Record<string, any>[];
    assert.deepEqual(Object.keys(same!).sort(), ['EvalActionName', 'EvalDecision', 'EvalDecisionDetails', 'EvalResourceName', 'MatchedStatements', 'MissingContextValues', 'OrganizationsDecisionDetail', 'PermissionsBoundaryDecisionDetail', 'ResourceSpecificResults']);
    assert.deepEqual([same!.EvalDecision, same!.PermissionsBoundaryDecisionDetail, same!.OrganizationsDecisionDetail], ['implicitDeny', { AllowedByPermissionsBoundary: false }, { AllowedByOrganizations: true }]);
    assert.deepEqual(same!.ResourceSpecificResults[0].MissingContextValues, ['aws:SourceIp'], 'the key the boundary reads, under the resource');
    assert.deepEqual(Object.keys(same!.ResourceSpecificResults[0]).sort(), ['EvalResourceDecision', 'EvalResourceName', 'MatchedStatements', 'MissingContextValues', 'PermissionsBoundaryDecisionDetail']);
    assert.deepEqual(cross!.EvalDecisionDetails, { 'IAM Policy': 'implicitDeny', 'Resource Policy': 'implicitDeny' });
    assert.deepEqual(cross!.ResourceSpecificResults[0].EvalDecisionDetails, { 'IAM Policy': 'implicitDeny', 'Resource Policy': 'implicitDeny' });
  });

  test('aws iam simulate-principal-policy shows OrganizationsDecisionDetail', { skip: requireTool(spawnSync('aws', ['--version']).status === 0 ? false : 'the AWS CLI is not installed') }, async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: KEYS.auditor.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.auditor.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
    delete env.AWS_PROFILE;
    delete env.AWS_SESSION_TOKEN;
    const out = await new Promise<string>((resolve, reject) => {
      execFile('aws', ['iam', 'simulate-principal-policy', '--policy-source-arn', ROLE.invoker, '--action-names', 'execute-api:Invoke', '--endpoint-url', emu.url, '--output', 'json'], { env, encoding: 'utf8' }, (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout)));
    });
    const r = (JSON.parse(out) as { EvaluationResults: Record<string, unknown>[] }).EvaluationResults[0]!;
    assert.deepEqual(r.OrganizationsDecisionDetail, { AllowedByOrganizations: true });
    assert.equal(r.EvalDecisionDetails, undefined, 'same account, resource *: not returned');
  });
});

test('buildState reports organization problems with the file name', () => {
  const estate = loadEstateFile(ORG_ESTATE);
  (estate.organization as { managementAccountId: string }).managementAccountId = '123456789012';
  assert.throws(() => buildState(estate, 'my-estate.json'), /my-estate\.json: \/organization\/managementAccountId/);
});
