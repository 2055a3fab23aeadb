import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accountRootArn, assumedRoleArn, executeApiArn, roleArn, userArn } from '../../src/arn/index.ts';
import { authorize, evaluatePolicySet, parsePolicy, policySetRequest, principalFromArn, statementMatches } from '../../src/policy/index.ts';
import type { AuthorizationRequest, NamedPolicy, Policy } from '../../src/policy/index.ts';

const A = '111111111111';
const B = '222222222222';

function policy(doc: object, kind: NamedPolicy['kind'] = 'identity'): Policy {
  const r = parsePolicy(doc, { kind });
  assert.ok(r.ok, JSON.stringify(r));
  return r.policy;
}

const trust: NamedPolicy = {
  name: 'role/ApiInvokerRole#trust',
  kind: 'trust',
  policy: policy({ Version: '2012-10-17', Statement: [{ Sid: 'TrustAccountB', Effect: 'Allow', Principal: { AWS: accountRootArn(B) }, Action: 'sts:AssumeRole' }] }, 'trust'),
};
const assumePolicy: NamedPolicy = {
  name: 'AssumeOrdersRoles',
  kind: 'identity',
  policy: policy({ Version: '2012-10-17', Statement: [{ Sid: 'Assume', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn(A, 'ApiInvokerRole') }] }),
};

function assume(principalArn: string, identityPolicies: NamedPolicy[]): AuthorizationRequest {
  const principal = principalFromArn(principalArn);
  assert.ok(principal);
  return { principal, action: 'sts:AssumeRole', resource: roleArn(A, 'ApiInvokerRole'), resourceAccount: A, identityPolicies, resourcePolicy: trust, resourcePolicyRequired: true };
}

describe('authorize: the explanation as data', () => {
  it('keeps the rule that decided and the statements it rests on, with their source positions', () => {
    const text = '{\r\n  "Version": "2012-10-17",\r\n  "Statement": [\r\n    { "Sid": "Assume", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*" },\r\n    { "Sid": "NoChain", "Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "' + roleArn(A, 'ApiInvokerRole') + '" }\r\n  ]\r\n}';
    const parsed = parsePolicy(text);
    assert.ok(parsed.ok, JSON.stringify(parsed));
    const denying: NamedPolicy = { name: 'DenyAssume', kind: 'identity', policy: parsed.policy };
    const denied = authorize(assume(userArn(B, 'ci-caller'), [denying]));
    assert.equal(denied.rule, 'explicitDeny', 'a Deny decides');
    assert.deepEqual(denied.decidingStatements.map((m) => [m.policy, m.statementIndex, m.sid, m.effect]), [['DenyAssume', 1, 'NoChain', 'Deny']], 'the Deny statement');
    assert.deepEqual(denied.decidingStatements[0]!.position?.start, { line: 5, column: 5, offset: text.indexOf('{ "Sid": "NoChain"') }, 'its position: 1-based line and column across CRLF line ends');
    const allowed = authorize(assume(userArn(B, 'ci-caller'), [assumePolicy]));
    assert.equal(allowed.rule, 'crossAccountAllowed', 'identity and trust policy both allow across accounts');
    assert.deepEqual(allowed.decidingStatements.map((m) => m.sid).sort(), ['Assume', 'TrustAccountB'], 'the Allows that granted');
    const nothing = authorize(assume(userArn(B, 'ci-caller'), []));
    assert.equal(nothing.decision, 'implicitDeny', 'no identity policy');
    assert.equal(nothing.rule, 'crossAccountNoIdentity', 'the rule names what was lacking');
    const json = JSON.parse(JSON.stringify(denied)) as Record<string, unknown>;
    assert.equal(json.rule, 'explicitDeny', 'JSON carries the rule');
    assert.ok(Array.isArray(json.decidingStatements), 'JSON carries the deciding statements');
  });
});

