/**
 * The estate model and its invariants, on discovered accounts written by hand: who
 * outside an account may assume each role, who may invoke each route, and each
 * invariant failing for the right reason (naming the role, route and statement).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DiscoveredAccount, DiscoveredRole } from '../../src/aws/discovery.ts';
import { buildEstateModel } from '../../src/checks/estate/model.ts';
import {
  assumableRolesGrantOnlyInvoke, everyRouteUsesIam, noRoleAssumableFromOutside, noRoleAssumableFromOutsideOrganization, onlyTheseInvoke, outsidersReachOnlyThrough,
} from '../../src/checks/estate/invariants.ts';
import { describeFindings } from '../../src/checks/static/types.ts';

const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const API = 'a1b2c3d4e5';

function role(name: string, trust: object, inline: Record<string, object> = {}): DiscoveredRole {
  const arn = `arn:aws:iam::${A}:role/${name}`;
  return {
    arn, name, path: '/',
    trustPolicy: { id: `${arn}#trust`, name: 'AssumeRolePolicyDocument', kind: 'trust', document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...trust }] }) },
    inlinePolicies: Object.entries(inline).map(([n, doc]) => ({ id: `${arn}#${n}`, name: n, kind: 'inline' as const, document: JSON.stringify(doc) })),
    attachedPolicyArns: [],
  };
}

const invoke = (resource: string, extra: object = {}) => ({ Version: '2012-10-17', Statement: [{ Sid: 'Invoke', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: resource, ...extra }] });

function account(roles: DiscoveredRole[], routes: [string, string][] = [['GET /orders', 'AWS_IAM'], ['DELETE /orders/{id}', 'AWS_IAM'], ['GET /health', 'NONE']]): DiscoveredAccount {
  return {
    accountId: A, roles, users: [], managedPolicies: new Map(), calls: {},
    apis: [{ apiId: API, name: 'orders', protocolType: 'HTTP', stages: ['$default'], routes: routes.map(([routeKey, authorizationType], i) => ({ routeId: `r${i}`, routeKey, authorizationType })) }],
  };
}

const seedLike = () => [
  role('ApiInvokerRole', { Principal: { AWS: `arn:aws:iam::${B}:root` } }, { Invoke: invoke(`arn:aws:execute-api:us-east-1:${A}:${API}/$default/*/*`) }),
  role('ReadOnlyRole', { Principal: { AWS: `arn:aws:iam::${B}:root` } }, { Read: invoke(`arn:aws:execute-api:us-east-1:${A}:${API}/$default/GET/*`) }),
];
const model = (roles: DiscoveredRole[], routes?: [string, string][]) => buildEstateModel([account(roles, routes)], { region: 'us-east-1' });
const api = { accountId: A, apiId: API, name: 'orders' };
const expected = [{ principal: 'ApiInvokerRole', routes: 'all' as const }, { principal: 'ReadOnlyRole', routes: ['GET /orders'] }];

describe('estate model', () => {
  test('decides who invokes each route in one pass, with the granting statement', () => {
    const m = model(seedLike());
    const grants = m.invokeGrants.map((g) => `${g.principal.name} ${g.route.routeKey} ${g.statements.map((s) => s.sid).join()}`).sort();
    assert.deepEqual(grants, ['ApiInvokerRole DELETE /orders/{id} Invoke', 'ApiInvokerRole GET /orders Invoke', 'ReadOnlyRole GET /orders Invoke'], 'the grants');
    assert.equal(m.decisions, 4, 'two roles × two AWS_IAM routes');
    assert.deepEqual(m.problems, [], 'no problems');
  });

  test('SCPs where known narrow the grants: a Deny on DELETE at the root removes them', async () => {
    const { parsePolicy } = await import('../../src/policy/index.ts');
    const doc = (d: object) => {
      const r = parsePolicy(JSON.stringify(d));
      assert.ok(r.ok, 'parses');
      return r.policy;
    };
    const full = { name: 'FullAWSAccess', kind: 'scp' as const, policy: doc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) };
    const noDelete = { name: 'NoDelete', kind: 'scp' as const, policy: doc({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:*:*:*/*/DELETE/*' }] }) };
    const m = buildEstateModel([account(seedLike())], { region: 'us-east-1', organization: () => ({ scpLevels: [[full, noDelete], [full]], context: { 'aws:PrincipalOrgID': 'o-abc123' } }) });
    const grants = m.invokeGrants.map((g) => `${g.principal.name} ${g.route.routeKey}`).sort();
    assert.deepEqual(grants, ['ApiInvokerRole GET /orders', 'ReadOnlyRole GET /orders'], 'the SCP removed DELETE');
  });

  test('a role whose policies could never allow execute-api:Invoke costs no decision', () => {
    const m = model([role('Other', { Principal: { AWS: `arn:aws:iam::${B}:root` } }, { S3: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } })]);
    assert.equal(m.decisions, 0, 'no decision');
    assert.equal(m.invokeGrants.length, 0, 'no grant');
  });

  test('an unreadable policy fails every invariant (not checked, so not passed)', () => {
    const r = role('Broken', { Principal: { AWS: `arn:aws:iam::${B}:root` } });
    r.inlinePolicies.push({ id: `${r.arn}#Bad`, name: 'Bad', kind: 'inline', document: '{"Statement": 3}' });
    const m = model([r]);
    const v = noRoleAssumableFromOutside(m, A, [B]);
    assert.equal(v.verdict, 'fail', 'fails');
    assert.match(describeFindings(v), /Broken#Bad is not a valid policy.*not checked, so not passed/);
  });
});

describe('estate-wide invariants', () => {
  test('pass on a seed-like estate', () => {
    const m = model(seedLike());
    for (const v of [noRoleAssumableFromOutside(m, A, [B]), onlyTheseInvoke(m, api, expected), assumableRolesGrantOnlyInvoke(m, B, api), everyRouteUsesIam(m, A, ['GET /health']), outsidersReachOnlyThrough(m, A, [`arn:aws:iam::${A}:role/ApiInvokerRole`, `arn:aws:iam::${A}:role/ReadOnlyRole`])]) {
      assert.equal(v.verdict, 'pass', describeFindings(v));
    }
  });

  test("a role trusted by '*' is assumable from outside, and an outsider's way to the API", () => {
    const m = model([...seedLike(), role('RefundsRole', { Principal: { AWS: '*' } }, { Refund: invoke(`arn:aws:execute-api:us-east-1:${A}:${API}/$default/DELETE/*`) })]);
    assert.match(describeFindings(noRoleAssumableFromOutside(m, A, [B])), /RefundsRole#trust statement 0: role RefundsRole can be assumed from outside 222222222222: '\*' \(any AWS principal\) without any condition/);
    assert.match(describeFindings(onlyTheseInvoke(m, api, expected)), /RefundsRole .* can invoke 'DELETE \/orders\/\{id\}' of "orders", which the table does not list: granted by .*RefundsRole#Refund statement 0 \(Sid Invoke\)/);
    assert.match(describeFindings(outsidersReachOnlyThrough(m, A, [`arn:aws:iam::${A}:role/ApiInvokerRole`, `arn:aws:iam::${A}:role/ReadOnlyRole`])), /role RefundsRole is not a delegated role/);
  });

  test('a condition-less root principal of account C is outside; a wildcard pinned to B is not', () => {
    const m = model([
      role('PartnerRole', { Principal: { AWS: `arn:aws:iam::${C}:root` } }),
      role('PinnedRole', { Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalAccount': B } } }),
      role('LambdaRole', { Principal: { Service: 'lambda.amazonaws.com' } }),
    ]);
    const v = noRoleAssumableFromOutside(m, A, [B]);
    assert.equal(v.verdict, 'fail', 'fails');
    const text = describeFindings(v);
    assert.match(text, /role PartnerRole can be assumed from outside 222222222222: account principal arn:aws:iam::333333333333:root without any condition/);
    assert.doesNotMatch(text, /PinnedRole|LambdaRole/, 'a pinned wildcard and a service are not outsiders');
  });

  test('a grant that the table lists but the policies do not give fails too', () => {
    const m = model(seedLike());
    const v = onlyTheseInvoke(m, api, [{ principal: 'ApiInvokerRole', routes: 'all' }, { principal: 'ReadOnlyRole', routes: ['GET /orders', 'DELETE /orders/{id}'] }]);
    assert.match(describeFindings(v), /ReadOnlyRole cannot invoke 'DELETE \/orders\/\{id\}' of "orders", which the table lists/);
  });

  test('a role account B can assume that grants more than invoking the API', () => {
    const m = model([...seedLike(), role('ExportRole', { Principal: { AWS: `arn:aws:iam::${B}:root` } }, { Export: { Version: '2012-10-17', Statement: [{ Sid: 'S3', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } })]);
    const text = describeFindings(assumableRolesGrantOnlyInvoke(m, B, api));
    assert.match(text, /ExportRole#Export statement 0 \(S3\): role ExportRole, which account 222222222222 can assume, allows 's3:GetObject'/);
    assert.match(text, /allows on '\*', outside the HTTP API "orders"/);
  });

  test('an open route of any API fails, unless the allow-list names it; a stale allow-list entry fails', () => {
    const m = model(seedLike(), [['GET /orders', 'AWS_IAM'], ['POST /refunds', 'NONE'], ['GET /health', 'NONE']]);
    assert.match(describeFindings(everyRouteUsesIam(m, A, ['GET /health'])), /route 'POST \/refunds' of the HTTP API "orders" \(a1b2c3d4e5\) uses NONE, not AWS_IAM/);
    assert.equal(everyRouteUsesIam(m, A, ['GET /health', 'orders: POST /refunds']).verdict, 'pass', 'allow-listed for the API');
    assert.match(describeFindings(everyRouteUsesIam(m, A, ['GET /health', 'POST /refunds', 'GET /nothing'])), /the allow-list names 'GET \/nothing', which is not a route/);
  });

  test('outside the organization: member accounts and an aws:PrincipalOrgID-pinned wildcard pass, others fail', () => {
    const m = model([
      role('MemberRole', { Principal: { AWS: `arn:aws:iam::${B}:root` } }),
      role('OrgRole', { Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }),
      role('PartnerRole', { Principal: { AWS: `arn:aws:iam::${C}:root` } }),
    ]);
    const v = noRoleAssumableFromOutsideOrganization(m, A, { id: 'o-abc123', accounts: [A, B] });
    const text = describeFindings(v);
    assert.match(text, /role PartnerRole can be assumed from outside the organization o-abc123/);
    assert.doesNotMatch(text, /MemberRole|OrgRole/, 'members and the org-pinned wildcard pass');
  });

  test('an account that was not discovered is a failure, not a pass', () => {
    const v = noRoleAssumableFromOutside(model(seedLike()), '444444444444', [B]);
    assert.match(describeFindings(v), /account 444444444444 was not discovered/);
  });
});
