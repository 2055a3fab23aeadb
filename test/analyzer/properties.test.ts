/**
 * Soundness of the access checks against crossgate's evaluator (src/policy), for
 * random small policies and many concrete requests:
 *  - CheckAccessNotGranted PASS ⇒ no request in the checked set is allowed;
 *  - CheckNoNewAccess PASS ⇒ every request the new policy allows, the existing one allows;
 *  - CheckNoPublicAccess PASS ⇒ no caller from an unknown account (or anonymous) gets in.
 * Each property also counts its PASS answers, so that it cannot hold vacuously.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { authorize, evaluatePolicySet, matchesWildcard, parsePolicy, policySetRequest, resourceMatches, wildcardPattern } from '../../src/policy/index.ts';
import type { ContextValue, NamedPolicy, Policy, PrincipalIdentity } from '../../src/policy/index.ts';
import { checkAccessNotGranted, checkNoNewAccess, checkNoPublicAccess } from '../../src/analyzer/index.ts';

const A = '111111111111';
const B = '222222222222';
const API = `arn:aws:execute-api:us-east-1:${A}:a1b2c3d4e5`;
const ROLE = `arn:aws:iam::${A}:role/ApiInvokerRole`;

const ACTION_PATTERNS = ['*', 'execute-api:*', 'execute-api:Invoke', 'EXECUTE-API:invoke', 'execute-api:Inv*', 'sts:AssumeRole', 'iam:Get*', 'iam:PassRole', 's3:*', 's3:Get?bject'];
const RESOURCE_PATTERNS = [
  '*', `${API}/*`, `${API}/$default/*/*`, `${API}/*/DELETE/*`, `${API}/$default/GET/*`, `arn:aws:execute-api:us-east-1:${A}:*`,
  'arn:aws:execute-api:*:*:a1b2c3d4e5/*', 'arn:aws:execute-api:*', `arn:aws:iam::${A}:user/\${aws:username}`, `arn:aws:iam::${A}:role/*`, 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/${*}',
];
const CONDITIONS: (Record<string, Record<string, string | string[]>> | undefined)[] = [
  undefined,
  undefined,
  { StringEquals: { 'aws:PrincipalAccount': A } },
  { Bool: { 'aws:SecureTransport': 'true' } },
  { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
  { StringLike: { 'aws:PrincipalArn': `arn:aws:iam::${B}:*` } },
];
const PRINCIPALS: unknown[] = ['*', { AWS: '*' }, { AWS: A }, { AWS: `arn:aws:iam::${B}:root` }, { AWS: `arn:aws:iam::${B}:user/ci-caller` }, { Service: 'lambda.amazonaws.com' }];

const CALLERS: PrincipalIdentity[] = [
  { arn: `arn:aws:iam::${A}:user/auditor`, accountId: A, type: 'user' },
  { arn: `arn:aws:iam::${B}:user/ci-caller`, accountId: B, type: 'user' },
  { arn: `arn:aws:sts::${A}:assumed-role/ApiInvokerRole/s`, accountId: A, type: 'assumedRole', roleArn: ROLE },
  { arn: 'anonymous', accountId: '', type: 'anonymous' },
];
const CONTEXTS: Record<string, ContextValue>[] = [{ 'aws:SecureTransport': 'true', 'aws:SourceIp': '203.0.113.5' }, { 'aws:SecureTransport': 'false', 'aws:SourceIp': '10.1.2.3' }];

type Doc = { Version: string; Statement: Record<string, unknown>[] };

function statementArb(kind: 'identity' | 'resource'): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      effect: fc.constantFrom('Allow', 'Allow', 'Allow', 'Deny'),
      notAction: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      actions: fc.uniqueArray(fc.constantFrom(...ACTION_PATTERNS), { minLength: 1, maxLength: 2 }),
      notResource: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      resources: fc.uniqueArray(fc.constantFrom(...RESOURCE_PATTERNS), { minLength: 1, maxLength: 2 }),
      condition: fc.constantFrom(...CONDITIONS),
      principal: fc.constantFrom(...PRINCIPALS),
      notPrincipal: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    })
    .map((r) => {
      const s: Record<string, unknown> = { Effect: r.effect };
      s[r.notAction ? 'NotAction' : 'Action'] = r.actions;
      s[r.notResource ? 'NotResource' : 'Resource'] = r.resources;
      // NotPrincipal only with Deny (crossgate's parser refuses Allow with NotPrincipal).
      if (kind === 'resource') s[r.notPrincipal && r.effect === 'Deny' ? 'NotPrincipal' : 'Principal'] = r.principal === '*' && r.notPrincipal && r.effect === 'Deny' ? { AWS: A } : r.principal;
      if (r.condition !== undefined) s['Condition'] = r.condition;
      return s;
    });
}

function docArb(kind: 'identity' | 'resource'): fc.Arbitrary<Doc> {
  return fc.array(statementArb(kind), { minLength: 1, maxLength: 4 }).map((Statement) => ({ Version: '2012-10-17', Statement }));
}

function parsed(doc: Doc, kind: 'identity' | 'resource'): Policy {
  const p = parsePolicy(doc, { kind });
  if (!p.ok) throw new Error(`generated an invalid policy: ${JSON.stringify(p.problems)}`);
  return p.policy;
}

/** Concrete strings in a pattern's neighbourhood: wildcards filled with a few fillers. */
function instances(pattern: string): string[] {
  const fillers = ['', 'x', '$default/DELETE/orders/42', 'a:b', 'Invoke'];
  const out = new Set<string>();
  for (const f of fillers) out.add(pattern.replace(/\$\{\*\}/g, '*').replace(/\*/g, f).replace(/\?/g, f === '' ? 'O' : f.slice(0, 1)));
  out.add(pattern.replace(/\$\{aws:username\}/g, 'auditor'));
  return [...out];
}

