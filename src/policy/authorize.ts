import { describeDenies, describeNearMisses, describeStatements, describeUnevaluable, kindLabel } from './explain.ts';
import { evaluatePolicySet, policySetRequest } from './evaluatePolicySet.ts';
import type { AuthorizationRequest, AuthorizationResult, EvalDecision, NamedPolicy, PolicySetResult, StatementMatch } from './types.ts';

const NOTHING: PolicySetResult = { decision: 'implicitDeny', allows: [], denies: [], skipped: [], nearMisses: [] };

/**
 * AWS's evaluation logic for identity policies plus one resource-based policy:
 *
 * 1. An explicit Deny in any policy wins.
 * 2. Cross-account: the identity side and the resource policy must both allow.
 * 3. Same account: either side allowing is enough — except that a resource-policy
 *    Allow naming only the account (its id or :root) delegates to the account's
 *    identity policies, which must then allow too.
 * 4. resourcePolicyRequired (role trust policies): the resource policy must allow
 *    even in the same account, and only an Allow naming the caller specifically
 *    (user, role or session ARN) stands without an identity-policy Allow.
 * 5. Anonymous callers have no identity policies: only the resource policy counts.
 *
 * Assumes validated policies (see parsePolicy); anything it still cannot evaluate
 * fails closed.
 */
export function authorize(req: AuthorizationRequest): AuthorizationResult {
  const base = policySetRequest(req);
  const anonymous = req.principal.type === 'anonymous';
  const identity = anonymous ? NOTHING : evaluatePolicySet(req.identityPolicies, base);
  const resource = req.resourcePolicy === undefined ? undefined : evaluatePolicySet([req.resourcePolicy], base);

  const layers: AuthorizationResult['layers'] = { identity: identity.decision };
  if (resource !== undefined) layers.resource = resource.decision;
  const matchedStatements = [...ordered(identity), ...(resource === undefined ? [] : ordered(resource))];
  const skipped = [...identity.skipped, ...(resource?.skipped ?? [])];

  const denies = [...identity.denies, ...(resource?.denies ?? [])];
  if (denies.length > 0) {
    return { decision: 'explicitDeny', matchedStatements, layers, explanation: `explicitly denied by ${describeDenies(denies)}` };
  }

  const verdict = combine(req, identity, resource, req.resourcePolicy);
  const misses = verdict.decision === 'allowed' ? '' : describeNearMisses([...identity.nearMisses, ...(resource?.nearMisses ?? [])]);
  return {
    decision: verdict.decision,
    matchedStatements,
    layers,
    explanation: `${verdict.explanation}${misses}${describeUnevaluable(skipped)}`,
  };
}

function ordered(set: PolicySetResult): StatementMatch[] {
  return [...set.denies, ...set.allows];
}

interface Verdict {
  decision: EvalDecision;
  explanation: string;
}

function combine(
  req: AuthorizationRequest,
  identity: PolicySetResult,
  resource: PolicySetResult | undefined,
  resourcePolicy: NamedPolicy | undefined,
): Verdict {
  const who = req.principal.arn;
  const what = `${req.action} on ${req.resource}`;
  const identityAllows = identity.allows.length > 0;
  const resourceAllows = resource !== undefined && resource.allows.length > 0;
  const resourceName = resourcePolicy === undefined ? '' : `${kindLabel(resourcePolicy.kind)} ${resourcePolicy.name}`;
  const allowed = (by: StatementMatch[]): Verdict => ({ decision: 'allowed', explanation: `allowed by ${describeStatements(by)}` });
  const denied = (why: string): Verdict => ({ decision: 'implicitDeny', explanation: `implicitly denied: ${why}` });

  if (req.principal.type === 'anonymous') {
    if (resource !== undefined && resourceAllows) return allowed(resource.allows);
    return denied(`anonymous callers need a resource policy that allows ${what}, and ${resource === undefined ? 'there is none' : `no statement of ${resourceName} does`}`);
  }

  const sameAccount = req.principal.accountId === req.resourceAccount;
  const required = req.resourcePolicyRequired === true;

  if (!sameAccount) {
    if (identityAllows && resourceAllows) return allowed([...identity.allows, ...(resource?.allows ?? [])]);
    const need = `cross-account access needs both an identity policy of ${who} and a resource policy of account ${req.resourceAccount} to allow ${what}`;
    if (!identityAllows && !resourceAllows) return denied(`${need}, and neither does`);
    if (!identityAllows) return denied(`${need}; ${describeStatements(resource?.allows ?? [])} allows it but no identity policy does`);
    if (resource === undefined) return denied(`${need}; ${describeStatements(identity.allows)} allows it but there is no resource policy`);
    return denied(`${need}; ${describeStatements(identity.allows)} allows it but no statement of ${resourceName} does`);
  }

  // Same account. Which resource-policy Allows stand on their own?
  const direct = (resource?.allows ?? []).filter((m) =>
    required ? m.principalMatch === 'specific' : m.principalMatch !== 'account',
  );
  const delegating = (resource?.allows ?? []).filter((m) => !direct.includes(m));

  if (direct.length > 0) return allowed(direct);
  if (required) {
    if (resource === undefined) return denied(`${what} needs a resource policy that allows it, and there is none`);
    if (!resourceAllows) return denied(`no statement of ${resourceName} allows ${who}, and it must even within one account`);
    if (identityAllows) return allowed([...identity.allows, ...delegating]);
    const how = delegating.every((m) => m.principalMatch === 'account') ? 'only through its account' : 'only through its account or a wildcard, not by ARN';
    return denied(`${describeStatements(delegating)} trusts ${who} ${how}, so an identity policy must also allow ${req.action}, and none does`);
  }
  if (identityAllows) return allowed([...identity.allows, ...delegating]);
  if (delegating.length > 0) {
    return denied(`${describeStatements(delegating)} names only the account ${req.resourceAccount}, which leaves the grant to identity policies, and none allows ${what}`);
  }
  return denied(`no statement allows ${what} for ${who}`);
}

