/**
 * The shared operation model of the embedded AWS: the service-model slices it ships,
 * the model-driven input readers (Query and REST-JSON) with AWS's validation wording,
 * the one paging token and the one request context.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { patternRegExp, type ServiceModel } from '../../src/emulator/operation/model.ts';
import { Problems } from '../../src/emulator/operation/problems.ts';
import { queryTree, readQueryInput, readRestJsonInput } from '../../src/emulator/operation/read.ts';
import { paginate } from '../../src/emulator/paging.ts';
import { requestContext } from '../../src/emulator/requestContext.ts';
import { isoSeconds } from '../../src/emulator/timeText.ts';
import { serviceModel, skipWithoutBotocore } from '../support/botocore.ts';
import { REPO } from '../support/emulator.ts';

const MODELS = join(REPO, 'src', 'emulator', 'models');
const model = (name: string) => JSON.parse(readFileSync(join(MODELS, `${name}.json`), 'utf8')) as ServiceModel;

describe('the shipped service-model slices', () => {
  test('every pattern compiles as JavaScript and every shape a member names is shipped', () => {
    for (const file of readdirSync(MODELS)) {
      const m = JSON.parse(readFileSync(join(MODELS, file), 'utf8')) as ServiceModel;
      assert.match(m.source, /^botocore \d+\.\d+\.\d+, data\//, `${file} names its source`);
      for (const [name, shape] of Object.entries(m.shapes)) {
        if (shape.pattern !== undefined) assert.doesNotThrow(() => patternRegExp(shape.pattern!), `${file} ${name}: ${shape.pattern}`);
        const refs = [...Object.values(shape.members ?? {}), shape.member, shape.key, shape.value].filter((r) => r !== undefined);
        for (const ref of refs) assert.ok(m.shapes[ref!.shape], `${file} ${name} names ${ref!.shape}, which is shipped`);
      }
      for (const [name, op] of Object.entries(m.operations)) if (op.input) assert.ok(m.shapes[op.input], `${file} ${name} input shape shipped`);
    }
  });

  const skip = skipWithoutBotocore();
  test('each slice is what botocore says (operations and input shapes)', { skip }, () => {
    for (const [file, service] of [['sts', 'sts'], ['iam', 'iam'], ['apigatewayv2', 'apigatewayv2'], ['accessanalyzer', 'accessanalyzer']] as const) {
      const shipped = model(file);
      const full = serviceModel(service)!;
      for (const [name, op] of Object.entries(shipped.operations)) {
        const real = full.operations[name]!;
        assert.equal(op.http.method, real.http.method, `${name} method`);
        assert.equal(op.http.requestUri, real.http.requestUri, `${name} URI`);
        assert.equal(op.input, real.input?.shape, `${name} input`);
      }
      for (const [name, shape] of Object.entries(shipped.shapes)) {
        const real = full.shapes[name]!;
        assert.deepEqual(shape.required, real.required, `${file} ${name} required`);
        assert.deepEqual(Object.keys(shape.members ?? {}), Object.keys(real.members ?? {}), `${file} ${name} members`);
        assert.equal(shape.pattern, real.pattern, `${file} ${name} pattern`);
        assert.deepEqual(shape.enum, real.enum, `${file} ${name} enum`);
      }
    }
  });
});

describe('the Query reader', () => {
  const sts = model('sts');
  const iam = model('iam');

  test('reads scalars, lists of structures and nested lists by the model', () => {
    const problems = new Problems();
    const input = readQueryInput(sts, 'AssumeRoleRequest', new URLSearchParams({
      Action: 'AssumeRole', RoleArn: 'arn:aws:iam::111111111111:role/R', RoleSessionName: 's1', DurationSeconds: '900',
      'Tags.member.2.Key': 'b', 'Tags.member.2.Value': '2', 'Tags.member.1.Key': 'a', 'Tags.member.1.Value': '1=x',
      'PolicyArns.member.1.arn': 'arn:aws:iam::111111111111:policy/P',
    }), problems);
    assert.deepEqual(problems.list, [], 'no problems');
    assert.deepEqual(input, {
      RoleArn: 'arn:aws:iam::111111111111:role/R', RoleSessionName: 's1', DurationSeconds: 900,
      PolicyArns: [{ arn: 'arn:aws:iam::111111111111:policy/P' }],
      Tags: [{ Key: 'a', Value: '1=x' }, { Key: 'b', Value: '2' }],
    }, 'members by model name, list items in index order, values kept whole');
    const sim = readQueryInput(iam, 'SimulateCustomPolicyRequest', new URLSearchParams({
      'PolicyInputList.member.1': '{}', 'ActionNames.member.1': 's3:GetObject',
      'ContextEntries.member.1.ContextKeyName': 'aws:SourceIp', 'ContextEntries.member.1.ContextKeyType': 'ip',
      'ContextEntries.member.1.ContextKeyValues.member.1': '10.0.0.1', 'ContextEntries.member.1.ContextKeyValues.member.2': '10.0.0.2',
    }), new Problems());
    assert.deepEqual(sim.ContextEntries, [{ ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['10.0.0.1', '10.0.0.2'], ContextKeyType: 'ip' }], 'nested list inside a list of structures');
  });

  test('every constraint problem is reported at once, in AWS wording and member order', () => {
    const problems = new Problems();
    readQueryInput(sts, 'AssumeRoleRequest', new URLSearchParams({ RoleSessionName: 'a b', DurationSeconds: '60', 'Tags.member.1.Key': '', 'Tags.member.1.Value': 'v' }), problems);
    assert.equal(problems.summary(), [
      "5 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
      "Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
      "Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
      "Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
      "Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ].join('; '), 'the summary');
    assert.equal(problems.list.length, 5, 'five problems');
  });

  test('list limits and enums come from the model', () => {
    const params = new URLSearchParams({ RoleArn: 'arn:aws:iam::111111111111:role/R', RoleSessionName: 'ss' });
    for (let i = 1; i <= 51; i++) {
      params.set(`Tags.member.${i}.Key`, `k${i}`);
      params.set(`Tags.member.${i}.Value`, 'v');
    }
    const problems = new Problems();
    readQueryInput(sts, 'AssumeRoleRequest', params, problems);
    assert.deepEqual(problems.list.map((p) => p.message), ["Value '[…]' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50"], '51 tags');
    const enums = new Problems();
    readQueryInput(iam, 'GetAccountAuthorizationDetailsRequest', new URLSearchParams({ 'Filter.member.1': 'Role', 'Filter.member.2': 'Robot' }), enums);
    assert.deepEqual(enums.list.map((p) => p.at), ['filter.2.member'], 'the bad enum item, by position');
  });

  test('the parameter tree is built in one pass: 100 000 list members read without a scan per member', () => {
    const params = new URLSearchParams();
    for (let i = 1; i <= 100_000; i++) params.append(`ActionNames.member.${i}`, `s3:A${i}`);
    const tree = queryTree(params);
    assert.equal(tree.children?.get('ActionNames')?.children?.get('member')?.children?.size, 100_000, 'every member in the tree');
    const problems = new Problems();
    const input = readQueryInput(iam, 'SimulateCustomPolicyRequest', params, problems);
    assert.equal((input.ActionNames as string[]).length, 100_000, 'every member read');
    assert.deepEqual(problems.list.map((p) => p.at), ['policyInputList'], 'only the missing required list');
  });
});

describe('the REST-JSON reader', () => {
  const aa = model('accessanalyzer');
  const apigw = model('apigatewayv2');

  test('labels, query string and body members by location; wire names in messages', () => {
    const problems = new Problems();
    const input = readRestJsonInput(apigw, 'CreateRouteRequest', { labels: { apiId: 'a1b2c3d4e5' }, query: new URLSearchParams(), body: { routeKey: 'GET /x', authorizationType: 'SIGV5', authorizationScopes: ['a', 7] } }, problems);
    assert.equal(input.ApiId, 'a1b2c3d4e5', 'the URI label');
    assert.equal(input.RouteKey, 'GET /x', 'a body member, by its locationName');
    assert.deepEqual(problems.list.map((p) => p.at), ['authorizationScopes', 'authorizationType'], 'wire names, model order');
    assert.match(problems.list[1]!.message, /^Value 'SIGV5' at 'authorizationType' failed to satisfy constraint: Member must satisfy enum value set: \[NONE, AWS_IAM, CUSTOM, JWT\]$/, 'enum wording');
  });

  test('nested structures and list limits', () => {
    const problems = new Problems();
    readRestJsonInput(aa, 'CheckAccessNotGrantedRequest', { labels: {}, query: new URLSearchParams('x=1'), body: { policyDocument: 1, access: [{ actions: 'a' }, {}] } }, problems);
    assert.deepEqual(problems.list.map((p) => p.at), ['policyDocument', 'access', 'policyType'], 'type, list size, missing');
    const nested = new Problems();
    readRestJsonInput(aa, 'CheckAccessNotGrantedRequest', { labels: {}, query: new URLSearchParams(), body: { policyDocument: '{}', policyType: 'IDENTITY_POLICY', access: [{ actions: 'a' }] } }, nested);
    assert.deepEqual(nested.list.map((p) => p.at), ['access.1.member.actions'], 'a member of a structure inside a list');
  });
});

describe('one paging token, one timestamp format, one request context', () => {
  test('a token continues only its own listing', () => {
    const items = Array.from({ length: 5 }, (_, i) => i);
    const invalid = () => new Error('invalid token');
    const first = paginate(items, 'L', undefined, 2, invalid);
    assert.deepEqual(first.items, [0, 1], 'first page');
    const second = paginate(items, 'L', first.next, 2, invalid);
    assert.deepEqual(second.items, [2, 3], 'second page');
    assert.equal(paginate(items, 'L', second.next, 2, invalid).next, undefined, 'last page has no token');
    assert.throws(() => paginate(items, 'M', first.next, 2, invalid), /invalid token/, 'another listing refuses it');
    assert.throws(() => paginate(items, 'L', 'garbage', 2, invalid), /invalid token/, 'garbage is refused');
  });

  test('isoSeconds drops the milliseconds', () => {
    assert.equal(isoSeconds(new Date('2026-12-06T15:22:37.123Z')), '2026-12-06T15:22:37Z', 'to the second');
  });

  test('the request context carries the caller and the request keys', () => {
    const caller = {
      accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'x', issuedAt: new Date(0), status: 'Active' as const,
      identity: { arn: 'arn:aws:sts::111111111111:assumed-role/R/s', accountId: '111111111111', type: 'assumedRole' as const, roleArn: 'arn:aws:iam::111111111111:role/R', userId: 'AROAEXAMPLE:s' },
      subject: { kind: 'assumedRole' as const, accountId: '111111111111', roleName: 'R', sessionName: 's', sourceAccessKeyId: 'AKIA' },
      sessionContext: { 'aws:TokenIssueTime': '2026-12-06T15:00:00Z' },
    };
    const context = requestContext(caller, { now: new Date('2026-12-06T15:22:37.500Z'), sourceIp: '127.0.0.1', region: 'eu-west-1' });
    assert.deepEqual({
      ip: context['aws:SourceIp'], secure: context['aws:SecureTransport'], time: context['aws:CurrentTime'], epoch: context['aws:EpochTime'],
      arn: context['aws:PrincipalArn'], account: context['aws:PrincipalAccount'], userid: context['aws:userid'], type: context['aws:PrincipalType'],
      region: context['aws:RequestedRegion'], issued: context['aws:TokenIssueTime'],
    }, {
      ip: '127.0.0.1', secure: 'false', time: '2026-12-06T15:22:37Z', epoch: '1796570557',
      arn: 'arn:aws:iam::111111111111:role/R', account: '111111111111', userid: 'AROAEXAMPLE:s', type: 'AssumedRole',
      region: 'eu-west-1', issued: '2026-12-06T15:00:00Z',
    }, 'every key');
  });
});

describe('every service authorizes in the one request context', () => {
  test('aws:SourceIp, aws:SecureTransport and aws:RequestedRegion reach the policy, whichever service asks', async () => {
    const { loadEstate } = await import('../../src/emulator/index.ts');
    const { authorizeCall } = await import('../../src/emulator/authorizeCall.ts');
    const { parseDocument } = await import('../../src/emulator/services/iam/documents.ts');
    const { CONTROL_PLANE_ESTATE, doc } = await import('../support/controlPlane.ts');
    const state = loadEstate(CONTROL_PLANE_ESTATE);
    const user = state.iam.createUser('111111111111', 'context-probe');
    state.iam.putInlinePolicy(user, 'FromTheOfficeOverTls', parseDocument(doc([{
      Effect: 'Allow', Action: ['access-analyzer:ValidatePolicy', 'sts:GetSessionToken'], Resource: '*',
      Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
    }]), 'identity'));
    const caller = {
      accessKeyId: 'AKIAPROBE', secretAccessKey: 'x', issuedAt: new Date(0), status: 'Active' as const,
      identity: state.iam.userIdentity(user), subject: { kind: 'user' as const, accountId: '111111111111', userName: 'context-probe' },
    };
    const facts = (sourceIp: string, region: string) => ({ state, caller, now: new Date(), sourceIp, region });
    for (const action of ['access-analyzer:ValidatePolicy', 'sts:GetSessionToken']) {
      const call = { action, resource: '*', resourceAccount: '111111111111' };
      assert.equal(authorizeCall(facts('10.1.2.3', 'eu-west-1'), call).decision, 'allowed', `${action} from 10.1.2.3 in eu-west-1`);
      assert.throws(() => authorizeCall(facts('127.0.0.1', 'eu-west-1'), call), /not authorized to perform/, `${action} from 127.0.0.1`);
      assert.throws(() => authorizeCall(facts('10.1.2.3', 'us-east-1'), call), /not authorized to perform/, `${action} in another region`);
    }
  });
});