describe('authorize: result shape', () => {
  it('reports layers, matched statements and an explanation naming them', () => {
    const r = authorize(assume(userArn(B, 'ci-caller'), [assumePolicy]));
    assert.equal(r.decision, 'allowed');
    assert.deepEqual(r.layers, { identity: 'allowed', resource: 'allowed' });
    assert.deepEqual(r.matchedStatements, [
      { policy: 'AssumeOrdersRoles', kind: 'identity', statementIndex: 0, sid: 'Assume', effect: 'Allow' },
      { policy: 'role/ApiInvokerRole#trust', kind: 'trust', statementIndex: 0, sid: 'TrustAccountB', effect: 'Allow', principalMatch: 'account' },
    ]);
    assert.equal(r.explanation, 'allowed by statement 0 (Sid Assume) of identity policy AssumeOrdersRoles and statement 0 (Sid TrustAccountB) of trust policy role/ApiInvokerRole#trust');
  });

  it('says which side is missing when cross-account access is denied', () => {
    const bystander = authorize(assume(userArn(B, 'bystander'), []));
    assert.equal(bystander.decision, 'implicitDeny');
    assert.deepEqual(bystander.layers, { identity: 'implicitDeny', resource: 'allowed' });
    assert.match(bystander.explanation, /cross-account access needs both/);
    assert.match(bystander.explanation, /no identity policy does/);

    const outsider = authorize(assume(userArn('333333333333', 'outsider'), [{ ...assumePolicy, name: 'AssumeAnything' }]));
    assert.deepEqual(outsider.layers, { identity: 'allowed', resource: 'implicitDeny' });
    assert.match(outsider.explanation, /no statement of trust policy role\/ApiInvokerRole#trust does/);
    assert.match(outsider.explanation, /nearest: statement 0 \(Sid TrustAccountB\).*Principal does not name/);
  });

  it('has no resource layer without a resource policy', () => {
    const invoke: NamedPolicy = {
      name: 'InvokeOrders',
      kind: 'identity',
      policy: policy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `arn:aws:execute-api:us-east-1:${A}:a1b2c3d4e5/$default/GET/*` }] }),
    };
    const principal = principalFromArn(assumedRoleArn(A, 'OrdersReadOnlyRole', 'run'));
    assert.ok(principal);
    const resource = executeApiArn({ region: 'us-east-1', accountId: A, apiId: 'a1b2c3d4e5', stage: '$default', method: 'DELETE', path: '/orders/42' });
    const r = authorize({ principal, action: 'execute-api:Invoke', resource, resourceAccount: A, identityPolicies: [invoke] });
    assert.equal(r.decision, 'implicitDeny');
    assert.deepEqual(r.layers, { identity: 'implicitDeny' });
    assert.deepEqual(r.matchedStatements, []);
    assert.match(r.explanation, /^implicitly denied: no statement allows execute-api:Invoke on .*DELETE\/orders\/42/);
  });
});

describe('statementMatches and evaluatePolicySet', () => {
  const request = { ...policySetRequest(assume(userArn(B, 'ci-caller'), [])), policyKind: 'identity' as const, policyVersion: '2012-10-17' };
  const [statement] = assumePolicy.policy.statements;
  assert.ok(statement);

  it('says why a statement does or does not match', () => {
    assert.deepEqual(statementMatches(statement, request), { matches: true, reason: 'action, resource, principal and conditions match' });
    const miss = statementMatches(statement, { ...request, resource: roleArn(A, 'Other') });
    assert.equal(miss.matches, false);
    assert.equal(miss.failedElement, 'resource');
    assert.match(miss.reason, /Resource does not include arn:aws:iam::111111111111:role\/Other/);
  });

  it('fails closed on what it cannot evaluate', () => {
    const broken = { ...statement, condition: { StringEqualz: { k: ['v'] } } };
    const allow = statementMatches(broken, request);
    assert.equal(allow.matches, false);
    assert.equal(allow.unevaluable, "unknown condition operator 'StringEqualz'");
    const deny = statementMatches({ ...broken, effect: 'Deny' }, request);
    assert.equal(deny.matches, true);
    assert.match(deny.reason, /fail closed/);
  });

  it('decides one layer: Deny, then Allow, then implicit deny', () => {
    const base = policySetRequest(assume(userArn(B, 'ci-caller'), []));
    assert.equal(evaluatePolicySet([], base).decision, 'implicitDeny');
    assert.equal(evaluatePolicySet([assumePolicy], base).decision, 'allowed');
    const deny: NamedPolicy = { ...assumePolicy, name: 'Deny', policy: { statements: [{ ...statement, effect: 'Deny' }] } };
    const set = evaluatePolicySet([assumePolicy, deny], base);
    assert.equal(set.decision, 'explicitDeny');
    assert.equal(set.allows.length, 1);
    assert.equal(set.denies.length, 1);
  });
});

describe('principalFromArn', () => {
  it('derives type, account and role ARN', () => {
    assert.deepEqual(principalFromArn(assumedRoleArn(A, 'R', 's'), { rolePath: '/ops/' }), {
      arn: `arn:aws:sts::${A}:assumed-role/R/s`, accountId: A, type: 'assumedRole', roleArn: `arn:aws:iam::${A}:role/ops/R`,
    });
    assert.deepEqual(principalFromArn(accountRootArn(A)), { arn: `arn:aws:iam::${A}:root`, accountId: A, type: 'root' });
    assert.equal(principalFromArn('arn:aws:s3:::bucket'), undefined);
  });
});
