import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePolicy, type PolicyProblem } from '../../src/policy/index.ts';

const allowInvoke = { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/*/*' };

function problems(input: string | object, kind?: Parameters<typeof parsePolicy>[1]): PolicyProblem[] {
  const r = parsePolicy(input, kind);
  assert.equal(r.ok, false, 'expected problems');
  return r.ok ? [] : r.problems;
}

function has(ps: PolicyProblem[], path: string, message: string | RegExp): void {
  assert.ok(
    ps.some((p) => p.path === path && (typeof message === 'string' ? p.message === message : message.test(p.message))),
    `no problem at ${path} matching ${String(message)} in ${JSON.stringify(ps)}`,
  );
}

describe('parsePolicy: normalisation', () => {
  it('turns single values into lists and a Statement object into a list', () => {
    const r = parsePolicy({ Version: '2012-10-17', Id: 'x', Statement: { Sid: 'One', ...allowInvoke } });
    assert.ok(r.ok);
    assert.deepEqual(r.policy, {
      version: '2012-10-17',
      id: 'x',
      statements: [{ index: 0, sid: 'One', effect: 'Allow', action: ['execute-api:Invoke'], resource: [allowInvoke.Resource] }],
    });
  });

  it('normalises principals', () => {
    const r = parsePolicy({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { AWS: '222222222222', Service: ['lambda.amazonaws.com'] }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', NotPrincipal: { AWS: '*' }, Action: 'sts:AssumeRole' },
      ],
    });
    assert.ok(r.ok);
    assert.deepEqual(r.policy.statements.map((s) => s.principal ?? s.notPrincipal), [
      { wildcard: true },
      { AWS: ['222222222222'], Service: ['lambda.amazonaws.com'] },
      { AWS: ['*'] },
    ]);
    assert.deepEqual(r.policy.statements.map((s) => s.index), [0, 1, 2]);
  });

  it('turns condition values into string lists', () => {
    const r = parsePolicy({ Version: '2012-10-17', Statement: [{ ...allowInvoke, Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThan: { 'aws:MultiFactorAuthAge': [3600, '60'] } } }] });
    assert.ok(r.ok);
    assert.deepEqual(r.policy.statements[0]?.condition, { Bool: { 'aws:SecureTransport': ['true'] }, NumericLessThan: { 'aws:MultiFactorAuthAge': ['3600', '60'] } });
  });

  it('reads JSON text and URL-encoded JSON as IAM returns it', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Sid: 'A', ...allowInvoke }] };
    const plain = parsePolicy(JSON.stringify(doc));
    const encoded = parsePolicy(encodeURIComponent(JSON.stringify(doc)));
    assert.ok(plain.ok && encoded.ok);
    assert.deepEqual(encoded.policy, plain.policy);
    assert.ok(parsePolicy(`  ${encodeURIComponent(JSON.stringify(doc)).replace('%7B', '%7b')}`).ok);
  });

  it('accepts both supported versions and a missing Version', () => {
    for (const Version of ['2012-10-17', '2008-10-17', undefined]) assert.ok(parsePolicy({ Version, Statement: [allowInvoke] }).ok);
  });
});

describe('parsePolicy: problems', () => {
  it('never throws and reports bad JSON and bad encodings', () => {
    has(problems('{"Statement": ['), '', /^not valid JSON/);
    has(problems('%7B%E0%A4%A'), '', 'not valid URL-encoded text');
    has(problems('[1,2]'), '', 'a policy must be a JSON object');
    has(problems('null'), '', 'a policy must be a JSON object');
  });

  it('reports the Effect, with a JSON path', () => {
    has(problems({ Version: '2012-10-17', Statement: [{ ...allowInvoke, Effect: 'Permit' }] }), '/Statement/0/Effect', "must be 'Allow' or 'Deny'");
    has(problems({ Version: '2012-10-17', Statement: [{ Action: 'sts:AssumeRole', Resource: '*' }] }), '/Statement/0/Effect', 'Effect is required');
  });

  it('points into a Statement object as written', () => {
    has(problems({ Version: '2012-10-17', Statement: { ...allowInvoke, Effect: 'allow' } }), '/Statement/Effect', "must be 'Allow' or 'Deny'");
  });

  it('reports unsupported versions', () => {
    has(problems({ Version: '2013-01-01', Statement: [allowInvoke] }), '/Version', "unsupported Version '2013-01-01'");
  });

  it('requires Action or NotAction, not both', () => {
    has(problems({ Statement: [{ ...allowInvoke, NotAction: 'iam:*' }] }), '/Statement/0', 'Statement must have Action or NotAction, not both');
    has(problems({ Statement: [{ Effect: 'Allow', Resource: '*' }] }), '/Statement/0', 'Statement must have Action or NotAction');
    has(problems({ Statement: [{ ...allowInvoke, NotResource: '*' }] }), '/Statement/0', 'Statement must have Resource or NotResource, not both');
    has(problems({ Statement: [{ Effect: 'Allow', Action: 'x:y', Principal: '*', NotPrincipal: { AWS: '1' } }] }), '/Statement/0', 'Statement must have Principal or NotPrincipal, not both');
  });

  it('reports unknown elements, wrong types and empty lists', () => {
    has(problems({ Statement: [{ ...allowInvoke, Actions: 'x' }] }), '/Statement/0/Actions', "unknown element 'Actions'");
    has(problems({ Statement: [allowInvoke], Extra: 1 }), '/Extra', "unknown element 'Extra'");
    has(problems({ Statement: [{ ...allowInvoke, Action: 5 }] }), '/Statement/0/Action', 'must be a string or a list');
    has(problems({ Statement: [{ ...allowInvoke, Action: [] }] }), '/Statement/0/Action', 'must not be empty');
    has(problems({ Statement: [{ ...allowInvoke, Action: ['sts:AssumeRole', 7] }] }), '/Statement/0/Action/1', 'must be a string');
    has(problems({ Version: '2012-10-17' }), '/Statement', 'Statement is required');
    has(problems({ Statement: 'Allow' }), '/Statement', 'must be an object or a list');
  });

  it('checks action, resource and principal shapes', () => {
    has(problems({ Statement: [{ ...allowInvoke, Action: ['execute-api:Invoke', 'invoke'] }] }), '/Statement/0/Action/1', "Action 'invoke' must be '*' or '<service>:<action>'");
    has(problems({ Statement: [{ ...allowInvoke, Resource: 'a1b2c3d4e5/*' }] }), '/Statement/0/Resource', "Resource 'a1b2c3d4e5/*' must be '*' or an ARN");
    has(problems({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::222222222222:role/*' } }] }), '/Statement/0/Principal/AWS', /cannot contain wildcards/);
    has(problems({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'ci-caller' } }] }), '/Statement/0/Principal/AWS', /is not an AWS principal/);
    has(problems({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: 'arn:aws:iam::222222222222:root' }] }), '/Statement/0/Principal', /^must be '\*' or an object/);
    has(problems({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { IAM: 'x' } }] }), '/Statement/0/Principal/IAM', "unknown principal type 'IAM'");
  });

  it('checks condition operators and values', () => {
    has(problems({ Statement: [{ ...allowInvoke, Condition: { StringEqualz: { 'aws:userid': 'x' } } }] }), '/Statement/0/Condition/StringEqualz', "unknown condition operator 'StringEqualz'");
    has(problems({ Statement: [{ ...allowInvoke, Condition: { 'ForSomeValues:StringEquals': { k: 'x' } } }] }), '/Statement/0/Condition/ForSomeValues:StringEquals', /unknown condition operator/);
    has(problems({ Statement: [{ ...allowInvoke, Condition: { NullIfExists: { k: 'true' } } }] }), '/Statement/0/Condition/NullIfExists', /unknown condition operator/);
    has(problems({ Statement: [{ ...allowInvoke, Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 'soon' } } }] }), '/Statement/0/Condition/NumericLessThan/aws:MultiFactorAuthAge', /'soon' is not a number/);
    has(problems({ Statement: [{ ...allowInvoke, Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '10.0.0.0/33'] } } }] }), '/Statement/0/Condition/IpAddress/aws:SourceIp/1', /not an IP address/);
    has(problems({ Statement: [{ ...allowInvoke, Condition: { DateLessThan: { 'aws:CurrentTime': 'tomorrow' } } }] }), '/Statement/0/Condition/DateLessThan/aws:CurrentTime', /not a date/);
    has(problems({ Statement: [{ ...allowInvoke, Condition: { Null: { 'aws:SourceIp': 'maybe' } } }] }), '/Statement/0/Condition/Null/aws:SourceIp', /Null takes/);
    has(problems({ Statement: [{ ...allowInvoke, Condition: { StringEquals: 'x' } }] }), '/Statement/0/Condition/StringEquals', 'must be an object');
    assert.ok(parsePolicy({ Version: '2012-10-17', Statement: [{ ...allowInvoke, Condition: { 'ForAllValues:StringLikeIfExists': { 'aws:TagKeys': ['a*'] }, DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } } }] }).ok);
  });

  it('reports duplicate Sids', () => {
    has(problems({ Statement: [{ Sid: 'A', ...allowInvoke }, { Sid: 'A', ...allowInvoke }] }), '/Statement/1/Sid', /duplicate Sid 'A'/);
  });

  it('applies kind-specific rules', () => {
    const trustStatement = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'sts:AssumeRole' };
    assert.ok(parsePolicy({ Version: '2012-10-17', Statement: [trustStatement] }, { kind: 'trust' }).ok);
    has(problems({ Statement: [{ ...trustStatement, Resource: '*' }] }, { kind: 'trust' }), '/Statement/0', 'a trust policy must not have Resource or NotResource');
    has(problems({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }, { kind: 'trust' }), '/Statement/0', 'Statement must have Principal or NotPrincipal in a trust policy');
    has(problems({ Statement: [{ ...allowInvoke, Principal: '*' }] }, { kind: 'identity' }), '/Statement/0/Principal', 'Principal is not allowed in an identity policy');
    has(problems({ Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke' }] }, { kind: 'identity' }), '/Statement/0', 'Statement must have Resource or NotResource');
    has(problems({ Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }, { kind: 'trust' }), '/Statement/0/NotPrincipal', 'NotPrincipal is not allowed in a trust policy');
    has(problems({ Statement: [{ ...allowInvoke, NotPrincipal: { AWS: '222222222222' } }] }), '/Statement/0/NotPrincipal', 'NotPrincipal can only be used with Effect Deny');
    // Without a kind, neither is required.
    assert.ok(parsePolicy({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }).ok);
  });
});

describe('parsePolicy: robustness', () => {
  it('never throws, whatever it is given', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.json(), fc.constant('%7Bbroken')), (input) => {
        const r = parsePolicy(input as object);
        assert.equal(typeof r.ok, 'boolean');
      }),
      { numRuns: 500 },
    );
    const hostile = { get Statement(): never { throw new Error('boom'); } };
    assert.equal(parsePolicy(hostile).ok, false);
  });
});
