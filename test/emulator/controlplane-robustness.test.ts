/**
 * No malformed request, unknown action or bad parameter makes the control plane answer
 * 500: each gets AWS's error shape and a 4xx status. Hand-picked cases first, then
 * random ones (fast-check) over every operation's parameters.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { request } from 'undici';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { IAM_MODEL, IAM_OPERATIONS } from '../../src/emulator/services/iam/index.ts';
import { APIGATEWAYV2_MODEL, APIGATEWAYV2_OPERATIONS } from '../../src/emulator/services/apigatewayv2/index.ts';
import { startControlPlaneEmulator, WRITERS } from '../support/controlPlane.ts';
import { queryCall, restCall } from '../support/awsRequest.ts';
import type { RawResponse } from '../support/signing.ts';

let emu: RunningEmulator;
before(async () => {
  emu = await startControlPlaneEmulator();
});
after(() => emu.close());

const xml = new XMLParser();

/** An IAM answer: 200 with a <…Response>, or a 4xx <ErrorResponse> with a code. */
function assertIamAnswer(res: RawResponse, what: string): void {
  assert.ok(res.status < 500, `${what}: ${res.status} ${res.body}`);
  assert.equal(XMLValidator.validate(res.body), true, `${what}: not well-formed XML: ${res.body.slice(0, 200)}`);
  if (res.status !== 200) {
    const code = xml.parse(res.body)?.ErrorResponse?.Error?.Code;
    assert.ok(typeof code === 'string' && code.length > 0, `${what}: no error code in ${res.body.slice(0, 200)}`);
  }
}

/** An API Gateway answer: 2xx, or a 4xx with x-amzn-ErrorType and {"message"}. */
function assertApigwAnswer(res: RawResponse, what: string): void {
  assert.ok(res.status < 500, `${what}: ${res.status} ${res.body}`);
  if (res.status >= 400) {
    assert.ok(res.headers['x-amzn-errortype'], `${what}: no x-amzn-ErrorType`);
    assert.equal(typeof JSON.parse(res.body).message, 'string', `${what}: ${res.body}`);
  }
}

