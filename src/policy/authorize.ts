import { decide, type PolicyTypeResults, type Verdict } from './decide.ts';
import { describeDenies, describeNearMisses, describeUnevaluable, POLICY_TYPE_OF } from './explain.ts';
import { explainVerdict } from './explainVerdict.ts';
import { evaluatePolicyType, type EvaluationNotes } from './evaluatePolicySet.ts';
import { prepareRequest, type PreparedRequest } from './evaluateStatement.ts';
import type {
  AuthorizationRequest,
  AuthorizationResult,
  ConditionFailure,
  DecisionRule,
  EvalDecision,
  PolicyType,
  PolicyTypeDecisions,
  NamedPolicy,
  PolicySetResult,
  StatementMatch,
} from './types.ts';

const NOTHING: PolicySetResult = { decision: 'implicitDeny', allows: [], denies: [], skipped: [], nearMisses: [] };

/**
 * AWS's policy evaluation logic over every policy type a request can have:
 *
 * 1. An explicit Deny in any policy (SCP, resource, identity, boundary, session) wins.
 * 2. SCPs: every level of the principal's organization must allow, whatever grants it.
 *    RCPs: every level of the resource's organization must allow, whoever asks.
 * 3. Cross-account: the identity side (identity policies, within the permissions
 *    boundary and the session policies) and the resource policy must both allow.
 * 4. Same account: either side allowing is enough — except that
 *    - a resource-policy Allow naming only the account (its id or :root) delegates
 *      to the account's identity policies, which must then allow too;
 *    - a permissions boundary limits a resource-policy grant unless it names the
 *      user or the session itself (naming the role does not escape it);
 *    - session policies limit a resource-policy grant unless it names the session.
 * 5. resourcePolicyRequired (role trust policies): the resource policy must allow
 *    even in the same account, and only an Allow naming the caller by ARN stands
 *    without an identity-policy Allow.
 * 6. Anonymous callers have no identity side: only the resource policy counts.
 *
 * Assumes validated policies (see parsePolicy); anything it still cannot evaluate
 * fails closed. Pure: no I/O, no clock (give aws:CurrentTime in the context).
 * Policies compile on first use (compilePolicy) and are cached per Policy object;
 * the explanation sentence is rendered when first read.
 */
export function authorize(req: AuthorizationRequest): AuthorizationResult {
  const anonymous = req.principal.type === 'anonymous';
  const boundaryPolicy = anonymous ? undefined : req.permissionsBoundary;
  const sessionPolicies = anonymous || req.sessionPolicies === undefined || req.sessionPolicies.length === 0 ? undefined : req.sessionPolicies;
  const scpLevels = anonymous || req.scps === undefined || req.scps.length === 0 ? undefined : req.scps;
  const rcpLevels = req.rcps === undefined || req.rcps.length === 0 ? undefined : req.rcps;

  const r = prepareRequest(req, boundaryPolicy !== undefined);
  const notes: EvaluationNotes = {};
  const identity = anonymous ? NOTHING : evaluatePolicyType(req.identityPolicies, r, notes);
  const resource = req.resourcePolicy === undefined ? undefined : evaluatePolicyType([req.resourcePolicy], r, notes);
  const boundary = boundaryPolicy === undefined ? undefined : evaluatePolicyType([boundaryPolicy], r, notes);
  const session = sessionPolicies === undefined ? undefined : evaluatePolicyType(sessionPolicies, r, notes);
  let scps: PolicySetResult[] | undefined;
  if (scpLevels !== undefined) {
    scps = [];
    for (const level of scpLevels) scps.push(evaluatePolicyType(level, r, notes));
  }
  let rcps: PolicySetResult[] | undefined;
  if (rcpLevels !== undefined) {
    rcps = [];
    for (const level of rcpLevels) rcps.push(evaluatePolicyType(level, r, notes));
  }

  const layers: PolicyTypeDecisions = { identity: identity.decision };
  if (resource !== undefined) layers.resource = resource.decision;
  if (boundary !== undefined) layers.boundary = boundary.decision;
  if (session !== undefined) layers.session = session.decision;
  if (scps !== undefined) layers.scp = scpDecision(scps);
  if (rcps !== undefined) layers.rcp = scpDecision(rcps);

  const matchedStatements: StatementMatch[] = [];
  let denies: StatementMatch[] | undefined;
  gather(identity, matchedStatements);
  if (resource !== undefined) gather(resource, matchedStatements);
  if (boundary !== undefined) gather(boundary, matchedStatements);
  if (session !== undefined) gather(session, matchedStatements);
  if (scps !== undefined) for (const level of scps) gather(level, matchedStatements);
  if (rcps !== undefined) for (const level of rcps) gather(level, matchedStatements);
  for (const m of matchedStatements) if (m.effect === 'Deny') (denies ??= []).push(m);

  const results: PolicyTypeResults = { identity, resource, boundary, session, scps, rcps };
  if (denies !== undefined) {
    return new Authorization('explicitDeny', 'explicitDeny', denies, matchedStatements, layers, policyTypesOf(denies), notes, req, r, results, denies, undefined);
  }
  const verdict = decide(req, results);
  return new Authorization(verdict.decision, verdict.rule, verdict.by, matchedStatements, layers, verdict.decidedBy, notes, req, r, results, undefined, verdict);
}

