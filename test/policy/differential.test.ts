/**
 * Differential test: crossgate's evaluator against @cloud-copilot/iam-simulate, a
 * dev-time oracle only (AGPL; never imported from src/).
 *
 * 1. Every case file the oracle can express.
 * 2. Scenarios fast-check generates over the features both support: identity and
 *    resource policies, permissions boundaries, session policies and SCPs; Action /
 *    NotAction and Resource / NotResource with wildcards; Principal forms; every
 *    condition operator family with IfExists, negated and set forms; policy
 *    variables; same- and cross-account callers; contexts with typed values.
 *
 * Any disagreement fails, unless test/policy/known-differences.json lists it (by case
 * file, or by features a generated scenario shows) with the AWS documentation that
 * says which side is right.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { authorize, buildRequestContext, parsePolicy } from '../../src/policy/index.ts';
import type { AuthorizationRequest, EvalDecision, NamedPolicy, PrincipalIdentity } from '../../src/policy/index.ts';
import { loadCases, toRequest, type CasePolicy, type PolicyCase } from './caseFile.ts';
import { requireTool } from '../support/tools.ts';

type Oracle = typeof import('@cloud-copilot/iam-simulate');
const oracle: Oracle | undefined = await import('@cloud-copilot/iam-simulate').catch(() => undefined);

interface KnownDifference {
  id: string;
  features: string[];
  cases: string[];
  crossgate: string;
  oracle: string;
  right: string;
  doc: { url: string; quote: string };
}
const KNOWN: KnownDifference[] = (JSON.parse(readFileSync(join(import.meta.dirname, 'known-differences.json'), 'utf8')) as { differences: KnownDifference[] }).differences;

/* ---------------- talking to the oracle ---------------- */

