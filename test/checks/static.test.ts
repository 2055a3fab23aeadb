/**
 * Static checks on policy documents: each passes on the seed and fails, for the
 * stated reason, on a deliberately broken document.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePolicy, type Policy } from '../../src/policy/index.ts';
import { requiresCondition, trustsAccount, trustsOnly, trustsPrincipal } from '../../src/checks/static/trust.ts';
import { invokeArnsNameApi } from '../../src/checks/static/arns.ts';
import { coversExactly, routeDecisions, routesUseIam } from '../../src/checks/static/routes.ts';
import { describeFindings, type StaticVerdict } from '../../src/checks/static/types.ts';

function policy(doc: object): Policy {
  const r = parsePolicy(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.policy;
}

const trust = (principal: unknown, condition?: object) =>
  policy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }] });

const invoke = (...resources: string[]) =>
  policy({ Version: '2012-10-17', Statement: [{ Sid: 'Invoke', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: resources }] });

const SEED_TRUST = trust({ AWS: 'arn:aws:iam::222222222222:root' });
const API = { region: 'us-east-1', accountId: '111111111111', apiId: 'a1b2c3d4e5', stage: '$default' };

function fails(v: StaticVerdict, pattern: RegExp): void {
  assert.equal(v.verdict, 'fail', 'expected a failure');
  assert.match(describeFindings(v), pattern);
}

describe('trust', () => {
  test('the seed trust policy trusts account B, and only B', () => {
    assert.equal(trustsAccount('t', SEED_TRUST, '222222222222').verdict, 'pass');
    assert.equal(trustsOnly('t', SEED_TRUST, ['222222222222']).verdict, 'pass');
    assert.equal(trustsPrincipal('t', SEED_TRUST, 'arn:aws:iam::222222222222:user/ci-caller').verdict, 'pass');
  });

  test('trust missing: no statement names the account', () => {
    fails(trustsAccount('t', trust({ AWS: '333333333333' }), '222222222222'), /no Allow statement lets a principal of account 222222222222 assume the role \(it trusts: 333333333333\)/);
  });

  test('trust too broad: *, NotPrincipal, another account, a service', () => {
    fails(trustsOnly('t', trust({ AWS: '*' }), ['222222222222']), /statement 0: Principal '\*' lets any AWS principal assume the role, and no condition pins/);
    fails(trustsOnly('t', trust('*'), ['222222222222']), /Principal '\*'/);
    fails(trustsOnly('t', trust({ AWS: ['arn:aws:iam::222222222222:root', 'arn:aws:iam::333333333333:user/outsider'] }), ['222222222222']), /'arn:aws:iam::333333333333:user\/outsider' is in account 333333333333/);
    fails(trustsOnly('t', trust({ Service: 'lambda.amazonaws.com' }), ['222222222222']), /service principal 'lambda.amazonaws.com'/);
  });

  test('a wildcard pinned by aws:PrincipalAccount to the list passes; to another account fails', () => {
    assert.equal(trustsOnly('t', trust({ AWS: '*' }, { StringEquals: { 'aws:PrincipalAccount': '222222222222' } }), ['222222222222']).verdict, 'pass');
    fails(trustsOnly('t', trust({ AWS: '*' }, { StringEquals: { 'aws:PrincipalAccount': '444444444444' } }), ['222222222222']), /outside the list: 444444444444/);
    fails(trustsOnly('t', trust({ AWS: '*' }, { StringEqualsIfExists: { 'aws:PrincipalAccount': '222222222222' } }), ['222222222222']), /no condition pins/);
  });

  test('external id required', () => {
    fails(requiresCondition('t', SEED_TRUST, 'sts:ExternalId'), /may assume the role without a condition on sts:ExternalId/);
    assert.equal(requiresCondition('t', trust({ AWS: '222222222222' }, { StringEquals: { 'sts:ExternalId': 'x-123' } }), 'sts:ExternalId').verdict, 'pass');
    fails(requiresCondition('t', trust({ AWS: '222222222222' }, { StringEqualsIfExists: { 'sts:ExternalId': 'x' } }), 'sts:ExternalId'), /without a condition/);
  });
});

describe('execute-api ARNs', () => {
  test("the seed's policy names the orders API", () => {
    assert.equal(invokeArnsNameApi([{ id: 'p', policy: invoke('arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/*/*') }], API).verdict, 'pass');
  });

  for (const [name, arn, pattern] of [
    ['wrong region', 'arn:aws:execute-api:eu-west-1:111111111111:a1b2c3d4e5/$default/*/*', /the region is 'eu-west-1', not 'us-east-1'/],
    ['wrong account', 'arn:aws:execute-api:us-east-1:999999999999:a1b2c3d4e5/$default/*/*', /the account is '999999999999', not '111111111111'/],
    ['wildcard api-id', 'arn:aws:execute-api:us-east-1:111111111111:*/$default/*/*', /the api-id '\*' is a wildcard/],
    ['wrong stage', 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/prod/*/*', /the stage is 'prod', not '\$default'/],
    ['truncated', 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/*', /names no method and path/],
    ['star', '*', /every API in every account/],
    ['other partition', 'arn:aws-cn:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/*/*', /the partition is 'aws-cn'/],
  ] as const) {
    test(`fails: ${name}`, () => fails(invokeArnsNameApi([{ id: 'p', policy: invoke(arn) }], API), pattern));
  }

  test('no execute-api grant at all is a failure, not a vacuous pass', () => {
    fails(invokeArnsNameApi([{ id: 'p', policy: policy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) }], API), /no statement grants execute-api:Invoke/);
  });
});

describe('routes', () => {
  const routes = [
    { routeKey: 'GET /orders', authorizationType: 'AWS_IAM' },
    { routeKey: 'POST /orders', authorizationType: 'AWS_IAM' },
    { routeKey: 'GET /orders/{id}', authorizationType: 'AWS_IAM' },
    { routeKey: 'DELETE /orders/{id}', authorizationType: 'AWS_IAM' },
    { routeKey: 'GET /health', authorizationType: 'NONE' },
  ];
  const role = { accountId: '111111111111', name: 'OrdersReadOnlyRole' };
  const readOnly = [{ name: 'ReadOrdersApi', kind: 'identity' as const, policy: invoke('arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET/*') }];

  test('every route but /health uses AWS_IAM', () => {
    assert.equal(routesUseIam('a1b2c3d4e5', routes, ['GET /health']).verdict, 'pass');
    fails(routesUseIam('a1b2c3d4e5', routes, []), /route 'GET \/health' uses NONE, not AWS_IAM/);
    fails(routesUseIam('a1b2c3d4e5', routes.map((r) => (r.routeKey === 'GET /orders' ? { ...r, authorizationType: 'NONE' } : r)), ['GET /health']), /'GET \/orders' uses NONE/);
  });

  test('the read-only role covers exactly the GET routes', () => {
    const d = routeDecisions(role, readOnly, API, routes);
    assert.equal(coversExactly('r', d, ['GET /orders', 'GET /orders/{id}', 'GET /health']).verdict, 'pass');
    fails(coversExactly('r', d, ['GET /orders', 'GET /orders/{id}', 'GET /health', 'DELETE /orders/{id}']), /'DELETE \/orders\/\{id\}' should be allowed but DELETE is implicitDeny/);
    const wide = [{ name: 'Wide', kind: 'identity' as const, policy: invoke('arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/*/*') }];
    fails(coversExactly('r', routeDecisions(role, wide, API, routes), ['GET /orders', 'GET /orders/{id}', 'GET /health']), /'DELETE \/orders\/\{id\}' should not be allowed but DELETE is/);
  });
});