const FIXED_ACTIONS = ['execute-api:Invoke', 'execute-api:InvalidateCache', 'sts:AssumeRole', 'iam:GetUser', 'iam:PassRole', 's3:GetObject', 's3:PutObject'];
const FIXED_RESOURCES = [`${API}/$default/GET/orders/42`, `${API}/$default/DELETE/orders/42`, `arn:aws:execute-api:us-east-1:${A}:zzzzzzzzzz/$default/DELETE/orders`, ROLE, `arn:aws:iam::${A}:user/auditor`, 'arn:aws:s3:::b/k', 'arn:aws:s3:::b/*'];

function candidates(patterns: { actions: string[]; resources: string[] }): { actions: string[]; resources: string[] } {
  const actions = new Set(FIXED_ACTIONS);
  const resources = new Set(FIXED_RESOURCES);
  for (const a of patterns.actions) for (const x of instances(a)) if (x.includes(':')) actions.add(x);
  for (const r of patterns.resources) for (const x of instances(r)) resources.add(x);
  return { actions: [...actions], resources: [...resources] };
}

function patternsOf(...docs: Doc[]): { actions: string[]; resources: string[] } {
  const actions: string[] = [];
  const resources: string[] = [];
  for (const d of docs) {
    for (const s of d.Statement) {
      actions.push(...((s['Action'] ?? s['NotAction'] ?? []) as string[]));
      resources.push(...((s['Resource'] ?? s['NotResource'] ?? []) as string[]));
    }
  }
  return { actions, resources };
}

function identityAllows(policy: Policy, caller: PrincipalIdentity, action: string, resource: string, context: Record<string, ContextValue>): boolean {
  const identityPolicies: NamedPolicy[] = [{ name: 'p', kind: 'identity', policy }];
  return authorize({ principal: caller, action, resource, resourceAccount: A, context, identityPolicies }).decision === 'allowed';
}

function layerAllows(policy: Policy, kind: NamedPolicy['kind'], caller: PrincipalIdentity, action: string, resource: string, context: Record<string, ContextValue>): boolean {
  return evaluatePolicySet([{ name: 'p', kind, policy }], policySetRequest({ principal: caller, action, resource, context })).decision === 'allowed';
}

const checkedAccess = fc
  .record({
    actions: fc.uniqueArray(fc.constantFrom('execute-api:Invoke', 'execute-api:*', 'iam:PassRole', 's3:GetObject', 'sts:AssumeRole', 'iam:Get*'), { maxLength: 2 }),
    resources: fc.uniqueArray(fc.constantFrom(`${API}/$default/DELETE/orders/42`, `${API}/*/DELETE/*`, `arn:aws:execute-api:us-east-1:${A}:zzzzzzzzzz/*`, `arn:aws:iam::${A}:user/auditor`, 'arn:aws:s3:::b/k', ROLE), { maxLength: 2 }),
  })
  .filter((a) => a.actions.length + a.resources.length > 0);

function inChecked(access: { actions: string[]; resources: string[] }, action: string, resource: string): boolean {
  const a = access.actions.length === 0 || access.actions.some((p) => matchesWildcard(p, action, { ignoreCase: true }));
  const r = access.resources.length === 0 || access.resources.some((p) => resourceMatches(wildcardPattern(p), resource));
  return a && r;
}

