/**
 * API Gateway v2 through the real @aws-sdk/client-apigatewayv2 against the embedded
 * AWS: every operation, the data plane seeing control-plane changes at once,
 * authorization, AWS's errors.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApiGatewayV2Client, CreateApiCommand, CreateRouteCommand, CreateStageCommand, DeleteRouteCommand, GetApiCommand,
  GetApisCommand, GetRouteCommand, GetRoutesCommand, GetStageCommand, GetStagesCommand,
} from '@aws-sdk/client-apigatewayv2';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { APIGATEWAYV2_OPERATIONS } from '../../src/emulator/services/apigatewayv2/index.ts';
import { KEYS } from '../support/emulator.ts';
import { rejection, startControlPlaneEmulator, WRITERS } from '../support/controlPlane.ts';
import { restCall } from '../support/awsRequest.ts';
import { callApi, type Creds } from '../support/signing.ts';

let emu: RunningEmulator;
const used = new Set<string>();

function apigw(credentials: Creds, region = 'us-east-1'): ApiGatewayV2Client {
  const client = new ApiGatewayV2Client({ region, endpoint: emu.url, credentials, maxAttempts: 1 });
  client.middlewareStack.add((next, context) => (args) => {
    used.add(String(context.commandName).replace(/Command$/, ''));
    return next(args);
  }, { step: 'initialize', name: 'recordOperation' });
  return client;
}

const ORDERS = 'a1b2c3d4e5';
/** An unsigned request to an API's path-style address. */
const invoke = (apiId: string, method: string, path: string) => callApi(emu.url, { method, path: `/_aws/execute-api/${apiId}${path}`, host: new URL(emu.url).host });

before(async () => {
  emu = await startControlPlaneEmulator();
});
after(() => emu.close());

describe('reads, as the seed auditor in account A', () => {
  test('GetApis lists the orders API with its endpoint and dates', async () => {
    const out = await apigw(KEYS.auditor).send(new GetApisCommand({}));
    assert.equal(out.Items!.length, 1);
    const api = out.Items![0]!;
    assert.equal(api.ApiId, ORDERS);
    assert.equal(api.Name, 'orders');
    assert.equal(api.ProtocolType, 'HTTP');
    assert.equal(api.ApiEndpoint, 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com');
    assert.equal(api.RouteSelectionExpression, '$request.method $request.path');
    assert.ok(api.CreatedDate instanceof Date && !Number.isNaN(api.CreatedDate.getTime()));
    assert.equal(out.NextToken, undefined);
  });

  test('GetApi', async () => {
    const api = await apigw(KEYS.auditor).send(new GetApiCommand({ ApiId: ORDERS }));
    assert.equal(api.Name, 'orders');
    assert.equal(api.DisableExecuteApiEndpoint, false);
  });

  test('GetRoutes: every route with its authorization type, in pages', async () => {
    const client = apigw(KEYS.auditor);
    const out = await client.send(new GetRoutesCommand({ ApiId: ORDERS }));
    assert.deepEqual(out.Items!.map((r) => `${r.RouteKey} ${r.AuthorizationType}`), [
      'GET /orders AWS_IAM', 'POST /orders AWS_IAM', 'GET /orders/{id} AWS_IAM', 'DELETE /orders/{id} AWS_IAM', 'GET /health NONE',
    ]);
    for (const r of out.Items!) {
      assert.match(r.RouteId!, /^[a-z0-9]{7}$/);
      assert.equal(r.ApiKeyRequired, false);
    }
    const first = await client.send(new GetRoutesCommand({ ApiId: ORDERS, MaxResults: '2' }));
    assert.equal(first.Items!.length, 2);
    assert.ok(first.NextToken);
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new GetRoutesCommand({ ApiId: ORDERS, MaxResults: '2', NextToken: token }));
      keys.push(...page.Items!.map((r) => r.RouteKey!));
      token = page.NextToken;
    } while (token);
    assert.equal(keys.length, 5);
    assert.equal(new Set(keys).size, 5);
  });

  test('GetRoute', async () => {
    const client = apigw(KEYS.auditor);
    const health = (await client.send(new GetRoutesCommand({ ApiId: ORDERS }))).Items!.find((r) => r.RouteKey === 'GET /health')!;
    const got = await client.send(new GetRouteCommand({ ApiId: ORDERS, RouteId: health.RouteId }));
    assert.equal(got.RouteKey, 'GET /health');
    assert.equal(got.AuthorizationType, 'NONE');
  });

  test('GetStages and GetStage: the $default stage auto-deploys', async () => {
    const stages = await apigw(KEYS.auditor).send(new GetStagesCommand({ ApiId: ORDERS }));
    assert.deepEqual(stages.Items!.map((s) => [s.StageName, s.AutoDeploy]), [['$default', true]]);
    const stage = await apigw(KEYS.auditor).send(new GetStageCommand({ ApiId: ORDERS, StageName: '$default' }));
    assert.equal(stage.StageName, '$default');
    assert.ok(stage.CreatedDate instanceof Date);
    assert.ok(stage.LastUpdatedDate instanceof Date);
    assert.deepEqual(stage.StageVariables, {});
  });
});