type Doc = { Version?: string; Statement: Record<string, unknown>[] | Record<string, unknown> };
const DECISION: Record<string, EvalDecision> = { Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny' };

interface Scenario {
  principal: PrincipalIdentity;
  action: string;
  resource: string;
  resourceAccount: string;
  context: Record<string, string | string[]>;
  identity: Doc[];
  resourcePolicy?: Doc;
  boundary?: Doc;
  session?: Doc[];
  scps?: Doc[][];
  rcps?: Doc[][];
  resourcePolicyRequired?: boolean;
  principalContext?: boolean;
}

function statements(d: Doc): Record<string, unknown>[] {
  return Array.isArray(d.Statement) ? d.Statement : [d.Statement];
}

/** The oracle's decision, or why it could not decide. */
async function oracleDecision(o: Oracle, s: Scenario): Promise<{ decision?: EvalDecision; error?: string; ignored: string[] }> {
  // The oracle derives no keys from the principal: give it the context crossgate sees.
  const contextVariables = Object.fromEntries(buildRequestContext(s.principal, s.context, s.principalContext !== false)) as Record<string, string | string[]>;
  const simulation: Parameters<Oracle['runSimulation']>[0] = {
    request: { principal: s.principal.arn, action: s.action, resource: { resource: s.resource, accountId: s.resourceAccount }, contextVariables },
    identityPolicies: s.identity.map((policy, i) => ({ name: `identity-${i}`, policy })),
    serviceControlPolicies: (s.scps ?? []).map((level, i) => ({ orgIdentifier: `ou-${i}`, policies: level.map((policy, j) => ({ name: `scp-${i}-${j}`, policy })) })),
    // The oracle attaches RCPFullAWSAccess itself and, as AWS does, takes only Deny statements in the RCPs it is given.
    resourceControlPolicies: (s.rcps ?? []).map((level, i) => ({
      orgIdentifier: `ou-${i}`,
      policies: level.filter((policy) => statements(policy).some((st) => st.Effect === 'Deny')).map((policy, j) => ({ name: `rcp-${i}-${j}`, policy })),
    })),
  };
  if (s.resourcePolicy !== undefined) simulation.resourcePolicy = s.resourcePolicy;
  if (s.boundary !== undefined) simulation.permissionBoundaryPolicies = [{ name: 'boundary', policy: s.boundary }];
  // The oracle takes one session policy: the session policies' statements together mean the same.
  if (s.session !== undefined && s.session.length > 0) simulation.sessionPolicy = { Version: '2012-10-17', Statement: s.session.flatMap(statements) };
  const result = await o.runSimulation(simulation, {});
  if (result.resultType === 'error') return { error: JSON.stringify(result.errors), ignored: [] };
  const ignored = result.resultType === 'single' ? (result.result.ignoredContextKeys ?? []) : [];
  return { decision: DECISION[result.overallResult], ignored };
}

function named(d: Doc, kind: NamedPolicy['kind'], name: string): NamedPolicy {
  const parsed = parsePolicy(d, { kind });
  assert.ok(parsed.ok, `${name}: ${JSON.stringify(parsed)}`);
  return { name, kind, policy: parsed.policy };
}

function crossgateDecision(s: Scenario): EvalDecision {
  const req: AuthorizationRequest = {
    principal: s.principal,
    action: s.action,
    resource: s.resource,
    resourceAccount: s.resourceAccount,
    context: s.context,
    identityPolicies: s.identity.map((d, i) => named(d, 'identity', `identity-${i}`)),
  };
  if (s.resourcePolicy !== undefined) req.resourcePolicy = named(s.resourcePolicy, s.resourcePolicyRequired ? 'trust' : 'resource', 'resource');
  if (s.resourcePolicyRequired) req.resourcePolicyRequired = true;
  if (s.boundary !== undefined) req.permissionsBoundary = named(s.boundary, 'boundary', 'boundary');
  if (s.session !== undefined) req.sessionPolicies = s.session.map((d, i) => named(d, 'session', `session-${i}`));
  if (s.scps !== undefined) req.scps = s.scps.map((level, i) => level.map((d, j) => named(d, 'scp', `scp-${i}-${j}`)));
  if (s.rcps !== undefined) req.rcps = s.rcps.map((level, i) => level.map((d, j) => named(d, 'rcp', `rcp-${i}-${j}`)));
  if (s.principalContext === false) req.principalContext = false;
  return authorize(req).decision;
}

/* ---------------- features a scenario shows (for known differences) ---------------- */

const A = '111111111111';
const B = '222222222222';

function texts(v: unknown): string[] {
  return v === undefined ? [] : typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function chain(p: PrincipalIdentity): string[][] {
  const account = [p.accountId, `arn:aws:iam::${p.accountId}:root`];
  return p.type === 'assumedRole' ? [[p.arn], [p.roleArn ?? ''], account] : [[p.arn], account];
}

function features(s: Scenario): Set<string> {
  const out = new Set<string>();
  const all = [...s.identity, ...(s.resourcePolicy ? [s.resourcePolicy] : []), ...(s.boundary ? [s.boundary] : []), ...(s.session ?? []), ...(s.scps ?? []).flat()];
  for (const d of all) {
    const text = JSON.stringify(d);
    if (d.Version !== '2012-10-17' && text.includes('${')) out.add('old-version-variable');
    for (const st of statements(d)) {
      for (const r of [...texts(st.Resource), ...texts(st.NotResource)]) {
        const apiId = r.split(':')[5]?.split('/')[0] ?? '';
        if (r.startsWith('arn:aws:execute-api:') && apiId !== '*' && /[*?]/.test(apiId)) out.add('wildcard-in-api-id');
        if (r.startsWith('arn:aws:execute-api:') && apiId === '*' && r.split(':')[5] !== '*') out.add('wildcard-in-api-id');
      }
      const np = st.NotPrincipal as { AWS?: unknown } | undefined;
      if (np !== undefined && st.Effect === 'Deny') {
        const listed = new Set(texts(np.AWS));
        const covered = chain(s.principal).map((forms) => forms.some((f) => listed.has(f)));
        if (covered.some(Boolean) && !covered.every(Boolean)) out.add('notprincipal-partial-chain');
      }
      const cond = st.Condition as Record<string, Record<string, unknown>> | undefined;
      for (const [op, keys] of Object.entries(cond ?? {})) {
        if (!op.toLowerCase().includes('date')) continue;
        for (const [key, values] of Object.entries(keys)) {
          const given = s.context[key];
          const epoch = (v: string) => /^\d+$/.test(v);
          if (typeof given === 'string' && texts(values).some((v) => epoch(v) !== epoch(given))) out.add('date-mixed-notation');
        }
      }
    }
  }
  if (s.session !== undefined && s.session.length > 0 && s.resourcePolicy !== undefined && s.principal.accountId === s.resourceAccount) {
    for (const st of statements(s.resourcePolicy)) {
      if (st.Effect === 'Allow' && texts((st.Principal as { AWS?: unknown } | undefined)?.AWS).includes(s.principal.arn)) out.add('session-arn-grant-with-session-policy');
    }
  }
  return out;
}

function excused(s: Scenario): KnownDifference | undefined {
  const f = features(s);
  return KNOWN.find((k) => k.features.length > 0 && k.features.every((x) => f.has(x)));
}

/* ---------------- 1. the case files ---------------- */

function caseScenario(c: PolicyCase): Scenario {
  const doc = (p: CasePolicy): Doc => (typeof p.policy === 'string' ? JSON.parse(p.policy.startsWith('%') ? decodeURIComponent(p.policy) : p.policy) : p.policy) as Doc;
  const r = c.request;
  const s: Scenario = { principal: r.principal, action: r.action, resource: r.resource, resourceAccount: r.resourceAccount, context: r.context ?? {}, identity: r.identityPolicies.map(doc) };
  if (r.resourcePolicy !== undefined) s.resourcePolicy = doc(r.resourcePolicy);
  if (r.resourcePolicyRequired === true) s.resourcePolicyRequired = true;
  if (r.permissionsBoundary !== undefined) s.boundary = doc(r.permissionsBoundary);
  if (r.sessionPolicies !== undefined) s.session = r.sessionPolicies.map(doc);
  if (r.scps !== undefined) s.scps = r.scps.map((level) => level.map(doc));
  if (r.rcps !== undefined) s.rcps = r.rcps.map((level) => level.map(doc));
  if (r.principalContext === false) s.principalContext = false;
  return s;
}

/** Cases the oracle cannot express at all. */
function inexpressible(c: PolicyCase): string | undefined {
  if (c.skipValidation === true) return 'holds a policy AWS would reject; the oracle validates first';
  if (c.request.principal.type === 'anonymous') return 'anonymous caller';
  if (c.request.resourcePolicyRequired === true && c.request.resourcePolicy === undefined) return 'requires a resource policy it does not have';
  if (c.request.resource.endsWith('/')) return 'the oracle does not recognise an execute-api ARN for the path /';
  return undefined;
}

describe('differential: crossgate vs @cloud-copilot/iam-simulate', { skip: requireTool(oracle === undefined ? 'the oracle @cloud-copilot/iam-simulate is not installed (npm ci installs it)' : false) }, () => {
  const o = oracle as Oracle;

  it('every known difference names the AWS documentation and which side is right', () => {
    for (const k of KNOWN) {
      assert.match(k.doc.url, /^https:\/\/docs\.aws\.amazon\.com\//, k.id);
      assert.ok(k.doc.quote.length > 40 && k.right.length > 0 && k.crossgate.length > 0 && k.oracle.length > 0, k.id);
      assert.ok(k.features.length > 0 || k.cases.length > 0, `${k.id} excuses nothing`);
    }
  });

  describe('case files', () => {
    const cases = loadCases().filter((c) => inexpressible(c) === undefined);
    it('covers enough cases', () => assert.ok(cases.length >= 180, `${cases.length} cases`));
    for (const c of cases) {
      const known = KNOWN.find((k) => k.cases.includes(c.file));
      it(`${c.file}${known === undefined ? '' : ` (known difference: ${known.id})`}`, async (t) => {
        const ours = authorize(toRequest(c)).decision;
        const theirs = await oracleDecision(o, caseScenario(c));
        if (theirs.error !== undefined) assert.fail(`the oracle refused the case: ${theirs.error}`);
        const used = JSON.stringify(c.request).toLowerCase();
        const blind = theirs.ignored.filter((k) => used.includes(k.toLowerCase()));
        if (blind.length > 0) {
          t.skip(`the oracle drops context keys it does not know for ${c.request.action}: ${blind.join(', ')}`);
          return;
        }
        if (known === undefined) assert.equal(ours, theirs.decision, `crossgate ${ours}, oracle ${theirs.decision}`);
        else assert.notEqual(ours, theirs.decision, `no longer differs (${known.id}): drop the case from known-differences.json`);
      });
    }
  });

  /* ---------------- 2. generated scenarios ---------------- */

  const API = `arn:aws:execute-api:us-east-1:${A}:a1b2c3d4e5`;
  const ROLE_A = `arn:aws:iam::${A}:role/ApiInvokerRole`;
  const ROLE_B = `arn:aws:iam::${B}:role/Deployer`;
  const principals: PrincipalIdentity[] = [
    { arn: `arn:aws:sts::${A}:assumed-role/ApiInvokerRole/ci-run`, accountId: A, type: 'assumedRole', roleArn: ROLE_A, userId: 'AROAAPIINVOKER000001:ci-run', tags: { team: 'ops' } },
    { arn: `arn:aws:iam::${A}:user/auditor`, accountId: A, type: 'user', userId: 'AIDAAUDITOR000000001', tags: { team: 'dev' } },
    { arn: `arn:aws:iam::${B}:user/ci-caller`, accountId: B, type: 'user', userId: 'AIDACICALLER00000002' },
    { arn: `arn:aws:sts::${B}:assumed-role/Deployer/run-7`, accountId: B, type: 'assumedRole', roleArn: ROLE_B, userId: 'AROADEPLOYER00000007:run-7', tags: { team: 'ops' } },
  ];
  const resources = fc.constantFrom(
    ...['GET', 'POST', 'DELETE'].flatMap((m) => ['orders', 'orders/42', 'teams/ops/r', 'teams/dev/r', 'admin/users'].flatMap((p) => [`${API}/$default/${m}/${p}`, `${API}/prod/${m}/${p}`])),
  );
  const actionPatterns = fc.constantFrom('execute-api:Invoke', 'execute-api:*', '*', 'execute-api:Inv*', 'EXECUTE-API:invoke', 'execute-api:I?voke', 's3:GetObject', 'execute-api:ManageConnections');
  const resourcePatterns = fc.constantFrom(
    '*', `${API}/*`, `${API}/$default/GET/*`, `${API}/*/DELETE/*`, `${API}/*/*/orders/*`, `${API}/$default/*/orders`, `${API}/prod/*`,
    `arn:aws:execute-api:*:${A}:a1b2c3d4e5/*`, `arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/*/GET/*`, `${API}/*/*/teams/\${aws:PrincipalTag/team}/*`,
    `${API}/*/*/orders/4?`, `arn:aws:execute-api:us-east-1:${A}:*`, `${API}/*/*/admin/*`, `${API}/\${aws:PrincipalTag/team, 'prod'}/*`,
  );
  const condition = fc.oneof(
    fc.record({ op: fc.constantFrom('StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike', 'StringEqualsIgnoreCase', 'StringEqualsIfExists', 'StringNotEqualsIfExists'), key: fc.constant('aws:PrincipalTag/team'), values: fc.subarray(['ops', 'dev', 'OPS', 'o*', 'd?v'], { minLength: 1 }) }),
    fc.record({ op: fc.constantFrom('IpAddress', 'NotIpAddress', 'IpAddressIfExists', 'NotIpAddressIfExists'), key: fc.constant('aws:SourceIp'), values: fc.subarray(['10.0.0.0/8', '203.0.113.0/24', '2001:db8::/32'], { minLength: 1 }) }),
    fc.record({ op: fc.constantFrom('Bool', 'BoolIfExists'), key: fc.constantFrom('aws:SecureTransport', 'aws:MultiFactorAuthPresent'), values: fc.constantFrom<string[]>(['true'], ['false']) }),
    fc.record({ op: fc.constantFrom('DateLessThan', 'DateGreaterThan', 'DateEquals', 'DateNotEquals', 'DateGreaterThanEqualsIfExists'), key: fc.constant('aws:CurrentTime'), values: fc.subarray(['2026-01-01T00:00:00Z', '2026-06-01T12:00:00Z', '2027-01-01T00:00:00Z'], { minLength: 1 }) }),
    fc.record({ op: fc.constantFrom('NumericLessThan', 'NumericGreaterThanEquals', 'NumericEquals', 'NumericNotEquals', 'NumericLessThanIfExists'), key: fc.constant('aws:MultiFactorAuthAge'), values: fc.subarray(['300', '3600'], { minLength: 1 }) }),
    fc.record({ op: fc.constantFrom('ArnLike', 'ArnNotLike', 'ArnEquals', 'ArnNotEquals'), key: fc.constant('aws:PrincipalArn'), values: fc.subarray([`arn:aws:iam::${A}:role/*`, 'arn:aws:iam::*:user/ci-*', ROLE_B, `arn:aws:iam::${A}:user/auditor`], { minLength: 1 }) }),
    fc.record({ op: fc.constant('Null'), key: fc.constantFrom('aws:SourceIp', 'aws:MultiFactorAuthAge', 'aws:PrincipalTag/team'), values: fc.constantFrom<string[]>(['true'], ['false']) }),
    fc.record({ op: fc.constantFrom('StringEquals', 'StringNotEquals'), key: fc.constantFrom('aws:PrincipalAccount', 'aws:username'), values: fc.subarray([A, B, 'auditor', 'ci-caller'], { minLength: 1 }) }),
    fc.record({ op: fc.constantFrom('ForAnyValue:StringEquals', 'ForAllValues:StringEquals', 'ForAnyValue:StringLike', 'ForAllValues:StringNotEquals'), key: fc.constant('aws:CalledVia'), values: fc.subarray(['athena.amazonaws.com', 'cloudformation.amazonaws.com', '*.amazonaws.com'], { minLength: 1 }) }),
    fc.record({ op: fc.constantFrom('StringEquals', 'StringLike'), key: fc.constant('aws:userid'), values: fc.subarray(['AROA*:ci-run', '${aws:userid}', 'AIDAAUDITOR000000001'], { minLength: 1 }) }),
  );
  const conditionBlock = fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 3, arbitrary: fc.array(condition, { minLength: 1, maxLength: 2 }) }).map((cs) => {
    const block: Record<string, Record<string, string[]>> = {};
    for (const c of cs) (block[c.op] ??= {})[c.key] = c.values;
    return Object.keys(block).length === 0 ? undefined : block;
  });
  const awsPrincipal = fc.constantFrom<unknown>('*', { AWS: '*' }, { AWS: A }, { AWS: `arn:aws:iam::${B}:root` }, { AWS: principals[1]!.arn }, { AWS: principals[2]!.arn }, { AWS: ROLE_A }, { AWS: principals[0]!.arn }, { AWS: ROLE_B }, { AWS: [A, B] });

  function statementArb(kind: 'identity' | 'resource'): fc.Arbitrary<Record<string, unknown>> {
    return fc
      .record({
        effect: fc.constantFrom('Allow', 'Allow', 'Allow', 'Allow', 'Deny'),
        notAction: fc.constantFrom(false, false, false, true),
        actions: fc.array(actionPatterns, { minLength: 1, maxLength: 2 }),
        notResource: fc.constantFrom(false, false, false, true),
        resources: fc.array(resourcePatterns, { minLength: 1, maxLength: 2 }),
        principal: awsPrincipal,
        notPrincipal: fc.option(fc.subarray([A, `arn:aws:iam::${A}:root`, principals[0]!.arn, ROLE_A, principals[1]!.arn, principals[2]!.arn, `arn:aws:iam::${B}:root`], { minLength: 1 }), { freq: 5 }),
        condition: conditionBlock,
      })
      .map((r) => {
        const s: Record<string, unknown> = { Effect: r.effect };
        if (kind === 'resource') {
          if (r.effect === 'Deny' && r.notPrincipal !== null) s.NotPrincipal = { AWS: r.notPrincipal };
          else s.Principal = r.principal;
        }
        s[r.notAction ? 'NotAction' : 'Action'] = r.actions.length === 1 ? r.actions[0] : r.actions;
        s[r.notResource ? 'NotResource' : 'Resource'] = r.resources.length === 1 ? r.resources[0] : r.resources;
        if (r.condition !== undefined) s.Condition = r.condition;
        return s;
      });
  }
  const policyArb = (kind: 'identity' | 'resource') =>
    fc.record({ statements: fc.array(statementArb(kind), { minLength: 1, maxLength: 3 }), version: fc.constantFrom('2012-10-17', '2012-10-17', '2012-10-17', '2008-10-17') })
      .map(({ statements: st, version }): Doc => ({ Version: version, Statement: st }));
  /** Boundaries, session policies and SCPs: mostly guardrails that let much through, so that decisions vary. */
  const guardrailArb = fc.oneof(
    { weight: 3, arbitrary: fc.constant<Doc>({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) },
    { weight: 3, arbitrary: fc.array(resourcePatterns, { minLength: 1, maxLength: 3 }).map((rs): Doc => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:*', Resource: rs }] })) },
    { weight: 2, arbitrary: fc.tuple(resourcePatterns, conditionBlock).map(([r, c]): Doc => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: r, ...(c === undefined ? {} : { Condition: c }) }] })) },
    { weight: 1, arbitrary: policyArb('identity') },
  );
  const contextArb = fc.record(
    {
      'aws:SourceIp': fc.constantFrom('10.1.2.3', '203.0.113.9', '2001:db8::5', '192.0.2.44'),
      'aws:SecureTransport': fc.constantFrom('true', 'false'),
      'aws:CurrentTime': fc.constantFrom('2026-06-01T12:00:00Z', '2025-12-31T23:59:59Z'),
      'aws:MultiFactorAuthPresent': fc.constantFrom('true', 'false'),
      'aws:MultiFactorAuthAge': fc.constantFrom('100', '3600', '5000'),
      'aws:CalledVia': fc.subarray(['athena.amazonaws.com', 'cloudformation.amazonaws.com']),
    },
    { requiredKeys: [] },
  );
  const scenarioArb: fc.Arbitrary<Scenario> = fc
    .record({
      principal: fc.constantFrom(...principals),
      resource: resources,
      context: contextArb,
      identity: fc.array(policyArb('identity'), { minLength: 1, maxLength: 2 }),
      resourcePolicy: fc.option(policyArb('resource'), { freq: 2 }),
      boundary: fc.option(guardrailArb, { freq: 3 }),
      session: fc.option(fc.array(guardrailArb, { minLength: 1, maxLength: 2 }), { freq: 3 }),
      scps: fc.option(fc.array(fc.array(guardrailArb, { minLength: 1, maxLength: 1 }), { minLength: 1, maxLength: 2 }), { freq: 4 }),
    })
    .map((r) => {
      const s: Scenario = { principal: r.principal, action: 'execute-api:Invoke', resource: r.resource, resourceAccount: A, context: r.context as Record<string, string | string[]>, identity: r.identity };
      if (r.resourcePolicy !== null) s.resourcePolicy = r.resourcePolicy;
      if (r.boundary !== null) s.boundary = r.boundary;
      if (r.session !== null && r.principal.type === 'assumedRole') s.session = r.session;
      if (r.scps !== null) s.scps = r.scps;
      return s;
    });

  it('generated scenarios: the same decision, or a known difference', async (t) => {
    const seen = new Map<string, number>();
    const decisions = new Map<string, number>();
    const runs = Number(process.env.DIFFERENTIAL_RUNS ?? 400);
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const ours = crossgateDecision(s);
        decisions.set(ours, (decisions.get(ours) ?? 0) + 1);
        const theirs = await oracleDecision(o, s);
        if (theirs.error !== undefined) assert.fail(`the oracle refused a generated scenario (fix the generator): ${theirs.error}`);
        if (ours === theirs.decision) return;
        const known = excused(s);
        assert.ok(known !== undefined, `crossgate ${ours}, oracle ${theirs.decision}, features [${[...features(s)].join(', ')}]`);
        seen.set(known.id, (seen.get(known.id) ?? 0) + 1);
      }),
      { numRuns: runs, ...(process.env.DIFFERENTIAL_SEED ? { seed: Number(process.env.DIFFERENTIAL_SEED) } : {}) },
    );
    t.diagnostic(`crossgate decisions: ${[...decisions].map(([d, n]) => `${d} ${n}`).join(', ')}`);
    t.diagnostic(`known differences met: ${seen.size === 0 ? 'none' : [...seen].map(([id, n]) => `${id} ${n}`).join(', ')}`);
    // The generator must reach every decision, or agreement means little.
    for (const d of ['allowed', 'explicitDeny', 'implicitDeny']) assert.ok((decisions.get(d) ?? 0) > runs / 50, `too few ${d}: ${decisions.get(d) ?? 0}`);
  });
});
