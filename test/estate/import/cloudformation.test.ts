/**
 * CloudFormation templates (YAML with short-form tags, JSON) into estates: intrinsics,
 * conditions, parameters, generated names, placeholders, skipped resources, and the
 * template line of every role and policy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { importCloudFormation } from '../../../src/estate/import/cloudformation/index.ts';
import { writeImportedEstate } from '../../../src/cli/estateImport.ts';
import { buildState } from '../../../src/emulator/estate/load.ts';
import { loadEstateFile } from '../../../src/estate/load.ts';
import { policySource } from '../../../src/checks/estateSource.ts';
import { locateInFile } from '../../../src/report/sourceLocation.ts';
import type { Harness } from '../../../src/checks/harness.ts';
import type { Estate } from '../../../src/estate/types.ts';
import { REPO } from '../../support/emulator.ts';

const FIXTURES = join(REPO, 'test', 'fixtures', 'import', 'cloudformation');
const ORDERS = join(FIXTURES, 'orders.yaml');

function lineOf(file: string, needle: string): number {
  const i = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle));
  assert.notEqual(i, -1, `${needle} is in ${file}`);
  return i + 1;
}

function orders(parameters: Record<string, string> = {}): Estate {
  return importCloudFormation([ORDERS], { account: '111111111111', parameters: { BackendUrl: 'https://backend.example', ...parameters } });
}

test('a YAML template with short-form tags: roles, trust, policies, API, routes and stage', () => {
  const estate = orders();
  const a = estate.accounts[0]!;
  assert.equal(a.id, '111111111111', 'the --account');
  const api = a.apis?.[0];
  assert.ok(api, 'the HTTP API is imported');
  assert.match(api.apiId, /^[a-z0-9]{10}$/, 'the API id is a placeholder shaped like an API id');
  assert.equal(api.name, 'orders-dev', '!Sub with a parameter default');
  assert.deepEqual(api.stages, ['dev'], '!FindInMap picks the stage name');
  assert.deepEqual(api.routes.map((r) => `${r.routeKey}:${r.authorizationType}`).sort(), ['DELETE /orders/{id}:AWS_IAM', 'GET /health:NONE', 'GET /orders/{id}:AWS_IAM', 'GET /orders:AWS_IAM'], 'routes with their authorization (DELETE exists where NotProd holds)');
  const invoker = a.roles?.find((r) => r.name === 'ApiInvokerRole');
  assert.ok(invoker, 'RoleName is used');
  assert.deepEqual((invoker.assumeRolePolicyDocument.Statement as { Principal: unknown }[])[0]!.Principal, { AWS: 'arn:aws:iam::222222222222:root' }, '!Sub with pseudo parameter and parameter');
  const invoke = (invoker.inlinePolicies?.['invoke-orders']?.Statement as { Resource: string }[])[0]!.Resource;
  assert.equal(invoke, `arn:aws:execute-api:us-east-1:111111111111:${api.apiId}/*/*/*`, 'the API id placeholder flows into the policy');
  const readOnly = a.roles?.find((r) => r.path === '/orders/');
  assert.ok(readOnly, 'the role without RoleName is imported');
  assert.match(readOnly.name, /^orders-ReadOnlyRole-[A-Z0-9]{12}$/, 'a generated name: {stack}-{logicalId}-{suffix}');
  assert.deepEqual(readOnly.attachedPolicies, ['arn:aws:iam::111111111111:policy/orders-read-only'], 'Ref to a managed policy is its ARN; the AWS managed one is not attached');
  assert.equal(readOnly.permissionsBoundary, undefined, '!If with AWS::NoValue removes the boundary');
  assert.ok(readOnly.inlinePolicies?.['deny-delete'], 'AWS::IAM::RolePolicy lands on the role it names by Ref');
  const auditor = a.users?.find((u) => u.name === 'auditor');
  assert.ok(auditor?.inlinePolicies?.[Object.keys(auditor.inlinePolicies ?? {})[0]!], 'the group policy reaches its member');
  assert.equal(auditor.accessKeys, undefined, 'imported users carry no keys');
});

test('the same template is imported the same way twice (stable placeholders and names)', () => {
  assert.deepEqual(orders(), orders(), 'deterministic');
});

test('parameters and conditions: prod drops the DELETE route and sets the boundary', () => {
  const a = orders({ Environment: 'prod' }).accounts[0]!;
  assert.deepEqual(a.apis?.[0]?.stages, ['live'], 'FindInMap with the given parameter');
  assert.ok(!a.apis?.[0]?.routes.some((r) => r.routeKey.startsWith('DELETE')), 'a resource whose condition is false is not created');
  const readOnly = a.roles?.find((r) => r.path === '/orders/');
  assert.match(readOnly?.permissionsBoundary ?? '', /^arn:aws:iam::111111111111:policy\/orders-Boundary-[A-Z0-9]{12}$/, 'the boundary under IsProd');
  const skipped = orders({ Environment: 'prod' }).imported!.skipped;
  assert.ok(skipped.some((s) => s.resource === 'orders/DeleteOrder' && /condition NotProd is false/.test(s.reason)), 'the skipped route says why');
});

test('unmodelled resources and unattachable AWS managed policies are listed, with their line', () => {
  const { skipped } = orders().imported!;
  const topic = skipped.find((s) => s.type === 'AWS::SNS::Topic');
  assert.equal(topic?.source?.line, lineOf(ORDERS, '  AlarmTopic:'), 'the SNS topic is listed at its line');
  assert.ok(skipped.some((s) => s.type === 'AWS::ApiGatewayV2::Integration'), 'the integration is listed');
  assert.ok(skipped.some((s) => /ReadOnlyAccess is AWS managed/.test(s.reason)), 'the AWS managed policy is listed');
  assert.ok(skipped.some((s) => s.type === 'group' && /given to its 1 member/.test(s.reason)), 'the folded group is listed');
});

test('locations: the trust policy and inline policy of a role point at their template lines', () => {
  const estate = orders();
  const ri = estate.accounts[0]!.roles!.findIndex((r) => r.name === 'ApiInvokerRole');
  const trust = estate.imported!.locations[`/accounts/0/roles/${ri}/assumeRolePolicyDocument`];
  assert.equal(trust?.line, lineOf(ORDERS, 'AssumeRolePolicyDocument:'), 'trust policy line');
  const inline = estate.imported!.locations[`/accounts/0/roles/${ri}/inlinePolicies/invoke-orders`];
  assert.equal(inline?.line, lineOf(ORDERS, '          PolicyDocument:'), 'the first inline PolicyDocument line');
  assert.equal(locateInFile(relative(REPO, ORDERS), inline!.pointer, REPO)?.startLine, inline!.line, 'SARIF locates the same line in the YAML');
});

test('an imported estate validates, loads, and sends SARIF to the template', () => {
  const dir = join(REPO, 'reports', 'test-import');
  mkdirSync(dir, { recursive: true });
  const out = join(mkdtempSync(join(dir, 'cfn-')), 'estate.json');
  writeImportedEstate(orders(), out);
  const estate = loadEstateFile(out);
  assert.ok(buildState(estate, out).iam.findRole('111111111111', 'ApiInvokerRole'), 'the emulator holds the role');
  const h = { config: { estateFile: out }, target: { kind: 'embedded', region: 'us-east-1' }, estate } as unknown as Harness;
  const cwd = process.cwd();
  process.chdir(REPO);
  try {
    const src = policySource(h, 'arn:aws:iam::111111111111:role/ApiInvokerRole#trust');
    assert.equal(src?.file, 'test/fixtures/import/cloudformation/orders.yaml', 'the policy source is the template');
    assert.equal(src?.jsonPointer, '/Resources/InvokerRole/Properties/AssumeRolePolicyDocument', 'and its JSON pointer');
  } finally {
    process.chdir(cwd);
  }
});

test('quick create: Target makes a $default stage and the RouteKey route', () => {
  const estate = importCloudFormation([join(FIXTURES, 'quick-create.json')], {});
  const a = estate.accounts[0]!;
  assert.match(a.id, /^\d{12}$/, 'a placeholder account');
  assert.ok(estate.imported!.placeholders.some((p) => p.value === a.id && /--account/.test(p.meaning)), 'the placeholder account is named');
  assert.deepEqual(a.apis?.[0]?.stages, ['$default'], '$default stage');
  assert.deepEqual(a.apis?.[0]?.routes.map((r) => r.routeKey), ['GET /hello'], 'the quick-create route');
  assert.ok(estate.imported!.skipped.some((s) => s.type === 'AWS::Lambda::Function'), 'the function is listed as skipped');
});

function tmpTemplate(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'crossgate-cfn-')), name);
  writeFileSync(file, text);
  return file;
}

test('bad templates: errors name the file and the JSON path or line', () => {
  const bogus = tmpTemplate('t.json', JSON.stringify({ Resources: { R: { Type: 'AWS::IAM::Role', Properties: { RoleName: { 'Fn::Bogus': 'x' }, AssumeRolePolicyDocument: { Statement: [] } } } } }));
  assert.throws(() => importCloudFormation([bogus]), (e: Error) => e.message === `${bogus}: /Resources/R/Properties/RoleName/Fn::Bogus: Fn::Bogus is not a CloudFormation intrinsic function`, 'unknown function');
  const ref = tmpTemplate('r.yaml', 'Resources:\n  R:\n    Type: AWS::IAM::User\n    Properties:\n      UserName: !Ref Nope\n');
  assert.throws(() => importCloudFormation([ref]), /r\.yaml: \/Resources\/R\/Properties\/UserName\/Ref: Ref to 'Nope'/, 'unknown Ref');
  const tag = tmpTemplate('g.yaml', 'Resources:\n  R:\n    Type: AWS::IAM::User\n    Properties:\n      UserName: !Bogus x\n');
  assert.throws(() => importCloudFormation([tag]), /g\.yaml at line 5: .*!Bogus/, 'unknown tag, with its line');
  const noResources = tmpTemplate('n.yaml', 'Description: nothing\n');
  assert.throws(() => importCloudFormation([noResources]), /n\.yaml: \/Resources: a CloudFormation template needs a Resources section/, 'no Resources');
  assert.throws(() => importCloudFormation([ORDERS], { parameters: { Nope: '1' } }), /--parameter Nope: no template declares/, 'unknown parameter');
});

test('an unresolvable value becomes a named placeholder, not a crash', () => {
  const t = tmpTemplate('p.yaml', [
    'Resources:',
    '  R:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      AssumeRolePolicyDocument:',
    '        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]',
    '      Policies:',
    '        - PolicyName: p',
    '          PolicyDocument:',
    '            Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: !Sub "${Bucket.Arn}/*" }, { Effect: Allow, Action: sqs:SendMessage, Resource: !ImportValue shared-queue-arn }]',
    '  Bucket:',
    '    Type: AWS::S3::Bucket',
  ].join('\n'));
  const estate = importCloudFormation([t], { account: '111111111111' });
  const statements = estate.accounts[0]!.roles![0]!.inlinePolicies!.p!.Statement as { Resource: string }[];
  assert.equal(statements[0]!.Resource, 'arn:aws:crossgate-placeholder:::p.Bucket.Arn/*', 'an unmodelled attribute, as an ARN that says it is a placeholder');
  assert.equal(statements[1]!.Resource, 'arn:aws:crossgate-placeholder:::import-shared-queue-arn', 'an import nobody exported');
  const names = estate.imported!.placeholders.map((p) => p.name).sort();
  assert.deepEqual(names, ['import:shared-queue-arn', 'p.Bucket.Arn'], 'both are listed');
});

test('an unresolved principal is an account no check trusts; a document IAM rejects is reported, not kept', () => {
  const t = tmpTemplate('q.yaml', [
    'Resources:',
    '  R:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      RoleName: shared',
    '      AssumeRolePolicyDocument:',
    '        Statement: [{ Effect: Allow, Principal: { AWS: !ImportValue deployer-role-arn }, Action: sts:AssumeRole }]',
    '      Policies:',
    '        - PolicyName: broken',
    '          PolicyDocument: { Statement: [{ Effect: Maybe, Action: s3:GetObject, Resource: "*" }] }',
  ].join('\n'));
  const estate = importCloudFormation([t], { account: '111111111111' });
  const role = estate.accounts[0]!.roles![0]!;
  assert.deepEqual((role.assumeRolePolicyDocument.Statement as { Principal: unknown }[])[0]!.Principal, { AWS: 'arn:aws:iam::000000000000:role/placeholder-import-deployer-role-arn' }, 'fail closed: an account nobody trusts');
  assert.equal(role.inlinePolicies, undefined, 'the broken policy is not kept');
  assert.ok(estate.imported!.skipped.some((s) => /inline policy broken is not a policy IAM would accept \(\/Statement\/0\/Effect/.test(s.reason)), 'and is reported with the parser\'s reason');
  assert.ok(buildState(estate, t), 'the estate loads');
});

test('an HTTP API defined by an OpenAPI Body: its paths are routes, sigv4 security makes them AWS_IAM', () => {
  const body = {
    openapi: '3.0.1', info: { title: 'pets', version: '1' },
    components: { securitySchemes: { sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' } } },
    security: [{ sigv4: [] }],
    paths: {
      '/pets': { get: {}, post: {} },
      '/pets/{id}': { 'x-amazon-apigateway-any-method': {} },
      '/health': { get: { security: [] } },
    },
  };
  const t = tmpTemplate('o.json', JSON.stringify({ Resources: { Pets: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Body: body } } } }));
  const api = importCloudFormation([t], { account: '111111111111' }).accounts[0]!.apis![0]!;
  assert.equal(api.name, 'Pets', 'named after the logical id when the body gives no Name');
  assert.deepEqual(api.routes.map((r) => `${r.routeKey} ${r.authorizationType}`), ['GET /pets AWS_IAM', 'POST /pets AWS_IAM', 'ANY /pets/{id} AWS_IAM', 'GET /health NONE'], 'routes with their authorization');
});

test('AdministratorAccess is held as a stand-in with AWS\'s document: an admin role keeps its access', () => {
  const t = tmpTemplate('a.yaml', [
    'Resources:',
    '  Admin:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      RoleName: admin',
    '      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: sts:AssumeRole }] }',
    '      ManagedPolicyArns: [!Sub "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess", arn:aws:iam::aws:policy/ReadOnlyAccess]',
  ].join('\n'));
  const estate = importCloudFormation([t], { account: '111111111111' });
  const a = estate.accounts[0]!;
  assert.deepEqual(a.roles![0]!.attachedPolicies, ['arn:aws:iam::111111111111:policy/aws-managed/AdministratorAccess'], 'the stand-in is attached');
  assert.deepEqual(a.policies?.find((p) => p.name === 'AdministratorAccess')?.document, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, 'with AWS\'s document');
  assert.ok(estate.imported!.placeholders.some((p) => p.name === 'aws-managed:AdministratorAccess@111111111111'), 'the stand-in is named');
  assert.ok(estate.imported!.skipped.some((s) => /ReadOnlyAccess is AWS managed/.test(s.reason)), 'other AWS managed policies are still listed as not imported');
  assert.ok(buildState(estate, t), 'loads');
});