describe('errors and authorization', () => {
  test('an unknown API is NotFoundException naming the account', async () => {
    const err = await rejection(apigw(KEYS.auditor).send(new GetApiCommand({ ApiId: 'zzzzzzzzzz' })));
    assert.equal(err.name, 'NotFoundException');
    assert.equal(err.status, 404);
    assert.equal(err.message, 'Invalid API identifier specified 111111111111:zzzzzzzzzz');
    assert.equal(err.raw.ResourceType, 'Api');
    const route = await rejection(apigw(KEYS.auditor).send(new GetRouteCommand({ ApiId: ORDERS, RouteId: 'nope123' })));
    assert.equal(route.name, 'NotFoundException');
    const stage = await rejection(apigw(KEYS.auditor).send(new GetStageCommand({ ApiId: ORDERS, StageName: 'prod' })));
    assert.equal(stage.name, 'NotFoundException');
  });

  test('cross-account reads are impossible: account B sees none of account A\'s APIs', async () => {
    const listed = await apigw(WRITERS.bAdmin).send(new GetApisCommand({}));
    assert.deepEqual(listed.Items, []);
    const err = await rejection(apigw(WRITERS.bAdmin).send(new GetApiCommand({ ApiId: ORDERS })));
    assert.equal(err.name, 'NotFoundException');
    assert.equal(err.message, 'Invalid API identifier specified 222222222222:a1b2c3d4e5');
  });

  test('another region shows nothing of us-east-1', async () => {
    const listed = await apigw(KEYS.auditor, 'eu-west-1').send(new GetApisCommand({}));
    assert.deepEqual(listed.Items, []);
  });

  test('bystander is denied apigateway:GET', async () => {
    const err = await rejection(apigw(KEYS.bystander).send(new GetApisCommand({})));
    assert.equal(err.name, 'AccessDeniedException');
    assert.equal(err.status, 403);
    assert.equal(err.message, 'User: arn:aws:iam::222222222222:user/bystander is not authorized to perform: apigateway:GET on resource: arn:aws:apigateway:us-east-1::/apis because no identity-based policy allows the apigateway:GET action');
  });

  test('the auditor may read but not write', async () => {
    const err = await rejection(apigw(KEYS.auditor).send(new CreateRouteCommand({ ApiId: ORDERS, RouteKey: 'GET /x' })));
    assert.equal(err.name, 'AccessDeniedException');
    assert.match(err.message, /apigateway:POST on resource: arn:aws:apigateway:us-east-1::\/apis\/a1b2c3d4e5\/routes because/);
  });

  test('apigateway:Request/RouteAuthorizationType: a guardrail that only allows AWS_IAM routes', async () => {
    const guarded = apigw(WRITERS.guarded);
    const open = await rejection(guarded.send(new CreateRouteCommand({ ApiId: ORDERS, RouteKey: 'GET /guarded-open', AuthorizationType: 'NONE' })));
    assert.equal(open.name, 'AccessDeniedException');
    assert.match(open.message, /with an explicit deny/);
    const defaulted = await rejection(guarded.send(new CreateRouteCommand({ ApiId: ORDERS, RouteKey: 'GET /guarded-default' })));
    assert.equal(defaulted.name, 'AccessDeniedException', 'no authorizationType means NONE');
    const iamRoute = await guarded.send(new CreateRouteCommand({ ApiId: ORDERS, RouteKey: 'GET /guarded', AuthorizationType: 'AWS_IAM' }));
    assert.equal(iamRoute.AuthorizationType, 'AWS_IAM');
    await apigw(WRITERS.admin).send(new DeleteRouteCommand({ ApiId: ORDERS, RouteId: iamRoute.RouteId }));
  });

  test('bad route keys, duplicates and authorizers are refused', async () => {
    const admin = apigw(WRITERS.admin);
    const bad = await rejection(admin.send(new CreateRouteCommand({ ApiId: ORDERS, RouteKey: 'FETCH /orders' })));
    assert.equal(bad.name, 'BadRequestException');
    assert.equal(bad.status, 400);
    const dup = await rejection(admin.send(new CreateRouteCommand({ ApiId: ORDERS, RouteKey: 'GET /orders' })));
    assert.equal(dup.name, 'ConflictException');
    assert.equal(dup.status, 409);
    const jwt = await rejection(admin.send(new CreateRouteCommand({ ApiId: ORDERS, RouteKey: 'GET /jwt', AuthorizationType: 'JWT' })));
    assert.equal(jwt.name, 'BadRequestException');
    const authorizer = await rejection(admin.send(new CreateRouteCommand({ ApiId: ORDERS, RouteKey: 'GET /jwt', AuthorizationType: 'JWT', AuthorizerId: 'abc123' })));
    assert.equal(authorizer.name, 'NotFoundException');
    const stage = await rejection(admin.send(new CreateStageCommand({ ApiId: ORDERS, StageName: '$default' })));
    assert.equal(stage.name, 'ConflictException');
    const badStage = await rejection(admin.send(new CreateStageCommand({ ApiId: ORDERS, StageName: 'no spaces' })));
    assert.equal(badStage.name, 'BadRequestException');
    const websocket = await rejection(admin.send(new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET' })));
    assert.equal(websocket.name, 'BadRequestException');
  });

  test('an unsigned control-plane request is answered in REST-JSON', async () => {
    const res = await restCall(emu.url, undefined, 'GET', '/v2/apis');
    assert.equal(res.status, 403);
    assert.equal(res.headers['x-amzn-errortype'], 'MissingAuthenticationTokenException');
    assert.deepEqual(JSON.parse(res.body), { message: 'Missing Authentication Token' });
  });

  test('an operation not served is a NotFoundException, never a 500', async () => {
    const res = await restCall(emu.url, WRITERS.admin, 'DELETE', `/v2/apis/${ORDERS}`);
    assert.equal(res.status, 404);
    assert.equal(res.headers['x-amzn-errortype'], 'NotFoundException');
    assert.match(JSON.parse(res.body).message, /does not serve DELETE \/v2\/apis\/a1b2c3d4e5/);
  });
});

describe('writes, seen at once by the execute-api data plane', () => {
  test('CreateApi, CreateRoute, CreateStage, DeleteRoute', async () => {
    const admin = apigw(WRITERS.admin);
    const api = await admin.send(new CreateApiCommand({ Name: 'inventory', ProtocolType: 'HTTP', Description: 'made by a test', Tags: { team: 'platform' } }));
    assert.match(api.ApiId!, /^[a-z0-9]{10}$/);
    assert.equal(api.ApiEndpoint, `https://${api.ApiId}.execute-api.us-east-1.amazonaws.com`);
    assert.deepEqual(api.Tags, { team: 'platform' });
    assert.ok((await admin.send(new GetApisCommand({}))).Items!.some((a) => a.ApiId === api.ApiId));
    // No stage yet: nothing is served.
    assert.deepEqual((await admin.send(new GetStagesCommand({ ApiId: api.ApiId }))).Items, []);

    const open = await admin.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: 'GET /items', AuthorizationType: 'NONE' }));
    const locked = await admin.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: 'GET /items/{id}', AuthorizationType: 'AWS_IAM' }));
    assert.equal(open.RouteKey, 'GET /items');
    assert.equal(locked.AuthorizationType, 'AWS_IAM');
    assert.equal((await invoke(api.ApiId!, 'GET', '/items')).status, 404, 'no stage, no deployment');

    const stage = await admin.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: '$default', AutoDeploy: true, StageVariables: { tier: 'test' } }));
    assert.equal(stage.StageName, '$default');
    assert.equal(stage.AutoDeploy, true);
    assert.deepEqual(stage.StageVariables, { tier: 'test' });
    const prod = await admin.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: 'prod' }));
    assert.equal(prod.AutoDeploy, false);

    assert.equal((await invoke(api.ApiId!, 'GET', '/items')).status, 200);
    assert.equal((await invoke(api.ApiId!, 'GET', '/prod/items')).status, 200, 'a named stage is the first path segment');
    assert.equal((await invoke(api.ApiId!, 'GET', '/items/7')).status, 403, 'AWS_IAM route, unsigned');

    await admin.send(new DeleteRouteCommand({ ApiId: api.ApiId, RouteId: open.RouteId }));
    assert.equal((await invoke(api.ApiId!, 'GET', '/items')).status, 404);
    const again = await rejection(admin.send(new DeleteRouteCommand({ ApiId: api.ApiId, RouteId: open.RouteId })));
    assert.equal(again.name, 'NotFoundException');
  });

  test('quick create: a target gives a $default route and an auto-deploying $default stage', async () => {
    const admin = apigw(WRITERS.admin);
    const api = await admin.send(new CreateApiCommand({ Name: 'quick', ProtocolType: 'HTTP', Target: 'https://example.com' }));
    const routes = await admin.send(new GetRoutesCommand({ ApiId: api.ApiId }));
    assert.deepEqual(routes.Items!.map((r) => [r.RouteKey, r.AuthorizationType]), [['$default', 'NONE']]);
    assert.match(routes.Items![0]!.Target!, /^integrations\/[a-z0-9]{7}$/);
    const stages = await admin.send(new GetStagesCommand({ ApiId: api.ApiId }));
    assert.deepEqual(stages.Items!.map((s) => [s.StageName, s.AutoDeploy]), [['$default', true]]);
    assert.equal((await invoke(api.ApiId!, 'POST', '/anything/at/all')).status, 200);
  });

  test('an API created in another region has that region\'s endpoint and is listed only there', async () => {
    const west = apigw(WRITERS.admin, 'us-west-2');
    const api = await west.send(new CreateApiCommand({ Name: 'west', ProtocolType: 'HTTP' }));
    assert.equal(api.ApiEndpoint, `https://${api.ApiId}.execute-api.us-west-2.amazonaws.com`);
    assert.ok((await west.send(new GetApisCommand({}))).Items!.some((a) => a.ApiId === api.ApiId));
    assert.ok(!(await apigw(WRITERS.admin).send(new GetApisCommand({}))).Items!.some((a) => a.ApiId === api.ApiId));
  });
});

test('every API Gateway v2 operation the embedded AWS serves went through the SDK here', () => {
  const missing = APIGATEWAYV2_OPERATIONS.map((o) => o.name).filter((op) => !used.has(op));
  assert.deepEqual(missing, []);
});