describe('IAM: hand-picked malformed requests', () => {
  const cases: [string, Record<string, string>][] = [
    ['unknown action', { Action: 'FlyToTheMoon' }],
    ['action with control characters', { Action: 'Get\u0001Role' }],
    ['missing required parameter', { Action: 'GetRolePolicy' }],
    ['MaxItems not a number', { Action: 'ListRoles', MaxItems: 'lots' }],
    ['MaxItems zero', { Action: 'ListRoles', MaxItems: '0' }],
    ['MaxItems huge', { Action: 'ListRoles', MaxItems: '99999999999999999999' }],
    ['a marker from nowhere', { Action: 'ListRoles', Marker: 'not-a-marker' }],
    ['a marker of another listing', { Action: 'ListUsers', Marker: Buffer.from('{"l":"ListRoles","o":1}').toString('base64') }],
    ['a boolean that is not', { Action: 'CreatePolicyVersion', PolicyArn: 'arn:aws:iam::111111111111:policy/InvokeOrdersApi', PolicyDocument: '{}', SetAsDefault: 'maybe' }],
    ['an enum that is not', { Action: 'ListEntitiesForPolicy', PolicyArn: 'arn:aws:iam::111111111111:policy/InvokeOrdersApi', EntityFilter: 'Robot' }],
    ['a filter list that is not', { Action: 'GetAccountAuthorizationDetails', 'Filter.member.1': 'Robot' }],
    ['tags with a gap and no value', { Action: 'CreateUser', UserName: 'tagged', 'Tags.member.7.Key': 'k' }],
    ['duplicate tag keys', { Action: 'CreateUser', UserName: 'tagged', 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'a', 'Tags.member.2.Key': 'K', 'Tags.member.2.Value': 'b' }],
    ['a policy ARN with control characters', { Action: 'GetPolicy', PolicyArn: 'arn:aws:iam::111111111111:policy/\u0002\u0003xxxxxxxx' }],
    ['a document outside Latin-1', { Action: 'PutRolePolicy', RoleName: 'ApiInvokerRole', PolicyName: 'p', PolicyDocument: '{"Statement":"\u4e2d"}' }],
    ['a document that is JSON but not a policy', { Action: 'PutRolePolicy', RoleName: 'ApiInvokerRole', PolicyName: 'p', PolicyDocument: '[1,2,3]' }],
    ['a document that is a string', { Action: 'PutRolePolicy', RoleName: 'ApiInvokerRole', PolicyName: 'p', PolicyDocument: '"{}"' }],
    ['a deeply nested document', { Action: 'PutRolePolicy', RoleName: 'ApiInvokerRole', PolicyName: 'p', PolicyDocument: `${'['.repeat(5000)}${']'.repeat(5000)}` }],
    ['a policy description with control characters', { Action: 'CreatePolicy', PolicyName: 'Ctl', Description: 'bell\u0007', PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}' }],
    ['a path without slashes', { Action: 'CreateRole', RoleName: 'Pathless', Path: 'nope', AssumeRolePolicyDocument: '{}' }],
  ];
  for (const [what, params] of cases) {
    test(what, async () => {
      assertIamAnswer(await queryCall(emu.url, WRITERS.admin, params), what);
    });
  }

  test('a description with control characters comes back as well-formed XML', async () => {
    const res = await queryCall(emu.url, WRITERS.admin, { Action: 'GetPolicy', PolicyArn: 'arn:aws:iam::111111111111:policy/Ctl' });
    assertIamAnswer(res, 'GetPolicy');
    assert.equal(res.status, 200, res.body);
  });

  test('bodies that are not forms', async () => {
    for (const [type, body] of [['application/json', '{"Action":"GetRole"}'], ['application/x-www-form-urlencoded', '%%%&&&==='], ['text/plain', '\u0000\u0001']] as const) {
      const res = await request(`${emu.url}/`, { method: 'POST', headers: { 'content-type': type }, body });
      assert.ok(res.statusCode < 500, `${type}: ${res.statusCode}`);
      await res.body.text();
    }
  });
});

describe('API Gateway v2: hand-picked malformed requests', () => {
  const cases: [string, string, string, { body?: unknown; rawBody?: string; query?: string }][] = [
    ['a body that is not JSON', 'POST', '/v2/apis', { rawBody: '{"name":' }],
    ['a body that is a list', 'POST', '/v2/apis', { rawBody: '[1]' }],
    ['a body that is null', 'POST', '/v2/apis', { rawBody: 'null' }],
    ['members of the wrong type', 'POST', '/v2/apis', { body: { name: 42, protocolType: ['HTTP'] } }],
    ['tags that are not strings', 'POST', '/v2/apis', { body: { name: 'x', protocolType: 'HTTP', tags: { a: 1 } } }],
    ['a route key that is not a string', 'POST', '/v2/apis/a1b2c3d4e5/routes', { body: { routeKey: { GET: '/' } } }],
    ['a greedy variable in the middle', 'POST', '/v2/apis/a1b2c3d4e5/routes', { body: { routeKey: 'GET /{proxy+}/x' } }],
    ['maxResults not a number', 'GET', '/v2/apis', { query: 'maxResults=many' }],
    ['maxResults zero', 'GET', '/v2/apis', { query: 'maxResults=0' }],
    ['a nextToken of another listing', 'GET', '/v2/apis/a1b2c3d4e5/routes', { query: `nextToken=${Buffer.from('{"l":"apis","o":0}').toString('base64')}` }],
    ['bad percent-encoding in the path', 'GET', '/v2/apis/%ZZ/routes', {}],
    ['an empty path segment', 'GET', '/v2/apis//routes', {}],
    ['an unknown method', 'PATCH', '/v2/apis/a1b2c3d4e5', {}],
    ['an unknown collection', 'GET', '/v2/domainnames', {}],
    ['REST API (v1) paths', 'GET', '/restapis', {}],
  ];
  for (const [what, method, path, opts] of cases) {
    test(what, async () => {
      assertApigwAnswer(await restCall(emu.url, WRITERS.admin, method, path, opts), what);
    });
  }
});

describe('random requests never answer 500', () => {
  const text = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('', '/', 'v1', 'true', '-1', '1001', 'arn:aws:iam::111111111111:policy/InvokeOrdersApi', '{}', 'ApiInvokerRole'));

  test('IAM: every operation with random values for its parameters', async () => {
    const ops = [...IAM_OPERATIONS.entries()];
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: ops.length - 1 }),
      fc.array(fc.tuple(fc.nat(), text), { maxLength: 6 }),
      async (i, values) => {
        const [name] = ops[i]!;
        const params: Record<string, string> = { Action: name };
        // Parameter names as IAM's model gives them: scalars, lists (Name.member.N) and lists of structures (Name.member.N.Member).
        const input = IAM_MODEL.shapes[IAM_MODEL.operations[name]!.input!]!;
        const members = Object.entries(input.members ?? {});
        for (const [k, v] of values) {
          const [member, ref] = members[k % Math.max(members.length, 1)] ?? [];
          if (!member || !ref) continue;
          const shape = IAM_MODEL.shapes[ref.shape]!;
          const item = shape.type === 'list' ? IAM_MODEL.shapes[shape.member!.shape]! : undefined;
          const fields = Object.keys(item?.members ?? {});
          const key = item === undefined ? member : fields.length > 0 ? `${member}.member.${(k % 3) + 1}.${fields[k % fields.length]}` : `${member}.member.${(k % 3) + 1}`;
          params[key] = v;
        }
        // The reader may only look; the admin may also write. Both must always get an answer.
        const res = await queryCall(emu.url, WRITERS.admin, params);
        assertIamAnswer(res, JSON.stringify(params));
      },
    ), { numRuns: 300 });
  });

  test('API Gateway v2: every operation with random path parameters and bodies', async () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: APIGATEWAYV2_OPERATIONS.length - 1 }),
      fc.array(fc.constantFrom('a1b2c3d4e5', 'zzzzzzzzzz', '$default', '%24default', '..', '%2F', 'x'.repeat(300)), { minLength: 2, maxLength: 2 }),
      fc.oneof(json, fc.record({ name: text, protocolType: fc.constantFrom('HTTP', 'WEBSOCKET', 'x'), routeKey: text, stageName: text, authorizationType: text })),
      fc.option(fc.tuple(fc.constantFrom('maxResults', 'nextToken'), text)),
      async (i, ids, body, q) => {
        const op = APIGATEWAYV2_MODEL.operations[APIGATEWAYV2_OPERATIONS[i]!.name]!.http;
        let n = 0;
        const path = op.requestUri.replace(/\{[^}]+\}/g, () => ids[n++]!);
        const query = q ? `${q[0]}=${encodeURIComponent(q[1])}` : undefined;
        const res = await restCall(emu.url, WRITERS.admin, op.method, path, { body: op.method === 'POST' ? body : undefined, query });
        assertApigwAnswer(res, `${op.method} ${path} ${JSON.stringify(body)}`);
      },
    ), { numRuns: 300 });
  });
});
