import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateCondition } from '../../src/policy/conditions/evaluateCondition.ts';
import { cidrContains, parseAddress, parseCidr } from '../../src/policy/conditions/ipAddress.ts';
import { parseOperator } from '../../src/policy/index.ts';
import { buildRequestContext } from '../../src/policy/index.ts';
import type { ConditionBlock, ContextValue, PrincipalIdentity, Truth } from '../../src/policy/index.ts';

const session: PrincipalIdentity = {
  arn: 'arn:aws:sts::111111111111:assumed-role/ApiInvokerRole/s',
  accountId: '111111111111',
  type: 'assumedRole',
  roleArn: 'arn:aws:iam::111111111111:role/ApiInvokerRole',
};

function truth(block: ConditionBlock, context: Record<string, ContextValue> = {}): Truth {
  return evaluateCondition(block, buildRequestContext(session, context), { variables: true }).truth;
}

describe('condition operators', () => {
  it('parses qualifiers and IfExists, case-insensitively', () => {
    assert.deepEqual(
      (({ base, set, ifExists }) => ({ base: base.name, set, ifExists }))(parseOperator('ForAllValues:StringLikeIfExists')!),
      { base: 'StringLike', set: 'ForAllValues', ifExists: true },
    );
    assert.equal(parseOperator('stringequals')?.base.name, 'StringEquals');
    assert.equal(parseOperator('NotIpAddress')?.base.negated, true);
    for (const bad of ['StringEqualz', 'ForSome:StringEquals', 'NullIfExists', 'ForAnyValue:Null', 'IfExists', '']) {
      assert.equal(parseOperator(bad), undefined, bad);
    }
  });

  it('negated operators are true for absent keys, positive ones false, IfExists true', () => {
    for (const op of ['StringNotEquals', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike', 'NumericNotEquals', 'DateNotEquals', 'NotIpAddress', 'StringNotEqualsIgnoreCase']) {
      assert.equal(truth({ [op]: { 'aws:Missing': ['1'] } }), 'true', op);
    }
    for (const op of ['StringEquals', 'StringLike', 'ArnLike', 'NumericEquals', 'DateEquals', 'IpAddress', 'Bool', 'BinaryEquals']) {
      assert.equal(truth({ [op]: { 'aws:Missing': ['1'] } }), 'false', op);
      assert.equal(truth({ [`${op}IfExists`]: { 'aws:Missing': ['1'] } }), 'true', op);
    }
  });

  it('multi-valued context keys with and without qualifiers', () => {
    const tags = { 'aws:TagKeys': ['env', 'team'] };
    assert.equal(truth({ StringEquals: { 'aws:TagKeys': ['team'] } }, tags), 'true');
    assert.equal(truth({ StringNotEquals: { 'aws:TagKeys': ['team'] } }, tags), 'false');
    assert.equal(truth({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['team'] } }, tags), 'true');
    assert.equal(truth({ 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['owner'] } }, tags), 'true');
    assert.equal(truth({ 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['team'] } }, tags), 'false');
    assert.equal(truth({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } }, { 'aws:TagKeys': [] }), 'true');
    assert.equal(truth({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env'] } }, { 'aws:TagKeys': [] }), 'false');
  });

  it('Null looks only at presence', () => {
    assert.equal(truth({ Null: { 'aws:SourceIp': ['true'] } }), 'true');
    assert.equal(truth({ Null: { 'aws:SourceIp': ['false'] } }, { 'aws:SourceIp': '1.2.3.4' }), 'true');
    assert.equal(truth({ Null: { 'aws:PrincipalArn': ['true'] } }), 'false');
    assert.equal(truth({ Null: { 'aws:SourceIp': ['perhaps'] } }), 'unknown');
  });

  it('numbers, dates and booleans', () => {
    assert.equal(truth({ NumericGreaterThan: { n: ['1.5'] } }, { n: '2' }), 'true');
    assert.equal(truth({ NumericLessThanEquals: { n: ['-1'] } }, { n: '-1' }), 'true');
    assert.equal(truth({ NumericEquals: { n: ['10'] } }, { n: '1e1' }), 'true');
    assert.equal(truth({ DateGreaterThanEquals: { t: ['2026-01-01'] } }, { t: '2026-01-01T00:00:00Z' }), 'true');
    assert.equal(truth({ DateEquals: { t: ['1767225600'] } }, { t: '2026-01-01T00:00:00Z' }), 'true');
    assert.equal(truth({ DateLessThan: { t: ['2026-01-01T00:00:00Z'] } }, { t: 'yesterday' }), 'false');
    assert.equal(truth({ Bool: { b: ['TRUE'] } }, { b: 'true' }), 'true');
  });

  it('invalid policy values make a condition unknown unless another value decides it', () => {
    assert.equal(truth({ NumericEquals: { n: ['x'] } }, { n: '1' }), 'unknown');
    assert.equal(truth({ NumericEquals: { n: ['x', '1'] } }, { n: '1' }), 'true');
    assert.equal(truth({ NumericEquals: { n: ['x'] }, StringEquals: { s: ['a'] } }, { n: '1', s: 'b' }), 'false');
    assert.equal(truth({ NotANumericOperator: { n: ['1'] } }, { n: '1' }), 'unknown');
  });

  it('keys are case-insensitive and derived principal keys are present', () => {
    assert.equal(truth({ StringEquals: { 'AWS:PRINCIPALARN': [session.roleArn!] } }), 'true');
    assert.equal(truth({ StringEquals: { 'aws:PrincipalType': ['AssumedRole'], 'aws:PrincipalAccount': ['111111111111'] } }), 'true');
    // A given value wins over the derived one.
    assert.equal(truth({ StringEquals: { 'aws:PrincipalAccount': ['999999999999'] } }, { 'AWS:PrincipalAccount': '999999999999' }), 'true');
  });
});

describe('IP addresses', () => {
  it('parses IPv4 and IPv6, with and without prefixes', () => {
    assert.ok(parseCidr('10.0.0.0/8'));
    assert.ok(parseCidr('203.0.113.7'));
    assert.ok(parseCidr('2001:db8::/32'));
    assert.ok(parseCidr('::/0'));
    assert.ok(parseAddress('::ffff:192.0.2.1'));
    assert.ok(parseAddress('1:2:3:4:5:6:7:8'));
    for (const bad of ['10.0.0.0/33', '256.0.0.1', '10.0.0', '1::2::3', '1:2:3:4:5:6:7:8:9', '2001:db8::/129', 'x', '10.0.0.0/8/1', '::ffff:1.2.3']) {
      assert.equal(parseCidr(bad), undefined, bad);
    }
  });

  it('contains', () => {
    const within = (cidr: string, ip: string) => cidrContains(parseCidr(cidr)!, parseAddress(ip)!);
    assert.ok(within('10.0.0.0/8', '10.255.255.255'));
    assert.ok(!within('10.0.0.0/8', '11.0.0.0'));
    assert.ok(within('0.0.0.0/0', '192.0.2.1'));
    assert.ok(within('203.0.113.7', '203.0.113.7'));
    assert.ok(!within('203.0.113.7', '203.0.113.8'));
    assert.ok(within('2001:db8::/32', '2001:db8:ffff::1'));
    assert.ok(!within('2001:db8::/32', '2001:db9::1'));
    assert.ok(!within('0.0.0.0/0', '::1'));
    assert.ok(within('::ffff:192.0.2.0/120', '::ffff:192.0.2.200'));
  });
});
