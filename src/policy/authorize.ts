import { decide } from './decide.ts';
import { describeDenies, describeNearMisses, describeUnevaluable, LAYER_OF } from './explain.ts';
import { explainVerdict } from './explainVerdict.ts';
import { evaluateLayer, type Evidence } from './evaluatePolicySet.ts';
import { prepareRequest, type PreparedRequest } from './evaluateStatement.ts';
import type { AuthorizationRequest, AuthorizationResult, EvalDecision, Layer, LayerDecisions, NamedPolicy, PolicySetResult, StatementMatch } from './types.ts';

const NOTHING: PolicySetResult = { decision: 'implicitDeny', allows: [], denies: [], skipped: [], nearMisses: [] };

/**
 * AWS's policy evaluation logic over every layer a request can have:
 *
 * 1. An explicit Deny in any policy (SCP, resource, identity, boundary, session) wins.
 * 2. SCPs: every level of the principal's organization must allow, whatever grants it.
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

  const r = prepareRequest(req, boundaryPolicy !== undefined);
  const evidence: Evidence = { failedConditions: [], missing: [] };
  const identity = anonymous ? NOTHING : evaluateLayer(req.identityPolicies, r, evidence);
  const resource = req.resourcePolicy === undefined ? undefined : evaluateLayer([req.resourcePolicy], r, evidence);
  const boundary = boundaryPolicy === undefined ? undefined : evaluateLayer([boundaryPolicy], r, evidence);
  const session = sessionPolicies === undefined ? undefined : evaluateLayer(sessionPolicies, r, evidence);
  let scps: PolicySetResult[] | undefined;
  if (scpLevels !== undefined) {
    scps = [];
    for (const level of scpLevels) scps.push(evaluateLayer(level, r, evidence));
  }

  const layers: LayerDecisions = { identity: identity.decision };
  const sets: PolicySetResult[] = [identity];
  if (resource !== undefined) {
    layers.resource = resource.decision;
    sets.push(resource);
  }
  if (boundary !== undefined) {
    layers.boundary = boundary.decision;
    sets.push(boundary);
  }
  if (session !== undefined) {
    layers.session = session.decision;
    sets.push(session);
  }
  if (scps !== undefined) {
    layers.scp = scpDecision(scps);
    sets.push(...scps);
  }

  const matchedStatements: StatementMatch[] = [];
  const denies: StatementMatch[] = [];
  for (const set of sets) {
    for (const m of set.denies) {
      matchedStatements.push(m);
      denies.push(m);
    }
    for (const m of set.allows) matchedStatements.push(m);
  }

  let text: string | undefined;
  if (denies.length > 0) {
    return {
      decision: 'explicitDeny',
      matchedStatements,
      layers,
      decidedBy: layersOf(denies),
      failedConditions: evidence.failedConditions,
      missingContextKeys: evidence.missing,
      get explanation(): string {
        return (text ??= `explicitly denied by ${describeDenies(denies)}`);
      },
    };
  }

  const results = { identity, resource, boundary, session, scps };
  const verdict = decide(req, results);
  return {
    decision: verdict.decision,
    matchedStatements,
    layers,
    decidedBy: verdict.decidedBy,
    failedConditions: evidence.failedConditions,
    missingContextKeys: evidence.missing,
    get explanation(): string {
      if (text === undefined) {
        text = explainVerdict(req, results, verdict);
        if (verdict.decision !== 'allowed') text += describeNearMisses(nearMisses(req, r, anonymous, boundaryPolicy, sessionPolicies, scpLevels));
        text += describeUnevaluable(collect(sets, 'skipped'));
      }
      return text;
    },
  };
}

/** Allow statements for the action that missed on principal, resource or condition, layer by layer. */
function nearMisses(
  req: AuthorizationRequest,
  r: PreparedRequest,
  anonymous: boolean,
  boundary: NamedPolicy | undefined,
  sessions: NamedPolicy[] | undefined,
  scps: NamedPolicy[][] | undefined,
): StatementMatch[] {
  const groups: NamedPolicy[][] = [];
  if (!anonymous) groups.push(req.identityPolicies);
  if (req.resourcePolicy !== undefined) groups.push([req.resourcePolicy]);
  if (boundary !== undefined) groups.push([boundary]);
  if (sessions !== undefined) groups.push(sessions);
  if (scps !== undefined) groups.push(...scps);
  return groups.flatMap((g) => evaluateLayer(g, r, undefined, true).nearMisses);
}

function collect(sets: readonly PolicySetResult[], which: 'nearMisses' | 'skipped'): StatementMatch[] {
  const out: StatementMatch[] = [];
  for (const s of sets) for (const m of s[which]) out.push(m);
  return out;
}

function scpDecision(levels: PolicySetResult[]): EvalDecision {
  if (levels.some((l) => l.decision === 'explicitDeny')) return 'explicitDeny';
  return levels.every((l) => l.decision === 'allowed') ? 'allowed' : 'implicitDeny';
}

function layersOf(ms: readonly StatementMatch[]): Layer[] {
  const out: Layer[] = [];
  for (const m of ms) {
    const layer = LAYER_OF[m.kind];
    if (!out.includes(layer)) out.push(layer);
  }
  return out;
}
