import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { authorize, compileGlob, matchesWildcard, wildcardPattern } from '../../src/policy/index.ts';
import type { AuthorizationRequest, ConditionBlock, NamedPolicy, PrincipalBlock, PrincipalIdentity, Statement } from '../../src/policy/index.ts';

const A = '111111111111';
const B = '222222222222';
const API = `arn:aws:execute-api:us-east-1:${A}:a1b2c3d4e5`;

const principals: PrincipalIdentity[] = [
  { arn: `arn:aws:iam::${B}:user/ci-caller`, accountId: B, type: 'user' },
  { arn: `arn:aws:iam::${A}:user/auditor`, accountId: A, type: 'user' },
  { arn: `arn:aws:sts::${A}:assumed-role/ApiInvokerRole/s`, accountId: A, type: 'assumedRole', roleArn: `arn:aws:iam::${A}:role/ApiInvokerRole` },
  { arn: `arn:aws:iam::${A}:root`, accountId: A, type: 'root' },
  { arn: 'anonymous', accountId: '', type: 'anonymous' },
];
const actions = ['execute-api:Invoke', 'sts:AssumeRole', 'iam:GetUser'];
const resources = [`${API}/$default/GET/orders/42`, `${API}/$default/DELETE/orders/42`, `arn:aws:iam::${A}:role/ApiInvokerRole`, `arn:aws:iam::${A}:user/auditor`];

const actionPatterns = fc.constantFrom('*', 'execute-api:*', 'execute-api:Invoke', 'sts:AssumeRole', 'iam:Get*', 'EXECUTE-API:invoke', 's3:*');
const resourcePatterns = fc.constantFrom('*', `${API}/*`, `${API}/$default/GET/*`, `${API}/*/DELETE/*`, `arn:aws:iam::${A}:role/*`, `arn:aws:iam::${A}:user/\${aws:username}`, 'arn:aws:s3:::b/*');
const principalBlocks: fc.Arbitrary<PrincipalBlock> = fc.constantFrom<PrincipalBlock>(
  { wildcard: true },
  { AWS: ['*'] },
  { AWS: [A] },
  { AWS: [`arn:aws:iam::${B}:root`] },
  { AWS: [`arn:aws:iam::${B}:user/ci-caller`] },
  { AWS: [`arn:aws:iam::${A}:role/ApiInvokerRole`] },
  { Service: ['lambda.amazonaws.com'] },
);
const conditions: fc.Arbitrary<ConditionBlock | undefined> = fc.constantFrom<ConditionBlock | undefined>(
  undefined,
  { StringEquals: { 'aws:PrincipalAccount': [A] } },
  { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } },
  { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } },
  { BoolIfExists: { 'aws:SecureTransport': ['false'] } },
  { StringEqualz: { 'aws:PrincipalAccount': [A] } },
  { NumericLessThan: { 'aws:MultiFactorAuthAge': ['soon'] } },
  { 'ForAnyValue:StringLike': { 'aws:TagKeys': ['t*'] } },
);

function statementArb(withPrincipal: boolean): fc.Arbitrary<Omit<Statement, 'index'>> {
  return fc
    .record({
      effect: fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Deny'),
      notAction: fc.boolean(),
      actions: fc.array(actionPatterns, { minLength: 1, maxLength: 2 }),
      notResource: fc.boolean(),
      resources: fc.array(resourcePatterns, { minLength: 1, maxLength: 2 }),
      principal: principalBlocks,
      notPrincipal: fc.boolean(),
      condition: conditions,
    })
    .map((r) => {
      const s: Omit<Statement, 'index'> = { effect: r.effect };
      if (r.notAction) s.notAction = r.actions;
      else s.action = r.actions;
      if (r.notResource) s.notResource = r.resources;
      else s.resource = r.resources;
      if (withPrincipal) {
        if (r.notPrincipal) s.notPrincipal = r.principal;
        else s.principal = r.principal;
      }
      if (r.condition !== undefined) s.condition = r.condition;
      return s;
    });
}

function policyArb(kind: NamedPolicy['kind'], name: string): fc.Arbitrary<NamedPolicy> {
  return fc.array(statementArb(kind === 'resource' || kind === 'trust'), { maxLength: 4 }).map((statements) => ({
    name,
    kind,
    policy: { version: '2012-10-17', statements: statements.map((s, index) => ({ ...s, index })) },
  }));
}

