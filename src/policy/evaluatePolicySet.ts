import { compilePolicy } from './compilePolicy.ts';
import { evaluateStatement, fromContext, reasonOf, type PreparedRequest } from './evaluateStatement.ts';
import { buildRequestContext } from './requestContext.ts';
import type { AuthorizationRequest, ConditionFailure, NamedPolicy, PolicySetResult, StatementMatch, StatementRequest } from './types.ts';

/** The request as every statement sees it; build it once per authorization. */
export type PolicySetRequest = Omit<StatementRequest, 'policyKind' | 'policyVersion'>;

export function policySetRequest(req: Pick<AuthorizationRequest, 'principal' | 'action' | 'resource' | 'context' | 'principalContext'>): PolicySetRequest {
  return {
    principal: req.principal,
    action: req.action,
    resource: req.resource,
    context: buildRequestContext(req.principal, req.context, req.principalContext !== false),
  };
}

/** What a policy type's evaluation gathers beyond its decision, for the explanation: false conditions, missing context keys. */
export interface EvaluationNotes {
  /** Created on first need. */
  failedConditions?: ConditionFailure[];
  /** Distinct, in the order first met; created on first need. */
  missing?: string[];
}

/**
 * One policy type: any matching Deny → explicitDeny; else any matching Allow → allowed;
 * else implicitDeny. Layers (SCPs, resource, identity, boundary, session) are
 * combined by authorize.
 */
export function evaluatePolicySet(policies: readonly NamedPolicy[], request: PolicySetRequest): PolicySetResult {
  return evaluatePolicyType(policies, fromContext(request.principal, request.action, request.resource, request.context, request.hasPermissionsBoundary === true), undefined, true);
}

/**
 * One policy type over a prepared request. Near misses (with their reasons) are gathered
 * only when asked for: authorize asks again when an explanation is read.
 */
const NONE: readonly StatementMatch[] = Object.freeze([]);

export function evaluatePolicyType(policies: readonly NamedPolicy[], r: PreparedRequest, notes?: EvaluationNotes, withNearMisses = false): PolicySetResult {
  let allows: StatementMatch[] | undefined;
  let denies: StatementMatch[] | undefined;
  let skipped: StatementMatch[] | undefined;
  let nearMisses: StatementMatch[] | undefined;
  for (const named of policies) {
    const compiled = compilePolicy(named.policy);
    for (const cs of compiled.statements) {
      const o = evaluateStatement(cs, named.kind, compiled.variables, r);
      if (o.failed === 'action') continue;
      const statement = cs.statement;
      if (notes !== undefined) {
        if (o.missing !== undefined) {
          const missing = (notes.missing ??= []);
          for (const k of o.missing) if (!missing.includes(k)) missing.push(k);
        }
        const d = o.conditionFailure;
        if (d !== undefined) {
          const f: ConditionFailure = { policy: named.name, kind: named.kind, statementIndex: statement.index, effect: statement.effect, operator: d.operator, key: d.key, values: d.values, why: d.why };
          if (statement.sid !== undefined) f.sid = statement.sid;
          if (d.actual !== undefined) f.actual = d.actual;
          (notes.failedConditions ??= []).push(f);
        }
      }
      const isDeny = statement.effect === 'Deny';
      if (!o.matches && o.unknown === undefined && (isDeny || !withNearMisses)) continue;
      const match: StatementMatch = { policy: named.name, kind: named.kind, statementIndex: statement.index, effect: statement.effect };
      if (statement.sid !== undefined) match.sid = statement.sid;
      if (o.principalMatch !== undefined) match.principalMatch = o.principalMatch;
      if (o.unknown !== undefined) match.unevaluable = o.unknown;
      if (statement.position !== undefined) match.position = statement.position;
      if (o.matches) (isDeny ? (denies ??= []) : (allows ??= [])).push(match);
      else if (o.unknown !== undefined) (skipped ??= []).push(match);
      else {
        match.reason = reasonOf(cs, o, r);
        (nearMisses ??= []).push(match);
      }
    }
  }
  const decision = denies !== undefined ? 'explicitDeny' : allows !== undefined ? 'allowed' : 'implicitDeny';
  return { decision, allows: allows ?? NONE, denies: denies ?? NONE, skipped: skipped ?? NONE, nearMisses: nearMisses ?? NONE };
}
