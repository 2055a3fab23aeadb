/**
 * How the layers' outcomes combine into a decision (AWS's policy evaluation
 * logic), as data: the decision, the layers that decided it, the rule that applied
 * and the statements it rests on. explainVerdict turns a verdict into words.
 */
import type { AuthorizationRequest, EvalDecision, PolicyType, PolicySetResult, PrincipalIdentity, Rule, StatementMatch } from './types.ts';

export type { Rule };

export interface PolicyTypeResults {
  identity: PolicySetResult;
  resource: PolicySetResult | undefined;
  boundary: PolicySetResult | undefined;
  session: PolicySetResult | undefined;
  scps: PolicySetResult[] | undefined;
  rcps?: PolicySetResult[] | undefined;
}

export interface Verdict {
  decision: EvalDecision;
  decidedBy: readonly PolicyType[];
  rule: Rule;
  /** The statements the decision rests on (allows for allowed). */
  by: readonly StatementMatch[];
  /** Same-account resource-policy Allows that named the caller but were limited by a boundary or session policies. */
  limited?: readonly StatementMatch[];
  /** Same-account resource-policy Allows that name only the account (or, for trust policies, a wildcard). */
  delegating?: readonly StatementMatch[];
  /** For scpLacking and rcpLacking: the 0-based level with no Allow. */
  level?: number;
}

/** A resource-policy grant names the user or session itself (or everyone): a permissions boundary does not limit it. */
export function escapesBoundary(m: StatementMatch, principal: PrincipalIdentity): boolean {
  if (principal.type !== 'user' && principal.type !== 'assumedRole') return m.principalMatch === 'wildcard';
  return m.principalMatch === 'specific' || m.principalMatch === 'wildcard';
}

/** A resource-policy grant names the session itself: its session policies do not limit it. */
export function escapesSession(m: StatementMatch, principal: PrincipalIdentity): boolean {
  return principal.type === 'assumedRole' && m.principalMatch === 'specific';
}

const NONE: readonly StatementMatch[] = Object.freeze([]);

/** decidedBy lists, shared (results treat them as read-only). */
const ONLY: Record<PolicyType, readonly PolicyType[]> = {
  scp: Object.freeze<PolicyType[]>(['scp']),
  rcp: Object.freeze<PolicyType[]>(['rcp']),
  resource: Object.freeze<PolicyType[]>(['resource']),
  identity: Object.freeze<PolicyType[]>(['identity']),
  boundary: Object.freeze<PolicyType[]>(['boundary']),
  session: Object.freeze<PolicyType[]>(['session']),
};
const BOTH: readonly PolicyType[] = Object.freeze<PolicyType[]>(['identity', 'resource']);

function verdict(decision: EvalDecision, decidedBy: readonly PolicyType[], rule: Rule, by: readonly StatementMatch[] = NONE): Verdict {
  return { decision, decidedBy, rule, by };
}

/** The part of the identity side that lacked an Allow. */
export function identityLack(sets: PolicyTypeResults): PolicyType {
  if (sets.identity.allows.length === 0) return 'identity';
  if (sets.boundary !== undefined && sets.boundary.allows.length === 0) return 'boundary';
  return 'session';
}

function identityGrant(sets: PolicyTypeResults): readonly StatementMatch[] {
  if (sets.boundary === undefined && sets.session === undefined) return sets.identity.allows;
  return [...sets.identity.allows, ...(sets.boundary?.allows ?? []), ...(sets.session?.allows ?? [])];
}