const requestArb: fc.Arbitrary<AuthorizationRequest> = fc
  .record({
    principal: fc.constantFrom(...principals),
    action: fc.constantFrom(...actions),
    resource: fc.constantFrom(...resources),
    context: fc.constantFrom<Record<string, string | string[]>>({}, { 'aws:SourceIp': '10.1.2.3' }, { 'aws:SourceIp': '192.0.2.1', 'aws:SecureTransport': 'true' }, { 'aws:TagKeys': ['team'] }),
    identityPolicies: fc.array(policyArb('identity', 'id'), { maxLength: 3 }).map((ps) => ps.map((p, i) => ({ ...p, name: `identity-${i}` }))),
    resourcePolicy: fc.option(fc.oneof(policyArb('resource', 'resource-policy'), policyArb('trust', 'trust-policy')), { nil: undefined }),
    resourcePolicyRequired: fc.boolean(),
  })
  .map((r) => {
    const req: AuthorizationRequest = { ...r, resourceAccount: A };
    if (r.resourcePolicy === undefined) delete req.resourcePolicy;
    return req;
  });

/** Appends a statement to one of the request's policies (or a new identity policy). */
function withStatement(req: AuthorizationRequest, statement: Omit<Statement, 'index'>, target: 'identity' | 'resource' | 'newIdentity'): AuthorizationRequest {
  const append = (p: NamedPolicy): NamedPolicy => ({
    ...p,
    policy: { ...p.policy, statements: [...p.policy.statements, { ...statement, index: p.policy.statements.length }] },
  });
  const fresh: NamedPolicy = { name: 'added', kind: 'identity', policy: { version: '2012-10-17', statements: [{ ...statement, index: 0 }] } };
  if (target === 'resource' && req.resourcePolicy !== undefined) return { ...req, resourcePolicy: append(req.resourcePolicy) };
  const [first, ...rest] = req.identityPolicies;
  if (target === 'identity' && first !== undefined) return { ...req, identityPolicies: [append(first), ...rest] };
  return { ...req, identityPolicies: [...req.identityPolicies, fresh] };
}