describe('CheckAccessNotGranted is sound', () => {
  for (const kind of ['identity', 'resource'] as const) {
    it(`${kind} policies: a PASS means no request in the checked set is allowed (property)`, () => {
      let passes = 0;
      fc.assert(
        fc.property(docArb(kind), checkedAccess, (doc, access) => {
          const answer = checkAccessNotGranted({ policyDocument: JSON.stringify(doc), policyType: kind === 'identity' ? 'IDENTITY_POLICY' : 'RESOURCE_POLICY', access: [access] });
          assert.ok(answer.ok);
          if (answer.value.result !== 'PASS') return;
          passes++;
          const policy = parsed(doc, kind);
          const c = candidates({ actions: [...access.actions, ...patternsOf(doc).actions], resources: [...access.resources, ...patternsOf(doc).resources] });
          for (const action of c.actions) {
            for (const resource of c.resources) {
              if (!inChecked(access, action, resource)) continue;
              for (const context of CONTEXTS) {
                for (const caller of kind === 'identity' ? [CALLERS[0] as PrincipalIdentity] : CALLERS) {
                  const allowed = kind === 'identity' ? identityAllows(policy, caller, action, resource, context) : layerAllows(policy, 'resource', caller, action, resource, context);
                  assert.ok(!allowed, `PASS, yet ${caller.arn} may ${action} on ${resource} with ${JSON.stringify(context)}\n${JSON.stringify(doc)}\n${JSON.stringify(access)}`);
                }
              }
            }
          }
        }),
        { numRuns: 400 },
      );
      assert.ok(passes >= 20, `only ${passes} PASS answers: the property was hardly exercised`);
    });
  }
});

/** A new policy close to the existing one: some statements dropped, narrowed, conditioned or denied. */
function derived(doc: Doc, kind: 'identity' | 'resource'): fc.Arbitrary<Doc> {
  const narrowAction: Record<string, string> = { '*': 'execute-api:*', 'execute-api:*': 'execute-api:Invoke', 's3:*': 's3:Get?bject', 'iam:Get*': 'iam:GetUser' };
  const narrowResource: Record<string, string> = { '*': `${API}/*`, [`${API}/*`]: `${API}/$default/GET/*`, [`${API}/$default/*/*`]: `${API}/$default/GET/*`, 'arn:aws:execute-api:*': `${API}/*` };
  return fc
    .record({
      keep: fc.array(fc.boolean(), { minLength: doc.Statement.length, maxLength: doc.Statement.length }),
      narrow: fc.array(fc.boolean(), { minLength: doc.Statement.length, maxLength: doc.Statement.length }),
      condition: fc.constantFrom(...CONDITIONS),
      extra: fc.option(statementArb(kind), { freq: 3 }),
    })
    .map(({ keep, narrow, condition, extra }) => {
      const Statement = doc.Statement.filter((_, i) => keep[i] !== false).map((s, i) => {
        if (narrow[i] !== true) return s;
        const t = { ...s };
        if (Array.isArray(t['Action'])) t['Action'] = (t['Action'] as string[]).map((a) => narrowAction[a] ?? a);
        if (Array.isArray(t['Resource'])) t['Resource'] = (t['Resource'] as string[]).map((r) => narrowResource[r] ?? r);
        if (t['Condition'] === undefined && condition !== undefined) t['Condition'] = condition;
        return t;
      });
      if (extra !== null) Statement.push(extra);
      if (Statement.length === 0) Statement.push({ ...(doc.Statement[0] as Record<string, unknown>) });
      return { Version: '2012-10-17', Statement };
    });
}

describe('CheckNoNewAccess is sound', () => {
  for (const kind of ['identity', 'resource'] as const) {
    it(`${kind} policies: a PASS means the new policy allows nothing the existing one does not (property)`, () => {
      let passes = 0;
      const pairs = docArb(kind).chain((existing) => fc.tuple(fc.constant(existing), fc.oneof(derived(existing, kind), docArb(kind))));
      fc.assert(
        fc.property(pairs, ([existingDoc, newDoc]) => {
          const answer = checkNoNewAccess({ existingPolicyDocument: JSON.stringify(existingDoc), newPolicyDocument: JSON.stringify(newDoc), policyType: kind === 'identity' ? 'IDENTITY_POLICY' : 'RESOURCE_POLICY' });
          assert.ok(answer.ok);
          if (answer.value.result !== 'PASS') return;
          passes++;
          const existing = parsed(existingDoc, kind);
          const next = parsed(newDoc, kind);
          const c = candidates(patternsOf(existingDoc, newDoc));
          for (const action of c.actions) {
            for (const resource of c.resources) {
              for (const context of CONTEXTS) {
                for (const caller of kind === 'identity' ? [CALLERS[0] as PrincipalIdentity] : CALLERS) {
                  const allows = (p: Policy) => (kind === 'identity' ? identityAllows(p, caller, action, resource, context) : layerAllows(p, 'resource', caller, action, resource, context));
                  if (allows(next)) assert.ok(allows(existing), `PASS, yet only the new policy lets ${caller.arn} ${action} on ${resource} with ${JSON.stringify(context)}\nexisting ${JSON.stringify(existingDoc)}\nnew ${JSON.stringify(newDoc)}`);
                }
              }
            }
          }
        }),
        { numRuns: 400 },
      );
      assert.ok(passes >= 20, `only ${passes} PASS answers: the property was hardly exercised`);
    });
  }
});