/** What the explanation is rendered from, when it is first read. */
interface Grounds {
  req: AuthorizationRequest;
  r: PreparedRequest;
  results: PolicyTypeResults;
  denies: StatementMatch[] | undefined;
  verdict: Verdict | undefined;
}

const NO_FAILURES: readonly ConditionFailure[] = Object.freeze([]);
const NO_KEYS: readonly string[] = Object.freeze([]);

/**
 * An authorization result: plain data, except that the explanation sentence is
 * rendered on first read (rendering costs more than deciding). toJSON includes it,
 * so JSON.stringify gives every field.
 */
class Authorization implements AuthorizationResult {
  readonly failedConditions: readonly ConditionFailure[];
  readonly missingContextKeys: readonly string[];
  // What the explanation is rendered from; dropped once rendered.
  #grounds: Grounds | undefined;
  #explanation: string | undefined;

  readonly level?: number;

  constructor(
    readonly decision: EvalDecision,
    readonly rule: DecisionRule,
    readonly decidingStatements: readonly StatementMatch[],
    readonly matchedStatements: readonly StatementMatch[],
    readonly layers: PolicyTypeDecisions,
    readonly decidedBy: readonly PolicyType[],
    notes: EvaluationNotes,
    req: AuthorizationRequest,
    r: PreparedRequest,
    results: PolicyTypeResults,
    denies: StatementMatch[] | undefined,
    verdict: Verdict | undefined,
  ) {
    this.failedConditions = notes.failedConditions ?? NO_FAILURES;
    this.missingContextKeys = notes.missing ?? NO_KEYS;
    this.#grounds = { req, r, results, denies, verdict };
    if (verdict?.level !== undefined) this.level = verdict.level;
  }

  get explanation(): string {
    if (this.#explanation === undefined) {
      this.#explanation = render(this.#grounds as Grounds);
      this.#grounds = undefined;
    }
    return this.#explanation;
  }

  toJSON(): AuthorizationResult {
    return {
      decision: this.decision,
      rule: this.rule,
      decidingStatements: this.decidingStatements,
      ...(this.level !== undefined ? { level: this.level } : {}),
      matchedStatements: this.matchedStatements,
      layers: this.layers,
      decidedBy: this.decidedBy,
      failedConditions: this.failedConditions,
      missingContextKeys: this.missingContextKeys,
      explanation: this.explanation,
    };
  }
}

function render(g: Grounds): string {
  if (g.denies !== undefined) return `explicitly denied by ${describeDenies(g.denies)}`;
  const verdict = g.verdict as Verdict;
  let text = explainVerdict(g.req, g.results, verdict);
  const req = g.req;
  const anonymous = req.principal.type === 'anonymous';
  const sessions = req.sessionPolicies === undefined || req.sessionPolicies.length === 0 ? undefined : req.sessionPolicies;
  const groups: NamedPolicy[][] = [];
  if (!anonymous) groups.push(req.identityPolicies);
  if (req.resourcePolicy !== undefined) groups.push([req.resourcePolicy]);
  if (!anonymous && req.permissionsBoundary !== undefined) groups.push([req.permissionsBoundary]);
  if (!anonymous && sessions !== undefined) groups.push(sessions);
  if (!anonymous && req.scps !== undefined) groups.push(...req.scps);
  if (req.rcps !== undefined) groups.push(...req.rcps);
  if (verdict.decision !== 'allowed') text += describeNearMisses(groups.flatMap((p) => evaluatePolicyType(p, g.r, undefined, true).nearMisses));
  const sets = [g.results.identity, g.results.resource, g.results.boundary, g.results.session, ...(g.results.scps ?? []), ...(g.results.rcps ?? [])];
  text += describeUnevaluable(sets.flatMap((s) => (s === undefined ? [] : s.skipped)));
  return text;
}

function gather(set: PolicySetResult, into: StatementMatch[]): void {
  for (const m of set.denies) into.push(m);
  for (const m of set.allows) into.push(m);
}

/** Organization policies (SCPs or RCPs): allowed only when every level allows; any Deny denies. */
function scpDecision(levels: PolicySetResult[]): EvalDecision {
  if (levels.some((l) => l.decision === 'explicitDeny')) return 'explicitDeny';
  return levels.every((l) => l.decision === 'allowed') ? 'allowed' : 'implicitDeny';
}

function policyTypesOf(ms: readonly StatementMatch[]): readonly PolicyType[] {
  const out: PolicyType[] = [];
  for (const m of ms) {
    const type = POLICY_TYPE_OF[m.kind];
    if (!out.includes(type)) out.push(type);
  }
  return out;
}
