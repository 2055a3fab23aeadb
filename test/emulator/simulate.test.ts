/**
 * IAM's policy simulator (SimulatePrincipalPolicy, SimulateCustomPolicy) on the
 * embedded AWS, through clients nobody here wrote: @aws-sdk/client-iam and the AWS
 * CLI, as the seed auditor. Results are checked against what AWS documents, and the
 * wire against botocore's model.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import {
  IAMClient,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
  paginateSimulateCustomPolicy,
  type ContextEntry,
  type EvaluationResult,
} from '@aws-sdk/client-iam';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { loadEstate } from '../../src/emulator/index.ts';
import { parsePolicy } from '../../src/policy/index.ts';
import { simulatePolicies } from '../../src/emulator/services/iam/simulate.ts';
import { KEYS, ROLE, SEED_ESTATE, startSeedEmulator } from '../support/emulator.ts';
import { serviceModel } from '../support/botocore.ts';
import { checkQueryError, checkQueryResponse } from '../support/shapeCheck.ts';
import { queryCall } from '../support/awsRequest.ts';
import type { Creds } from '../support/signing.ts';
import { requireTool } from '../support/tools.ts';

let emu: RunningEmulator;
before(async () => {
  emu = await startSeedEmulator();
});
after(() => emu.close());

const A = '111111111111';
const B = '222222222222';
const API = `arn:aws:execute-api:us-east-1:${A}:a1b2c3d4e5/$default`;
const iam = (credentials: Creds = KEYS.auditor) => new IAMClient({ region: 'us-east-1', endpoint: emu.url, credentials, maxAttempts: 1 });

/** The error a call is rejected with; `name` is the wire's error code (the SDK names modelled errors '<Code>Exception'). */
async function rejection(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (err) {
    const e = err as { name: string; message: string; Error?: { Code?: string }; $metadata?: { httpStatusCode?: number } };
    return { name: e.Error?.Code ?? e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  assert.fail('expected the call to be rejected');
}

/** AWS CLI documentation, simulate-custom-policy example 1 (the policy text, byte for byte). */
const DYNAMO = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}';

describe('SimulateCustomPolicy through @aws-sdk/client-iam', () => {
  test("the AWS CLI documentation's example: allowed, with the statement's positions as IAM reports them", async () => {
    const out = await iam().send(new SimulateCustomPolicyCommand({
      PolicyInputList: [DYNAMO],
      ActionNames: ['dynamodb:CreateBackup'],
      ContextEntries: [{ ContextKeyName: 'aws:CurrentTime', ContextKeyValues: ['2019-04-25T11:00:00Z'], ContextKeyType: 'date' }],
    }));
    const [r] = out.EvaluationResults!;
    assert.equal(r!.EvalActionName, 'dynamodb:CreateBackup');
    assert.equal(r!.EvalResourceName, '*');
    assert.equal(r!.EvalDecision, 'allowed');
    assert.deepEqual(r!.MatchedStatements, [{ SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none', StartPosition: { Line: 1, Column: 38 }, EndPosition: { Line: 1, Column: 167 } }]);
    assert.deepEqual(r!.MissingContextValues, []);
    assert.equal(out.IsTruncated, false);
  });

  test('the same policy before its date: implicitDeny, nothing matched', async () => {
    const out = await iam().send(new SimulateCustomPolicyCommand({
      PolicyInputList: [DYNAMO],
      ActionNames: ['dynamodb:CreateBackup'],
      ContextEntries: [{ ContextKeyName: 'aws:CurrentTime', ContextKeyValues: ['2014-04-25T11:00:00Z'], ContextKeyType: 'date' }],
    }));
    assert.equal(out.EvaluationResults![0]!.EvalDecision, 'implicitDeny');
    assert.deepEqual(out.EvaluationResults![0]!.MatchedStatements, []);
  });

  test('keys the policies read and the request lacks are MissingContextValues (resource *)', async () => {
    const out = await iam().send(new SimulateCustomPolicyCommand({ PolicyInputList: [DYNAMO], ActionNames: ['dynamodb:CreateBackup'] }));
    assert.equal(out.EvaluationResults![0]!.EvalDecision, 'implicitDeny');
    assert.deepEqual(out.EvaluationResults![0]!.MissingContextValues, ['aws:CurrentTime']);
  });

  test('every action on every resource; a specific resource gets its ResourceSpecificResults', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [
      { Sid: 'Read', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${API}/GET/*` },
      { Sid: 'NoDelete', Effect: 'Deny', Action: 'execute-api:Invoke', Resource: `${API}/DELETE/*`, Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'ops' } } },
    ] }, null, 2);
    const out = await iam().send(new SimulateCustomPolicyCommand({
      PolicyInputList: [policy],
      ActionNames: ['execute-api:Invoke', 'execute-api:ManageConnections'],
      ResourceArns: [`${API}/GET/orders`, `${API}/DELETE/orders/42`],
      ContextEntries: [{ ContextKeyName: 'aws:PrincipalTag/team', ContextKeyValues: ['dev'], ContextKeyType: 'string' }],
    }));
    const rows = out.EvaluationResults!.map((r) => [r.EvalActionName, r.EvalResourceName!.split('/').slice(-2).join('/'), r.EvalDecision]);
    assert.deepEqual(rows, [
      ['execute-api:Invoke', 'GET/orders', 'allowed'],
      ['execute-api:Invoke', 'orders/42', 'explicitDeny'],
      ['execute-api:ManageConnections', 'GET/orders', 'implicitDeny'],
      ['execute-api:ManageConnections', 'orders/42', 'implicitDeny'],
    ]);
    const [allowed, denied] = out.EvaluationResults!;
    // Pretty-printed: statement 0 opens on line 4 ('    {' → column 6, just past the brace).
    assert.deepEqual(allowed!.MatchedStatements![0]!.StartPosition, { Line: 4, Column: 6 });
    assert.deepEqual(denied!.MatchedStatements!.map((s) => s.SourcePolicyId), ['PolicyInputList.1']);
    assert.ok(denied!.MatchedStatements![0]!.StartPosition!.Line! > allowed!.MatchedStatements![0]!.EndPosition!.Line!);
    assert.deepEqual(allowed!.EvalDecisionDetails, {});
    assert.deepEqual(allowed!.ResourceSpecificResults, [{
      EvalResourceName: `${API}/GET/orders`, EvalResourceDecision: 'allowed', MatchedStatements: allowed!.MatchedStatements, MissingContextValues: [],
    }]);
  });

  test('every ContextKeyType: each value is read as its type', async () => {
    const cases: [string, string, string[], Record<string, unknown>][] = [
      ['string', 'aws:PrincipalTag/team', ['ops'], { StringEquals: { 'aws:PrincipalTag/team': 'ops' } }],
      ['stringList', 'aws:TagKeys', ['env', 'team'], { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team', 'owner'] } }],
      ['numeric', 'aws:MultiFactorAuthAge', ['300'], { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }],
      ['numericList', 'test:Sizes', ['1', '2.5'], { 'ForAllValues:NumericLessThanEquals': { 'test:Sizes': '3' } }],
      ['boolean', 'aws:SecureTransport', ['TRUE'], { Bool: { 'aws:SecureTransport': 'true' } }],
      ['booleanList', 'test:Flags', ['true', 'false'], { 'ForAnyValue:Bool': { 'test:Flags': 'false' } }],
      ['ip', 'aws:SourceIp', ['203.0.113.7'], { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }],
      ['ipList', 'test:Hops', ['10.0.0.1', '2001:db8::1'], { 'ForAnyValue:IpAddress': { 'test:Hops': '2001:db8::/32' } }],
      ['binary', 'test:Blob', ['QmluYXJ5'], { BinaryEquals: { 'test:Blob': 'QmluYXJ5' } }],
      ['binaryList', 'test:Blobs', ['QQ==', 'Qg=='], { 'ForAnyValue:BinaryEquals': { 'test:Blobs': 'Qg==' } }],
      ['date', 'aws:CurrentTime', ['2026-01-01T00:00:00Z'], { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } }],
      ['dateList', 'test:Dates', ['2020-01-01T00:00:00Z', '1700000000'], { 'ForAllValues:DateGreaterThan': { 'test:Dates': '2019-01-01T00:00:00Z' } }],
    ];
    for (const [type, key, values, condition] of cases) {
      const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition }] });
      const entry: ContextEntry = { ContextKeyName: key, ContextKeyValues: values, ContextKeyType: type as ContextEntry['ContextKeyType'] };
      const out = await iam().send(new SimulateCustomPolicyCommand({ PolicyInputList: [policy], ActionNames: ['s3:GetObject'], ContextEntries: [entry] }));
      assert.equal(out.EvaluationResults![0]!.EvalDecision, 'allowed', `${type}: ${JSON.stringify(out.EvaluationResults![0])}`);
    }
  });

  test('a value that does not fit its ContextKeyType is InvalidInput', async () => {
    for (const [type, value] of [['numeric', 'ten'], ['boolean', 'yes'], ['ip', '300.1.1.1'], ['date', 'yesterday'], ['binary', '*'], ['ipList', 'nope']] as const) {
      const err = await rejection(iam().send(new SimulateCustomPolicyCommand({
        PolicyInputList: [DYNAMO], ActionNames: ['dynamodb:CreateBackup'],
        ContextEntries: [{ ContextKeyName: 'test:Key', ContextKeyValues: [value], ContextKeyType: type }],
      })));
      assert.equal(err.name, 'InvalidInput', type);
      assert.equal(err.status, 400);
      assert.match(err.message, new RegExp(`test:Key of type ${type}`));
    }
  });

  test('a permissions boundary: PermissionsBoundaryDecisionDetail says whether it allows', async () => {
    const everything = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const getOnly = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${API}/GET/*` }] });
    const out = await iam().send(new SimulateCustomPolicyCommand({
      PolicyInputList: [everything], PermissionsBoundaryPolicyInputList: [getOnly],
      ActionNames: ['execute-api:Invoke'], ResourceArns: [`${API}/GET/orders`, `${API}/POST/orders`],
    }));
    assert.deepEqual(out.EvaluationResults!.map((r) => [r.EvalDecision, r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary]), [['allowed', true], ['implicitDeny', false]]);
    assert.deepEqual(out.EvaluationResults![1]!.ResourceSpecificResults![0]!.PermissionsBoundaryDecisionDetail, { AllowedByPermissionsBoundary: false });
  });

  test('cross-account with a resource policy: both sides must allow, and EvalDecisionDetails says which did', async () => {
    const assume = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE.invoker }] });
    const trust = (principal: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole', Resource: ROLE.invoker }] });
    const run = (resourcePolicy: string) => iam().send(new SimulateCustomPolicyCommand({
      PolicyInputList: [assume], ActionNames: ['sts:AssumeRole'], ResourceArns: [ROLE.invoker], ResourcePolicy: resourcePolicy,
      CallerArn: `arn:aws:iam::${B}:user/ci-caller`,
    }));
    const yes = (await run(trust(`arn:aws:iam::${B}:root`))).EvaluationResults![0]!;
    assert.equal(yes.EvalDecision, 'allowed');
    assert.deepEqual(yes.EvalDecisionDetails, { 'IAM Policy': 'allowed', 'Resource Policy': 'allowed' });
    assert.deepEqual(yes.MatchedStatements!.map((s) => [s.SourcePolicyId, s.SourcePolicyType]), [['PolicyInputList.1', 'none'], ['ResourcePolicy', 'resource']]);
    const no = (await run(trust('arn:aws:iam::333333333333:root'))).EvaluationResults![0]!;
    assert.equal(no.EvalDecision, 'implicitDeny');
    assert.deepEqual(no.EvalDecisionDetails, { 'IAM Policy': 'allowed', 'Resource Policy': 'implicitDeny' });
    assert.deepEqual(no.ResourceSpecificResults![0]!.EvalDecisionDetails, { 'IAM Policy': 'allowed', 'Resource Policy': 'implicitDeny' });
  });

  test('MaxItems and Marker page through the results; the SDK paginator reads them all', async () => {
    const input = { PolicyInputList: [DYNAMO], ActionNames: ['dynamodb:CreateBackup', 'dynamodb:DeleteBackup', 'dynamodb:GetItem'], ResourceArns: ['arn:aws:dynamodb:us-east-1:111111111111:table/a', 'arn:aws:dynamodb:us-east-1:111111111111:table/b'] };
    const first = await iam().send(new SimulateCustomPolicyCommand({ ...input, MaxItems: 4 }));
    assert.equal(first.EvaluationResults!.length, 4);
    assert.equal(first.IsTruncated, true);
    assert.ok(first.Marker);
    const rest = await iam().send(new SimulateCustomPolicyCommand({ ...input, MaxItems: 4, Marker: first.Marker }));
    assert.equal(rest.EvaluationResults!.length, 2);
    assert.equal(rest.IsTruncated, false);
    const all: EvaluationResult[] = [];
    for await (const page of paginateSimulateCustomPolicy({ client: iam(), pageSize: 1 }, input)) all.push(...page.EvaluationResults!);
    assert.equal(all.length, 6);
    const err = await rejection(iam().send(new SimulateCustomPolicyCommand({ ...input, ActionNames: ['s3:GetObject'], Marker: first.Marker })));
    assert.equal(err.name, 'ValidationError');
  });

  test('malformed input: InvalidInput with the parameter and the JSON path; missing ActionNames is a ValidationError', async () => {
    const bad = await rejection(iam().send(new SimulateCustomPolicyCommand({
      PolicyInputList: [DYNAMO, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Permit', Action: 's3:GetObject', Resource: '*' }] })],
      ActionNames: ['s3:GetObject'],
    })));
    assert.equal(bad.name, 'InvalidInput');
    assert.match(bad.message, /^PolicyInputList\.2 is not a valid policy document at \/Statement\/0\/Effect: /);
    const notJson = await rejection(iam().send(new SimulateCustomPolicyCommand({ PolicyInputList: ['{"Statement": ['], ActionNames: ['s3:GetObject'] })));
    assert.equal(notJson.name, 'InvalidInput');
    const wildcard = await rejection(iam().send(new SimulateCustomPolicyCommand({ PolicyInputList: [DYNAMO], ActionNames: ['dynamodb:*'] })));
    assert.equal(wildcard.name, 'InvalidInput');
    const noCaller = await rejection(iam().send(new SimulateCustomPolicyCommand({ PolicyInputList: [DYNAMO], ActionNames: ['s3:GetObject'], ResourcePolicy: DYNAMO.replace('"Effect"', '"Principal":"*","Effect"') })));
    assert.equal(noCaller.name, 'InvalidInput');
    assert.equal(noCaller.message, 'Invalid caller - Caller must be an IAM user in this context.');
    const raw = await queryCall(emu.url, KEYS.auditor, { Action: 'SimulateCustomPolicy', 'PolicyInputList.member.1': DYNAMO });
    assert.equal(raw.status, 400);
    assert.match(raw.body, /<Code>ValidationError<\/Code>/);
    assert.match(raw.body, /Value null at &apos;actionNames&apos; failed to satisfy constraint: Member must not be null|Value null at 'actionNames' failed to satisfy constraint: Member must not be null/);
  });

  test('callers without iam:SimulateCustomPolicy are denied', async () => {
    const err = await rejection(iam(KEYS.ciCaller).send(new SimulateCustomPolicyCommand({ PolicyInputList: [DYNAMO], ActionNames: ['s3:GetObject'] })));
    assert.equal(err.name, 'AccessDenied');
    assert.equal(err.message, 'User: arn:aws:iam::222222222222:user/ci-caller is not authorized to perform: iam:SimulateCustomPolicy on resource: * because no identity-based policy allows the iam:SimulateCustomPolicy action');
  });
});

describe('SimulatePrincipalPolicy through @aws-sdk/client-iam', () => {
  test("a role's own policies decide each route; statements point into the stored documents", async () => {
    const out = await iam().send(new SimulatePrincipalPolicyCommand({
      PolicySourceArn: ROLE.readOnly, ActionNames: ['execute-api:Invoke'], ResourceArns: [`${API}/GET/orders`, `${API}/DELETE/orders/42`],
    }));
    const [get, del] = out.EvaluationResults!;
    assert.equal(get!.EvalDecision, 'allowed');
    assert.equal(del!.EvalDecision, 'implicitDeny');
    assert.deepEqual(get!.MatchedStatements!.map((s) => [s.SourcePolicyId, s.SourcePolicyType]), [['ReadOrdersApi', 'user-managed']]);
    const start = get!.MatchedStatements![0]!.StartPosition!;
    assert.equal(start.Line, 1);
    assert.ok(start.Column! > 1);
  });

  test('a user: inline policies are of type user; PolicyInputList adds to them', async () => {
    const extra = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:SimulatePrincipalPolicy', Resource: '*' }] });
    const out = await iam().send(new SimulatePrincipalPolicyCommand({
      PolicySourceArn: `arn:aws:iam::${A}:user/auditor`, PolicyInputList: [extra], ActionNames: ['iam:GetRole', 'iam:SimulatePrincipalPolicy'],
    }));
    assert.deepEqual(out.EvaluationResults!.map((r) => r.EvalDecision), ['allowed', 'explicitDeny']);
    assert.deepEqual(out.EvaluationResults![1]!.MatchedStatements!.map((s) => s.SourcePolicyId), ['PolicyInputList.1']);
    assert.equal(out.EvaluationResults![0]!.EvalDecisionDetails, undefined);
  });

  test("AWS's errors: NoSuchEntity, and InvalidInput for a session ARN or another account's entity", async () => {
    const missing = await rejection(iam().send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${A}:role/NoSuchRole`, ActionNames: ['s3:GetObject'] })));
    assert.deepEqual([missing.name, missing.status, missing.message], ['NoSuchEntity', 404, 'The role with name NoSuchRole cannot be found.']);
    const user = await rejection(iam().send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${A}:user/nobody`, ActionNames: ['s3:GetObject'] })));
    assert.deepEqual([user.name, user.message], ['NoSuchEntity', 'The user with name nobody cannot be found.']);
    const session = `arn:aws:sts::${A}:assumed-role/ApiInvokerRole/s`;
    const sts = await rejection(iam().send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: session, ActionNames: ['s3:GetObject'] })));
    assert.deepEqual([sts.name, sts.message], ['InvalidInput', `Invalid Entity Arn: ${session} does not clearly define entity type and name.`]);
    const other = await rejection(iam().send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${B}:user/ci-caller`, ActionNames: ['s3:GetObject'] })));
    assert.deepEqual([other.name, other.message], ['InvalidInput', `Invalid Policy Source Arn: caller's account ${A} does not have access to policies in account ${B}`]);
    const roleWithResourcePolicy = await rejection(iam().send(new SimulatePrincipalPolicyCommand({
      PolicySourceArn: ROLE.invoker, ActionNames: ['execute-api:Invoke'], ResourcePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }),
    })));
    assert.deepEqual([roleWithResourcePolicy.name, roleWithResourcePolicy.message], ['InvalidInput', 'Invalid caller - Caller must be an IAM user in this context.']);
  });
});

describe('the wire, against botocore’s model', () => {
  const model = serviceModel('iam');
  test('responses and errors are shaped as IAM’s model says', { skip: requireTool(model === undefined ? 'botocore (python3) is not installed' : false) }, async () => {
    const calls: [string, Record<string, string>][] = [
      ['SimulateCustomPolicy', { 'PolicyInputList.member.1': DYNAMO, 'ActionNames.member.1': 'dynamodb:CreateBackup', 'ResourceArns.member.1': 'arn:aws:dynamodb:us-east-1:111111111111:table/t', 'ContextEntries.member.1.ContextKeyName': 'aws:CurrentTime', 'ContextEntries.member.1.ContextKeyValues.member.1': '2019-01-01T00:00:00Z', 'ContextEntries.member.1.ContextKeyType': 'date', MaxItems: '1' }],
      ['SimulatePrincipalPolicy', { PolicySourceArn: ROLE.invoker, 'ActionNames.member.1': 'execute-api:Invoke', 'PermissionsBoundaryPolicyInputList.member.1': DYNAMO }],
    ];
    for (const [op, params] of calls) {
      const res = await queryCall(emu.url, KEYS.auditor, { Action: op, ...params });
      assert.equal(res.status, 200, res.body);
      assert.deepEqual(checkQueryResponse(model!, op, res.status, res.body), [], res.body);
    }
    const err = await queryCall(emu.url, KEYS.auditor, { Action: 'SimulatePrincipalPolicy', PolicySourceArn: `arn:aws:iam::${A}:role/Nope`, 'ActionNames.member.1': 's3:GetObject' });
    assert.deepEqual(checkQueryError(model!, 'SimulatePrincipalPolicy', err.status, err.body), []);
  });
});

describe('through the AWS CLI', { skip: requireTool(spawnSync('aws', ['--version']).status === 0 ? false : 'the AWS CLI is not installed') }, () => {
  // Asynchronous: the embedded AWS answers from this very process.
  const cli = (args: string[]): Promise<{ status: number; out: string; err: string }> => {
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: KEYS.auditor.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.auditor.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
    delete env.AWS_PROFILE;
    delete env.AWS_SESSION_TOKEN;
    return new Promise((resolve) => {
      execFile('aws', ['iam', ...args, '--endpoint-url', emu.url, '--output', 'json'], { env, encoding: 'utf8' }, (error, stdout, stderr) => {
        resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, out: stdout, err: stderr });
      });
    });
  };

  test('aws iam simulate-custom-policy: the documented example, verbatim', async () => {
    const r = await cli(['simulate-custom-policy', '--policy-input-list', DYNAMO, '--action-names', 'dynamodb:CreateBackup',
      '--context-entries', "ContextKeyName='aws:CurrentTime',ContextKeyValues='2019-04-25T11:00:00Z',ContextKeyType=date"]);
    assert.equal(r.status, 0, r.err);
    const out = JSON.parse(r.out) as { EvaluationResults: EvaluationResult[] };
    assert.equal(out.EvaluationResults[0]!.EvalDecision, 'allowed');
    assert.deepEqual(out.EvaluationResults[0]!.MatchedStatements![0]!.StartPosition, { Line: 1, Column: 38 });
    assert.deepEqual(out.EvaluationResults[0]!.MatchedStatements![0]!.EndPosition, { Line: 1, Column: 167 });
  });

  test('aws iam simulate-principal-policy: the seed roles on the orders routes', async () => {
    const r = await cli(['simulate-principal-policy', '--policy-source-arn', ROLE.readOnly, '--action-names', 'execute-api:Invoke',
      '--resource-arns', `${API}/GET/orders/42`, `${API}/DELETE/orders/42`, `${API}/POST/orders`]);
    assert.equal(r.status, 0, r.err);
    const out = JSON.parse(r.out) as { EvaluationResults: EvaluationResult[] };
    assert.deepEqual(out.EvaluationResults.map((e) => e.EvalDecision), ['allowed', 'implicitDeny', 'implicitDeny']);
    const missing = await cli(['simulate-principal-policy', '--policy-source-arn', `arn:aws:iam::${A}:role/Nope`, '--action-names', 'execute-api:Invoke']);
    assert.notEqual(missing.status, 0);
    assert.match(missing.err, /NoSuchEntity.*The role with name Nope cannot be found\./);
  });
});

describe('organizations (the simulator’s pure core, with service control policies)', () => {
  test('OrganizationsDecisionDetail: every level must allow', () => {
    const state = loadEstate(SEED_ESTATE);
    const scp = (doc: object) => {
      const p = parsePolicy(doc, { kind: 'scp' });
      assert.ok(p.ok);
      return { name: 'scp', kind: 'scp' as const, policy: p.policy };
    };
    const full = scp({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const noIam = scp({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] });
    const input = { action: 'SimulatePrincipalPolicy' as const, policySourceArn: `arn:aws:iam::${A}:user/auditor`, policyInputList: [], permissionsBoundaryPolicyInputList: [], actionNames: ['iam:GetRole', 'apigateway:GET'], contextEntries: [] };
    const results = simulatePolicies(state, A, input, { scps: () => [[full], [noIam]] });
    assert.deepEqual(results.map((r) => [r.EvalActionName, r.EvalDecision, r.OrganizationsDecisionDetail?.AllowedByOrganizations]), [
      ['iam:GetRole', 'implicitDeny', false],
      ['apigateway:GET', 'allowed', true],
    ]);
  });
});