describe('evaluation invariants (fast-check)', () => {
  it('an explicit Deny that matches the request always denies, whatever else is attached', () => {
    fc.assert(
      fc.property(requestArb, fc.boolean(), fc.boolean(), (req, exact, inResource) => {
        const deny: Omit<Statement, 'index'> = {
          effect: 'Deny',
          action: [exact ? req.action : '*'],
          resource: [exact ? req.resource : '*'],
          principal: { wildcard: true },
        };
        // Anonymous callers have no identity policies, so their Deny must live in the resource policy.
        const target = inResource || req.principal.type === 'anonymous' ? 'resource' : 'identity';
        const base: AuthorizationRequest =
          target === 'resource' && req.resourcePolicy === undefined
            ? { ...req, resourcePolicy: { name: 'r', kind: 'resource', policy: { version: '2012-10-17', statements: [] } } }
            : req;
        const result = authorize(withStatement(base, deny, target));
        assert.equal(result.decision, 'explicitDeny', result.explanation);
      }),
      { numRuns: 500 },
    );
  });

  it('adding an Allow statement never turns allowed into denied', () => {
    fc.assert(
      fc.property(requestArb, statementArb(true), fc.constantFrom<'identity' | 'resource' | 'newIdentity'>('identity', 'resource', 'newIdentity'), (req, statement, target) => {
        const before = authorize(req);
        fc.pre(before.decision === 'allowed');
        const allow = { ...statement, effect: 'Allow' as const };
        if (target !== 'resource') {
          delete allow.principal;
          delete allow.notPrincipal;
        }
        const after = authorize(withStatement(req, allow, target));
        assert.equal(after.decision, 'allowed', after.explanation);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws and always explains', () => {
    fc.assert(
      fc.property(requestArb, (req) => {
        const r = authorize(req);
        assert.ok(r.explanation.length > 0);
        assert.equal(r.layers.identity === 'explicitDeny' || r.layers.resource === 'explicitDeny', r.decision === 'explicitDeny');
      }),
      { numRuns: 300 },
    );
  });

  it('a pattern without wildcards matches exactly the equal string', () => {
    const literal = fc.string({ unit: fc.constantFrom('a', 'B', '/', ':', '$', '{', '}', 'é', '-', '1') });
    fc.assert(
      fc.property(literal, literal, fc.boolean(), (p, v, same) => {
        const value = same ? p : v;
        assert.equal(matchesWildcard(p, value), p === value);
        assert.equal(matchesWildcard(p, value, { ignoreCase: true }), p.toLowerCase() === value.toLowerCase());
      }),
      { numRuns: 1000 },
    );
  });

  it('"*" matches every string and "?"×n every string of length n', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        assert.ok(matchesWildcard('*', s));
        assert.ok(matchesWildcard('?'.repeat([...s].length), s));
        assert.ok(matchesWildcard(`*${s.replace(/[*?]/g, '')}`, s.replace(/[*?]/g, '')));
      }),
    );
  });

  /* ---- every layer: boundaries, session policies, SCPs ---- */

  /** Allows everything: what most boundaries, session policies and SCP levels look like from afar. */
  const allowAll = (kind: NamedPolicy['kind'], name: string): NamedPolicy => ({
    name,
    kind,
    policy: { version: '2012-10-17', statements: [{ index: 0, effect: 'Allow', action: ['*'], resource: ['*'], ...(kind === 'resource' ? { principal: { wildcard: true } } : {}) }] },
  });
  const guardrail = (kind: NamedPolicy['kind'], name: string) => fc.oneof({ weight: 3, arbitrary: fc.constant(allowAll(kind, name)) }, { weight: 2, arbitrary: policyArb(kind, name) });

  const layeredArb: fc.Arbitrary<AuthorizationRequest> = fc
    .record({
      base: requestArb,
      boundary: fc.option(guardrail('boundary', 'boundary'), { nil: undefined }),
      sessions: fc.option(fc.array(guardrail('session', 'session'), { minLength: 1, maxLength: 2 }), { nil: undefined }),
      scps: fc.option(fc.array(fc.array(guardrail('scp', 'scp'), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }), { nil: undefined }),
      identityAll: fc.boolean(),
    })
    .map(({ base, boundary, sessions, scps, identityAll }) => {
      const req: AuthorizationRequest = { ...base };
      if (identityAll) req.identityPolicies = [...req.identityPolicies, allowAll('identity', 'all')];
      if (boundary !== undefined) req.permissionsBoundary = boundary;
      if (sessions !== undefined) req.sessionPolicies = sessions;
      if (scps !== undefined) req.scps = scps;
      return req;
    });

  const layers = ['identity', 'resource', 'boundary', 'session', 'scp'] as const;

  /** Appends a statement to one layer's first policy (creating it when the layer is absent). */
  function withLayerStatement(req: AuthorizationRequest, statement: Omit<Statement, 'index'>, layer: (typeof layers)[number]): AuthorizationRequest {
    const add = (p: NamedPolicy | undefined, kind: NamedPolicy['kind'], name: string): NamedPolicy => {
      const base = p ?? { name, kind, policy: { version: '2012-10-17', statements: [] } };
      const s = { ...statement, index: base.policy.statements.length };
      if (kind !== 'resource' && kind !== 'trust') {
        delete s.principal;
        delete s.notPrincipal;
      }
      return { ...base, policy: { ...base.policy, statements: [...base.policy.statements, s] } };
    };
    switch (layer) {
      case 'identity':
        return { ...req, identityPolicies: [add(req.identityPolicies[0], 'identity', 'added'), ...req.identityPolicies.slice(1)] };
      case 'resource':
        return { ...req, resourcePolicy: add(req.resourcePolicy, 'resource', 'added-resource') };
      case 'boundary':
        return { ...req, permissionsBoundary: add(req.permissionsBoundary, 'boundary', 'added-boundary') };
      case 'session':
        return { ...req, sessionPolicies: [add(req.sessionPolicies?.[0], 'session', 'added-session'), ...(req.sessionPolicies ?? []).slice(1)] };
      case 'scp': {
        const levels = req.scps ?? [[]];
        return { ...req, scps: levels.map((level, i) => (i === 0 ? [add(level[0], 'scp', 'added-scp'), ...level.slice(1)] : level)) };
      }
    }
  }

  it('an explicit Deny in any layer never yields allowed', () => {
    fc.assert(
      fc.property(layeredArb, fc.constantFrom(...layers), fc.boolean(), (req, layer, exact) => {
        // Anonymous callers have only the resource layer.
        const target = req.principal.type === 'anonymous' ? 'resource' : layer;
        const deny: Omit<Statement, 'index'> = { effect: 'Deny', action: [exact ? req.action : '*'], resource: [exact ? req.resource : '*'], principal: { wildcard: true } };
        const result = authorize(withLayerStatement(req, deny, target));
        assert.notEqual(result.decision, 'allowed', result.explanation);
        assert.equal(result.decision, 'explicitDeny', result.explanation);
      }),
      { numRuns: 500 },
    );
  });

  it('adding an Allow to any layer never turns allowed into a deny', () => {
    const present = (req: AuthorizationRequest, layer: (typeof layers)[number]): boolean =>
      layer === 'boundary' ? req.permissionsBoundary !== undefined : layer === 'session' ? req.sessionPolicies !== undefined : layer === 'scp' ? req.scps !== undefined : true;
    fc.assert(
      fc.property(layeredArb, statementArb(true), fc.constantFrom(...layers), (req, statement, layer) => {
        const before = authorize(req);
        // A boundary, session policy or SCP that was not there is a new limit, not an added Allow.
        fc.pre(before.decision === 'allowed' && present(req, layer));
        const after = authorize(withLayerStatement(req, { ...statement, effect: 'Allow' }, layer));
        assert.equal(after.decision, 'allowed', after.explanation);
      }),
      { numRuns: 500 },
    );
  });

  it('cross-account needs both sides: an allowed cross-account request has an identity Allow and a resource-policy Allow, and loses access without either', () => {
    const caller = principals[0] as PrincipalIdentity;
    assert.notEqual(caller.accountId, A);
    let allowed = 0;
    fc.assert(
      fc.property(layeredArb, fc.boolean(), (generated, openResource) => {
        const req: AuthorizationRequest = { ...generated, principal: caller, resourcePolicyRequired: false };
        if (openResource) req.resourcePolicy = allowAll('resource', 'open');
        const result = authorize(req);
        if (result.decision !== 'allowed') return;
        allowed++;
        assert.equal(result.layers.identity, 'allowed');
        assert.equal(result.layers.resource, 'allowed');
        assert.deepEqual(result.decidedBy, ['identity', 'resource']);
        const { resourcePolicy: _dropped, ...withoutResource } = req;
        assert.notEqual(authorize(withoutResource).decision, 'allowed');
        assert.notEqual(authorize({ ...req, identityPolicies: [] }).decision, 'allowed');
      }),
      { numRuns: 3000 },
    );
    assert.ok(allowed > 20, `only ${allowed} cross-account requests were allowed: the property was hardly exercised`);
  });

  it('within the boundary, the session policies and every SCP level, or not allowed', () => {
    fc.assert(
      fc.property(layeredArb, (req) => {
        const r = authorize(req);
        if (r.decision !== 'allowed' || req.principal.type === 'anonymous') return;
        if (req.scps !== undefined && req.scps.length > 0) assert.equal(r.layers.scp, 'allowed');
        // Same-account resource-policy grants naming the caller escape boundaries and session policies (AWS documents it); identity grants never do.
        if (!r.decidedBy.includes('resource') || r.decidedBy.includes('identity')) {
          if (req.permissionsBoundary !== undefined) assert.equal(r.layers.boundary, 'allowed');
          if (req.sessionPolicies !== undefined && req.sessionPolicies.length > 0) assert.equal(r.layers.session, 'allowed');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('the compiled glob matcher agrees with a regular-expression reading of the pattern', () => {
    const unit = fc.constantFrom('a', 'b', '/', ':', '*', '?', 'A');
    const escape = (c: string) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&'));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 8 }), fc.string({ unit: fc.constantFrom('a', 'b', '/', ':', 'A'), maxLength: 10 }), fc.nat(3), (p, v, from) => {
        const re = new RegExp(`^${[...p].map(escape).join('')}$`, 's');
        assert.equal(compileGlob(wildcardPattern(p))(v), re.test(v), `${p} vs ${v}`);
        assert.equal(compileGlob(wildcardPattern(p), { ignoreCase: true })(v), new RegExp(re.source, 'is').test(v), `${p} vs ${v} ignoring case`);
        const start = Math.min(from, v.length);
        assert.equal(compileGlob(wildcardPattern(p))(v, start), re.test(v.slice(start)), `${p} vs ${v} from ${start}`);
      }),
      { numRuns: 3000 },
    );
  });
});
