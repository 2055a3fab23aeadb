/**
 * The glob algebra behind the access checks: exact agreement with crossgate's
 * evaluator on what a pattern matches, and intersection / containment answers
 * whose witnesses really are in every set.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { actionMatches, matchesWildcard, resourceMatches, wildcardPattern } from '../../src/policy/index.ts';
import { Budget, actionGlob, complement, contains, intersects, isSubset, resourceGlob, resourceGlobs, single, union } from '../../src/analyzer/index.ts';

const API = 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5';
const budget = () => new Budget(100_000);
const res = (p: string) => single(resourceGlob(p));
const act = (p: string) => single(actionGlob(p));

describe('resource globs match exactly what the evaluator matches', () => {
  const patterns = fc.constantFrom(
    '*', `${API}/*`, `${API}/*/DELETE/*`, `${API}/$default/GET/orders/?`, 'arn:aws:execute-api:*:*:a1b2c3d4e5/*', 'arn:aws:execute-api:us-east-?:*:*',
    'arn:aws:execute-api:*', 'arn:aws:*:us-east-1:111111111111:*', 'arn:aws:iam::111111111111:role/*', 'arn:aws:s3:::b*', 'arn:*:s3:::b/*', 'arn:aws:iam::*:root',
  );
  const pieces = fc.constantFrom('arn', ':', 'aws', 'execute-api', 'us-east-1', 'us-east-2', '111111111111', 'a1b2c3d4e5', '/', '$default', 'GET', 'DELETE', 'orders', '4', 'x:y', 'iam', 'role', 's3', 'b', '*', '');
  const resources = fc.oneof(
    fc.array(pieces, { maxLength: 14 }).map((p) => p.join('')),
    fc.constantFrom(`${API}/$default/DELETE/orders/42`, `${API}/a:b/DELETE/x`, 'arn:aws:execute-api:us-east-1:111111111111:zz/$default/GET/orders/4', 'arn:aws:iam::111111111111:role/R', 'arn:aws:s3:::bucket'),
  );

  it('for random patterns and resources (property)', () => {
    fc.assert(
      fc.property(patterns, resources, (p, r) => {
        assert.equal(contains(res(p), r), resourceMatches(wildcardPattern(p), r), `${p} vs ${r}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('actions match case-insensitively, as actionMatches does (property)', () => {
    const ap = fc.constantFrom('*', 'execute-api:*', 'EXECUTE-API:invoke', 'execute-api:In*', 's3:Get?bject', 'iam:*Role', 'sts:AssumeRole');
    const av = fc.constantFrom('execute-api:Invoke', 'execute-api:invoke', 's3:GetObject', 's3:GetXbject', 'iam:PassRole', 'iam:GetRole', 'sts:assumerole', 'sts:AssumeRoleWithSAML');
    fc.assert(fc.property(ap, av, (p, a) => assert.equal(contains(act(p), a.toLowerCase()), actionMatches(p, a), `${p} vs ${a}`)));
  });
});

describe('intersection', () => {
  it('finds a resource both patterns name, with a witness in both', () => {
    const o = intersects([res(`${API}/*/DELETE/*`), res('arn:aws:execute-api:us-east-1:111111111111:*/$default/*')], budget());
    assert.equal(o.answer, 'yes');
    assert.ok(resourceMatches(wildcardPattern(`${API}/*/DELETE/*`), o.witness!));
    assert.ok(resourceMatches(wildcardPattern('arn:aws:execute-api:us-east-1:111111111111:*/$default/*'), o.witness!));
  });

  it('knows another API id, method or account never meets', () => {
    assert.equal(intersects([res(`${API}/*/DELETE/*`), res('arn:aws:execute-api:us-east-1:111111111111:zzzzzzzzzz/$default/DELETE/orders/42')], budget()).answer, 'no');
    assert.equal(intersects([res(`${API}/$default/DELETE/*`), res(`${API}/$default/GET/*`)], budget()).answer, 'no');
    // '*' spans '/': …/*/DELETE/* also names …/$default/GET/x/DELETE/y.
    assert.equal(intersects([res(`${API}/*/DELETE/*`), res(`${API}/$default/GET/*`)], budget()).answer, 'yes');
    assert.equal(intersects([res(`${API}/*`), res('arn:aws:execute-api:us-east-1:222222222222:*')], budget()).answer, 'no');
  });

  it('a wildcard in the account field never spans a colon', () => {
    // 'arn:aws:s3:::*' names the whole resource part, but '*' in the Region field cannot swallow ':111…'.
    assert.equal(intersects([res('arn:aws:iam::*:role/R'), res('arn:aws:iam::111111111111:role/R')], budget()).answer, 'yes');
    assert.equal(contains(res('arn:aws:iam:*:role/R'), 'arn:aws:iam::111111111111:role/R'), resourceMatches(wildcardPattern('arn:aws:iam:*:role/R'), 'arn:aws:iam::111111111111:role/R'));
  });

  it('complements: NotAction excludes what it lists', () => {
    const notInvoke = complement(union([actionGlob('execute-api:Invoke')]));
    assert.equal(intersects([notInvoke, act('execute-api:*')], budget()).answer, 'yes');
    assert.equal(intersects([notInvoke, act('execute-api:invoke')], budget()).answer, 'no');
  });

  it('witnesses are members of every set (property)', () => {
    const globText = fc.array(fc.constantFrom('a', 'b', ':', '/', '*', '?'), { minLength: 1, maxLength: 7 }).map((x) => x.join(''));
    fc.assert(
      fc.property(fc.array(globText, { minLength: 1, maxLength: 3 }), fc.array(globText, { maxLength: 2 }), (pos, neg) => {
        const sets = [...pos.map((p) => single(actionGlob(p))), ...neg.map((n) => complement(single(actionGlob(n))))];
        const o = intersects(sets, budget());
        if (o.answer !== 'yes') return;
        for (const p of pos) assert.ok(matchesWildcard(p, o.witness!), `${o.witness} in ${p}`);
        for (const n of neg) assert.ok(!matchesWildcard(n, o.witness!), `${o.witness} not in ${n}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('a "no" is right: no short string is in every set (property, brute force)', () => {
    const globText = fc.array(fc.constantFrom('a', 'b', '*', '?'), { minLength: 1, maxLength: 5 }).map((x) => x.join(''));
    const strings: string[] = [''];
    for (let len = 1; len <= 5; len++) for (let i = 0; i < 2 ** len; i++) strings.push(i.toString(2).padStart(len, '0').replace(/0/g, 'a').replace(/1/g, 'b'));
    fc.assert(
      fc.property(globText, globText, globText, (p, q, n) => {
        const o = intersects([single(actionGlob(p)), single(actionGlob(q)), complement(single(actionGlob(n)))], budget());
        if (o.answer !== 'no') return;
        for (const s of strings) assert.ok(!(matchesWildcard(p, s) && matchesWildcard(q, s) && !matchesWildcard(n, s)), `${s} is in ${p} ∩ ${q} \\ ${n}`);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('containment', () => {
  it('one pattern inside another, and inside a union', () => {
    assert.equal(isSubset([res(`${API}/$default/DELETE/*`)], [res(`${API}/*/DELETE/*`)], budget()), 'yes');
    assert.equal(isSubset([res(`${API}/*/DELETE/*`)], [res(`${API}/$default/DELETE/*`)], budget()), 'no');
    assert.equal(isSubset([act('s3:Get*')], [act('s3:GetO*'), act('s3:Get*')], budget()), 'yes');
    assert.equal(isSubset([act('s3:*')], [act('s3:Get*'), act('s3:Put*')], budget()), 'no');
    assert.equal(isSubset([act('iam:GetCredentialReport')], [act('iam:Get*')], budget()), 'yes');
    assert.equal(isSubset([act('iam:*CredentialReport')], [act('iam:Get*')], budget()), 'no');
  });

  it('field-wise ARN semantics: arn:aws:iam::*:role/* does not contain a role in a shortened pattern', () => {
    assert.equal(isSubset([res('arn:aws:iam::111111111111:role/*')], [res('arn:aws:iam::*:role/*')], budget()), 'yes');
    assert.equal(isSubset([res('arn:aws:iam::*')], [res('arn:aws:iam::*:role/*')], budget()), 'no');
  });

  it('policy variables: over- and under-approximations', () => {
    const g = resourceGlobs('arn:aws:iam::111111111111:user/${aws:username}', true);
    assert.equal(g.variable, true);
    assert.equal(g.under, undefined);
    assert.ok(contains(single(g.over!), 'arn:aws:iam::111111111111:user/anyone'));
    const escaped = resourceGlobs('arn:aws:s3:::b/${*}', true);
    assert.equal(escaped.variable, false);
    assert.ok(contains(single(escaped.under!), 'arn:aws:s3:::b/*'));
    assert.ok(!contains(single(escaped.under!), 'arn:aws:s3:::b/x'));
  });

  it('an exhausted budget answers unknown, never yes or no', () => {
    const tiny = new Budget(1);
    const answer = isSubset([act('a*b*c*d*e*')], [act('*x*'), act('*z*')], tiny);
    assert.equal(answer, 'unknown');
  });
});
