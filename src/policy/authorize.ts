import { describeDenies, describeNearMisses, describeStatements, describeUnevaluable, kindLabel, LAYER_OF } from './explain.ts';
import { evaluateLayer, type Evidence } from './evaluatePolicySet.ts';
import { prepareRequest } from './evaluateStatement.ts';
import type {
  AuthorizationRequest,
  AuthorizationResult,
  EvalDecision,
  Layer,
  LayerDecisions,
  PolicySetResult,
  PrincipalIdentity,
  StatementMatch,
} from './types.ts';

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
 */
export function authorize(req: AuthorizationRequest): AuthorizationResult {
  const anonymous = req.principal.type === 'anonymous';
  const boundaryPolicy = anonymous ? undefined : req.permissionsBoundary;
  const sessionPolicies = anonymous || req.sessionPolicies === undefined || req.sessionPolicies.length === 0 ? undefined : req.sessionPolicies;
  const scpLevels = anonymous || req.scps === undefined || req.scps.length === 0 ? undefined : req.scps;

  const r = prepareRequest(req, boundaryPolicy !== undefined);
  const evidence: Evidence = { failedConditions: [], missing: new Set() };
  const identity = anonymous ? NOTHING : evaluateLayer(req.identityPolicies, r, evidence);
  const resource = req.resourcePolicy === undefined ? undefined : evaluateLayer([req.resourcePolicy], r, evidence);
  const boundary = boundaryPolicy === undefined ? undefined : evaluateLayer([boundaryPolicy], r, evidence);
  const session = sessionPolicies === undefined ? undefined : evaluateLayer(sessionPolicies, r, evidence);
  const scps = scpLevels === undefined ? undefined : scpLevels.map((level) => evaluateLayer(level, r, evidence));

  const layers: LayerDecisions = { identity: identity.decision };
  if (resource !== undefined) layers.resource = resource.decision;
  if (boundary !== undefined) layers.boundary = boundary.decision;
  if (session !== undefined) layers.session = session.decision;
  if (scps !== undefined) layers.scp = scpDecision(scps);

  const sets = [identity, resource, boundary, session, ...(scps ?? [])].filter((s): s is PolicySetResult => s !== undefined);
  const matchedStatements: StatementMatch[] = [];
  for (const s of sets) matchedStatements.push(...s.denies, ...s.allows);
  const skipped = sets.flatMap((s) => s.skipped);
  const base = { matchedStatements, layers, failedConditions: evidence.failedConditions, missingContextKeys: [...evidence.missing] };

  const denies = sets.flatMap((s) => s.denies);
  if (denies.length > 0) {
    return { decision: 'explicitDeny', ...base, decidedBy: layersOf(denies), explanation: `explicitly denied by ${describeDenies(denies)}` };
  }

  const verdict = combine(req, { identity, resource, boundary, session, scps });
  const misses = verdict.decision === 'allowed' ? '' : describeNearMisses(sets.flatMap((s) => s.nearMisses));
  return {
    decision: verdict.decision,
    ...base,
    decidedBy: verdict.decidedBy,
    explanation: `${verdict.explanation}${misses}${describeUnevaluable(skipped)}`,
  };
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

interface Verdict {
  decision: EvalDecision;
  decidedBy: Layer[];
  explanation: string;
}

interface Sets {
  identity: PolicySetResult;
  resource: PolicySetResult | undefined;
  boundary: PolicySetResult | undefined;
  session: PolicySetResult | undefined;
  scps: PolicySetResult[] | undefined;
}

/** A resource-policy grant names the user or session itself (or everyone): a permissions boundary does not limit it. */
function escapesBoundary(m: StatementMatch, principal: PrincipalIdentity): boolean {
  if (principal.type !== 'user' && principal.type !== 'assumedRole') return m.principalMatch === 'wildcard';
  return m.principalMatch === 'specific' || m.principalMatch === 'wildcard';
}

/** A resource-policy grant names the session itself: its session policies do not limit it. */
function escapesSession(m: StatementMatch, principal: PrincipalIdentity): boolean {
  return principal.type === 'assumedRole' && m.principalMatch === 'specific';
}

function combine(req: AuthorizationRequest, sets: Sets): Verdict {
  const { identity, resource, boundary, session, scps } = sets;
  const principal = req.principal;
  const who = principal.arn;
  const what = `${req.action} on ${req.resource}`;
  const resourcePolicy = req.resourcePolicy;
  const resourceName = resourcePolicy === undefined ? '' : `${kindLabel(resourcePolicy.kind)} ${resourcePolicy.name}`;
  const allowed = (by: StatementMatch[], decidedBy: Layer[]): Verdict => ({ decision: 'allowed', decidedBy, explanation: `allowed by ${describeStatements(by)}` });
  const denied = (decidedBy: Layer[], why: string): Verdict => ({ decision: 'implicitDeny', decidedBy, explanation: `implicitly denied: ${why}` });
  const resourceAllows = resource !== undefined && resource.allows.length > 0;

  if (principal.type === 'anonymous') {
    if (resource !== undefined && resourceAllows) return allowed(resource.allows, ['resource']);
    return denied(['resource'], `anonymous callers need a resource policy that allows ${what}, and ${resource === undefined ? 'there is none' : `no statement of ${resourceName} does`}`);
  }

  // Service control policies cap everything, resource-policy grants included.
  if (scps !== undefined) {
    const lacking = scps.findIndex((l) => l.allows.length === 0);
    if (lacking >= 0) {
      const names = (req.scps?.[lacking] ?? []).map((p) => p.name);
      const at = names.length === 0 ? 'which has no service control policy' : `whose service control policies (${names.join(', ')}) do not allow it`;
      return denied(['scp'], `every level of the organization must allow ${what}, and level ${lacking + 1} does not, ${at}`);
    }
  }

  // The identity side: identity policies, within the boundary and the session policies.
  const identityAllows = identity.allows.length > 0;
  const boundaryAllows = boundary === undefined || boundary.allows.length > 0;
  const sessionAllows = session === undefined || session.allows.length > 0;
  const identitySide = identityAllows && boundaryAllows && sessionAllows;
  const identityGrant = [...identity.allows, ...(boundary?.allows ?? []), ...(session?.allows ?? [])];
  const identityLack = (): { layer: Layer; why: string } => {
    if (!identityAllows) return { layer: 'identity', why: `no identity policy of ${who} allows ${what}` };
    if (!boundaryAllows) return { layer: 'boundary', why: `${describeStatements(identity.allows)} allows it, but the permissions boundary ${req.permissionsBoundary?.name ?? ''} does not` };
    return { layer: 'session', why: `${describeStatements(identity.allows)} allows it, but no session policy does` };
  };

  const sameAccount = principal.accountId === req.resourceAccount;
  const required = req.resourcePolicyRequired === true;

  if (!sameAccount) {
    if (identitySide && resourceAllows) return allowed([...identityGrant, ...(resource?.allows ?? [])], ['identity', 'resource']);
    const need = `cross-account access needs both an identity policy of ${who} and a resource policy of account ${req.resourceAccount} to allow ${what}`;
    if (!identityAllows && !resourceAllows) return denied(['identity', 'resource'], `${need}, and neither does`);
    if (!identitySide) {
      const lack = identityLack();
      if (lack.layer === 'identity') return denied(['identity'], `${need}; ${describeStatements(resource?.allows ?? [])} allows it but no identity policy does`);
      return denied([lack.layer], `${need}; ${lack.why}`);
    }
    if (resource === undefined) return denied(['resource'], `${need}; ${describeStatements(identity.allows)} allows it but there is no resource policy`);
    return denied(['resource'], `${need}; ${describeStatements(identity.allows)} allows it but no statement of ${resourceName} does`);
  }

  // Same account. Which resource-policy Allows stand on their own?
  const standing = (m: StatementMatch): boolean =>
    required ? m.principalMatch === 'specific' || m.principalMatch === 'role' : m.principalMatch !== 'account';
  const naming = (resource?.allows ?? []).filter(standing);
  const direct = naming.filter((m) => (boundaryAllows || escapesBoundary(m, principal)) && (sessionAllows || escapesSession(m, principal)));
  const delegating = (resource?.allows ?? []).filter((m) => !naming.includes(m));

  if (direct.length > 0) return allowed(direct, ['resource']);
  const limited = naming.length > 0
    ? ` (${describeStatements(naming)} allows it, but ${!boundaryAllows && !naming.some((m) => escapesBoundary(m, principal)) ? 'the permissions boundary limits it: it names the role, not the user or session' : 'the session policies limit it: it does not name the session'})`
    : '';
  if (required) {
    if (resource === undefined) return denied(['resource'], `${what} needs a resource policy that allows it, and there is none`);
    if (!resourceAllows) return denied(['resource'], `no statement of ${resourceName} allows ${who}, and it must even within one account`);
    if (identitySide) return allowed([...identityGrant, ...delegating], ['identity', 'resource']);
    if (identityAllows) {
      const lack = identityLack();
      return denied([lack.layer], `${lack.why}${limited}`);
    }
    const how = delegating.every((m) => m.principalMatch === 'account') ? 'only through its account' : 'only through its account or a wildcard, not by ARN';
    return denied(['identity'], `${describeStatements(delegating.length > 0 ? delegating : naming)} trusts ${who} ${how}, so an identity policy must also allow ${req.action}, and none does${limited}`);
  }
  if (identitySide) return allowed([...identityGrant, ...delegating], ['identity']);
  if (identityAllows) {
    const lack = identityLack();
    return denied([lack.layer], `${lack.why}${limited}`);
  }
  if (delegating.length > 0) {
    return denied(['identity'], `${describeStatements(delegating)} names only the account ${req.resourceAccount}, which leaves the grant to identity policies, and none allows ${what}${limited}`);
  }
  if (naming.length > 0) return denied([!boundaryAllows ? 'boundary' : 'session'], `no identity policy allows ${what}${limited}`);
  return denied(['identity'], `no statement allows ${what} for ${who}`);
}