/** Combines the layers, once no explicit Deny applies. */
export function decide(req: AuthorizationRequest, sets: PolicyTypeResults): Verdict {
  const { identity, resource, boundary, session, scps, rcps } = sets;
  const principal = req.principal;
  const resourceAllows = resource !== undefined && resource.allows.length > 0;

  // Resource control policies cap what the resource accepts, from any caller (anonymous ones too).
  if (rcps !== undefined) {
    for (let level = 0; level < rcps.length; level++) {
      if ((rcps[level] as PolicySetResult).allows.length === 0) return { ...verdict('implicitDeny', ONLY.rcp, 'rcpLacking'), level };
    }
  }

  if (principal.type === 'anonymous') {
    return resourceAllows ? verdict('allowed', ONLY.resource, 'anonymousAllowed', resource.allows) : verdict('implicitDeny', ONLY.resource, 'anonymousDenied');
  }

  // Service control policies cap everything, resource-policy grants included.
  if (scps !== undefined) {
    for (let level = 0; level < scps.length; level++) {
      if ((scps[level] as PolicySetResult).allows.length === 0) return { ...verdict('implicitDeny', ONLY.scp, 'scpLacking'), level };
    }
  }

  // The identity side: identity policies, within the boundary and the session policies.
  const identityAllows = identity.allows.length > 0;
  const boundaryAllows = boundary === undefined || boundary.allows.length > 0;
  const sessionAllows = session === undefined || session.allows.length > 0;
  const identitySide = identityAllows && boundaryAllows && sessionAllows;

  if (principal.accountId !== req.resourceAccount) {
    if (identitySide && resourceAllows) return verdict('allowed', BOTH, 'crossAccountAllowed', [...identityGrant(sets), ...resource.allows]);
    if (!identityAllows && !resourceAllows) return verdict('implicitDeny', BOTH, 'crossAccountNeither');
    if (!identitySide) {
      const lack = identityLack(sets);
      return lack === 'identity'
        ? verdict('implicitDeny', ONLY.identity, 'crossAccountNoIdentity', resource?.allows ?? [])
        : verdict('implicitDeny', ONLY[lack], 'crossAccountIdentityLimited', identity.allows);
    }
    return verdict('implicitDeny', ONLY.resource, resource === undefined ? 'crossAccountNoResourcePolicy' : 'crossAccountResourceSilent', identity.allows);
  }

  const required = req.resourcePolicyRequired === true;
  if (!resourceAllows) {
    if (required) return verdict('implicitDeny', ONLY.resource, resource === undefined ? 'requiredNoResourcePolicy' : 'requiredResourceSilent');
    if (identitySide) return verdict('allowed', ONLY.identity, 'identityAllowed', identityGrant(sets));
    if (identityAllows) return verdict('implicitDeny', ONLY[identityLack(sets)], 'identityLimited', identity.allows);
    return verdict('implicitDeny', ONLY.identity, 'nothingAllows');
  }

  // Same account, and the resource policy has Allows: which of them stand on their own?
  const naming: StatementMatch[] = [];
  const direct: StatementMatch[] = [];
  const delegating: StatementMatch[] = [];
  for (const m of resource.allows) {
    const standing = required ? m.principalMatch === 'specific' || m.principalMatch === 'role' : m.principalMatch !== 'account';
    if (!standing) delegating.push(m);
    else {
      naming.push(m);
      if ((boundaryAllows || escapesBoundary(m, principal)) && (sessionAllows || escapesSession(m, principal))) direct.push(m);
    }
  }
  if (direct.length > 0) return verdict('allowed', ONLY.resource, 'resourceAllowed', direct);
  if (identitySide) {
    return verdict('allowed', required ? BOTH : ONLY.identity, 'identityAllowed', delegating.length === 0 ? identityGrant(sets) : [...identityGrant(sets), ...delegating]);
  }

  let out: Verdict;
  if (identityAllows) out = verdict('implicitDeny', ONLY[identityLack(sets)], 'identityLimited', identity.allows);
  else if (required) out = verdict('implicitDeny', ONLY.identity, 'indirectTrustNoIdentity', delegating.length > 0 ? delegating : naming);
  else if (delegating.length > 0) out = verdict('implicitDeny', ONLY.identity, 'accountDelegatesNoIdentity', delegating);
  else out = verdict('implicitDeny', !boundaryAllows ? ONLY.boundary : ONLY.session, 'namedButLimited', naming);
  if (naming.length > 0) out.limited = naming;
  if (delegating.length > 0) out.delegating = delegating;
  return out;
}
