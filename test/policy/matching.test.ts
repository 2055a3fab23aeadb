import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionMatches, matchesWildcard, resourceMatches, substituteVariables, wildcardPattern } from '../../src/policy/index.ts';
import { matchPattern, patternText } from '../../src/policy/pattern.ts';

describe('wildcards', () => {
  it('* matches any run, ? one character, across / and :', () => {
    assert.ok(matchesWildcard('a*', 'a'));
    assert.ok(matchesWildcard('a*z', 'a/b:c/z'));
    assert.ok(matchesWildcard('a?c', 'a/c'));
    assert.ok(!matchesWildcard('a?c', 'ac'));
    assert.ok(matchesWildcard('*', ''));
    assert.ok(matchesWildcard('**?**', 'x'));
    assert.ok(!matchesWildcard('', 'x'));
    assert.ok(matchesWildcard('a*b*c', 'aXbYbZc'));
    assert.ok(!matchesWildcard('a*b*c', 'aXbYbZ'));
  });

  it('is case-sensitive unless asked', () => {
    assert.ok(!matchesWildcard('GET/*', 'get/x'));
    assert.ok(matchesWildcard('GET/*', 'get/x', { ignoreCase: true }));
  });

  it('handles characters outside the BMP as one character', () => {
    assert.ok(matchesWildcard('a?b', 'a😀b'));
  });

  it('stays fast on patterns that make regular expressions backtrack', () => {
    const start = process.hrtime.bigint();
    assert.ok(!matchesWildcard(`${'*a'.repeat(40)}b`, 'a'.repeat(5000)));
    assert.ok(Number(process.hrtime.bigint() - start) / 1e6 < 2000);
  });

  it('actions: case-insensitive, * alone matches all', () => {
    assert.ok(actionMatches('*', 'execute-api:Invoke'));
    assert.ok(actionMatches('Execute-API:invoke', 'execute-api:Invoke'));
    assert.ok(actionMatches('execute-api:*', 'execute-api:ManageConnections'));
    assert.ok(!actionMatches('execute-api:*', 'sts:AssumeRole'));
    assert.ok(!actionMatches('execute', 'execute-api:Invoke'));
  });
});

describe('resourceMatches', () => {
  const arn = 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET/orders/42';
  const m = (pattern: string, resource = arn) => resourceMatches(wildcardPattern(pattern), resource);

  it('matches ARNs part by part, the resource part across / and :', () => {
    assert.ok(m('*'));
    assert.ok(m('arn:aws:execute-api:*:*:a1b2c3d4e5/*'));
    assert.ok(m('arn:aws:execute-api:us-east-?:111111111111:a1b2c3d4e5/*/GET/*'));
    assert.ok(m('arn:aws:execute-api:us-east-1:111111111111:*', 'arn:aws:execute-api:us-east-1:111111111111:a:b/c'));
    assert.ok(!m('arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/GET/orders'));
  });

  it('keeps a wildcard in the account part inside that part', () => {
    const odd = 'arn:aws:execute-api:us-east-1:111111111111:zz:a1b2c3d4e5/x';
    assert.ok(!m('arn:aws:execute-api:us-east-1:1*:a1b2c3d4e5/*', odd));
    assert.ok(m('arn:aws:execute-api:us-east-1:1*:zz:a1b2c3d4e5/*', odd));
  });

  it('matches shortened patterns as one string', () => {
    assert.ok(m('arn:aws:execute-api:*'));
    assert.ok(!m('arn:aws:iam::*'));
  });
});

describe('policy variables', () => {
  const ctx: Record<string, string> = { 'aws:username': 'ci-caller', 'aws:star': 'a*b' };
  const lookup = (k: string) => ctx[k.toLowerCase()];
  const sub = (text: string, wildcards = true) => substituteVariables(text, lookup, { wildcards, variables: true });

  it('substitutes known keys, literally', () => {
    const r = sub('user/${aws:username}/*');
    assert.ok(r.ok);
    assert.equal(patternText(r.pattern), 'user/ci-caller/*');
    const star = sub('${aws:star}');
    assert.ok(star.ok && matchPattern(star.pattern, 'a*b') && !matchPattern(star.pattern, 'aXb'));
  });

  it('uses defaults and reports missing keys', () => {
    const d = sub("${aws:PrincipalTag/team, 'none'}");
    assert.ok(d.ok && matchPattern(d.pattern, 'none'));
    const spaced = sub("${ aws:PrincipalTag/team ,  'a, b' }");
    assert.ok(spaced.ok && matchPattern(spaced.pattern, 'a, b'));
    assert.deepEqual(sub('${aws:PrincipalTag/team}'), { ok: false, missing: 'aws:PrincipalTag/team' });
  });

  it('has escapes for *, ? and $', () => {
    const r = sub('${*}${?}${$}*');
    assert.ok(r.ok);
    assert.ok(matchPattern(r.pattern, '*?$anything'));
    assert.ok(!matchPattern(r.pattern, 'x?$'));
  });

  it('leaves text alone without variables, or when variables are off', () => {
    const r = substituteVariables('${aws:username}', lookup, { wildcards: true, variables: false });
    assert.ok(r.ok && matchPattern(r.pattern, '${aws:username}'));
    const unclosed = sub('a${b');
    assert.ok(unclosed.ok && matchPattern(unclosed.pattern, 'a${b'));
  });
});