describe('CheckNoNewAccess is not needlessly cautious', () => {
  for (const kind of ['identity', 'resource'] as const) {
    it(`${kind} policies: a policy compared with itself grants no new access (property)`, () => {
      fc.assert(
        fc.property(docArb(kind), (doc) => {
          const text = JSON.stringify(doc);
          const answer = checkNoNewAccess({ existingPolicyDocument: text, newPolicyDocument: text, policyType: kind === 'identity' ? 'IDENTITY_POLICY' : 'RESOURCE_POLICY' });
          assert.ok(answer.ok);
          assert.equal(answer.value.result, 'PASS', JSON.stringify(answer.value.reasons));
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('CheckNoPublicAccess is sound for role trust policies', () => {
  const OUTSIDERS: PrincipalIdentity[] = [
    { arn: 'arn:aws:iam::999999999999:user/mallory', accountId: '999999999999', type: 'user' },
    { arn: 'arn:aws:sts::999999999999:assumed-role/Evil/s', accountId: '999999999999', type: 'assumedRole', roleArn: 'arn:aws:iam::999999999999:role/Evil' },
    { arn: 'anonymous', accountId: '', type: 'anonymous' },
  ];
  // AWS counts a grant pinned to a fixed source network (aws:SourceIp, aws:SourceVpc,
  // aws:SourceVpce) as not public, so outsiders call from networks the policy does not name.
  const OUTSIDER_CONTEXTS: Record<string, ContextValue>[] = [{}, { 'sts:ExternalId': 'shared-secret' }, { 'aws:SourceIp': '198.51.100.5', 'aws:PrincipalOrgID': 'o-evil' }, { 'aws:SecureTransport': 'true' }];
  const TRUST_CONDITIONS: (Record<string, Record<string, string | string[]>> | undefined)[] = [
    undefined,
    undefined,
    { StringEquals: { 'aws:PrincipalAccount': B } },
    { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
    { StringLike: { 'aws:PrincipalArn': `arn:aws:iam::${B}:role/*` } },
    { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/ci-*' } },
    { StringEquals: { 'sts:ExternalId': 'shared-secret' } },
    { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
    { StringEqualsIfExists: { 'aws:PrincipalAccount': B } },
    { StringNotEquals: { 'aws:PrincipalAccount': [A, B] } },
    { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-abc123' } },
  ];
  const trustStatement = fc
    .record({
      effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
      principal: fc.constantFrom<unknown>('*', { AWS: '*' }, { AWS: B }, { AWS: `arn:aws:iam::${B}:root` }, { AWS: `arn:aws:iam::${B}:user/ci-caller` }, { Service: 'ec2.amazonaws.com' }, { AWS: ['*', B] }),
      action: fc.constantFrom('sts:AssumeRole', 'sts:*', '*', ['sts:AssumeRole', 'sts:TagSession']),
      condition: fc.constantFrom(...TRUST_CONDITIONS),
    })
    .map((r) => {
      const s: Record<string, unknown> = { Effect: r.effect, Action: r.action, Principal: r.principal };
      if (r.condition !== undefined) s['Condition'] = r.condition;
      return s;
    });

  it('a PASS means no caller from an unknown account, and no anonymous caller, can assume the role (property)', () => {
    let passes = 0;
    let fails = 0;
    fc.assert(
      fc.property(fc.array(trustStatement, { minLength: 1, maxLength: 3 }), (Statement) => {
        const doc = { Version: '2012-10-17', Statement };
        const answer = checkNoPublicAccess({ policyDocument: JSON.stringify(doc), resourceType: 'AWS::IAM::AssumeRolePolicyDocument' });
        assert.ok(answer.ok);
        if (answer.value.result !== 'PASS') {
          fails++;
          return;
        }
        passes++;
        const p = parsePolicy(doc, { kind: 'trust' });
        assert.ok(p.ok);
        for (const outsider of OUTSIDERS) {
          for (const context of OUTSIDER_CONTEXTS) {
            for (const action of ['sts:AssumeRole', 'sts:TagSession']) {
              assert.ok(!layerAllows(p.policy, 'trust', outsider, action, ROLE, context), `PASS, yet ${outsider.arn} may ${action} with ${JSON.stringify(context)}\n${JSON.stringify(doc)}`);
            }
          }
        }
      }),
      { numRuns: 600 },
    );
    assert.ok(passes >= 20 && fails >= 20, `${passes} PASS and ${fails} FAIL answers: the property was hardly exercised`);
  });
});
