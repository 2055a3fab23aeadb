import { buildRequestContext } from './requestContext.ts';
import { statementMatches } from './statementMatches.ts';
import type { AuthorizationRequest, NamedPolicy, PolicySetResult, StatementMatch, StatementRequest } from './types.ts';

/** The request as every statement sees it; build it once per authorization. */
export type PolicySetRequest = Omit<StatementRequest, 'policyKind' | 'policyVersion'>;

export function policySetRequest(req: Pick<AuthorizationRequest, 'principal' | 'action' | 'resource' | 'context'>): PolicySetRequest {
  return {
    principal: req.principal,
    action: req.action,
    resource: req.resource,
    context: buildRequestContext(req.principal, req.context),
  };
}

/**
 * One layer: any matching Deny → explicitDeny; else any matching Allow → allowed;
 * else implicitDeny. Layers (identity, resource, and later boundaries, session
 * policies, SCPs) are combined by authorize.
 */
export function evaluatePolicySet(policies: readonly NamedPolicy[], request: PolicySetRequest): PolicySetResult {
  const allows: StatementMatch[] = [];
  const denies: StatementMatch[] = [];
  const skipped: StatementMatch[] = [];
  const nearMisses: StatementMatch[] = [];
  for (const named of policies) {
    const statementRequest: StatementRequest = { ...request, policyKind: named.kind };
    if (named.policy.version !== undefined) statementRequest.policyVersion = named.policy.version;
    for (const statement of named.policy.statements) {
      const result = statementMatches(statement, statementRequest);
      const match: StatementMatch = {
        policy: named.name,
        kind: named.kind,
        statementIndex: statement.index,
        effect: statement.effect,
      };
      if (statement.sid !== undefined) match.sid = statement.sid;
      if (result.principalMatch !== undefined) match.principalMatch = result.principalMatch;
      if (result.unevaluable !== undefined) match.unevaluable = result.unevaluable;
      if (result.matches) (statement.effect === 'Deny' ? denies : allows).push(match);
      else if (result.unevaluable !== undefined) skipped.push(match);
      else if (statement.effect === 'Allow' && result.failedElement !== 'action') nearMisses.push({ ...match, reason: result.reason });
    }
  }
  const decision = denies.length > 0 ? 'explicitDeny' : allows.length > 0 ? 'allowed' : 'implicitDeny';
  return { decision, allows, denies, skipped, nearMisses };
}
