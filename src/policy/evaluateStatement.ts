/**
 * The core of the evaluator: does one compiled statement apply to a prepared
 * request? Outcomes are data; the words that explain them are built only when an
 * explanation needs them (reasonOf).
 */
import { evaluateCompiledCondition, missingKeys, type ConditionFailureDetail } from './conditions/compileCondition.ts';
import { describeConditionFailure } from './conditions/describeCondition.ts';
import { actionSetMatches, type CompiledResource, type CompiledStatement } from './compilePolicy.ts';
import { compiledNotPrincipalApplies, compiledPrincipalMatch } from './matchPrincipal.ts';
import { compileResourcePattern, type ResourceMatcher } from './matchResource.ts';
import { slotValues, substituteVariables, type VariableLookup, type VariableSlots } from './policyVariables.ts';
import { RequestContextView, variableValue, type ContextLookup } from './requestContext.ts';
import type { AuthorizationRequest, NamedPolicy, PrincipalIdentity, PrincipalMatchKind } from './types.ts';

/** A request ready for many statements: lower-cased action, split resource, resolved context. */
export interface PreparedRequest {
  principal: PrincipalIdentity;
  action: string;
  actionLower: string;
  resource: string;
  /** Split on first need (null until then). */
  resourceParts: string[] | undefined | null;
  resourcePrefix: string | undefined | null;
  context: ContextLookup;
  hasPermissionsBoundary: boolean;
}

export function prepareRequest(
  req: Pick<AuthorizationRequest, 'principal' | 'action' | 'resource' | 'context' | 'principalContext'>,
  hasPermissionsBoundary = false,
): PreparedRequest {
  const context = new RequestContextView(req.principal, req.context, req.principalContext !== false);
  return fromContext(req.principal, req.action, req.resource, context, hasPermissionsBoundary);
}

export function fromContext(
  principal: PrincipalIdentity,
  action: string,
  resource: string,
  context: ContextLookup,
  hasPermissionsBoundary = false,
): PreparedRequest {
  return {
    principal,
    action,
    actionLower: action.toLowerCase(),
    resource,
    resourceParts: null,
    resourcePrefix: null,
    context,
    hasPermissionsBoundary,
  };
}

function lookupOf(context: ContextLookup): VariableLookup {
  return (k) => variableValue(context, k);
}

/** A Resource pattern with policy variables, resolved for this request's values (cached by those values). */
function resolveResource(res: CompiledResource, r: PreparedRequest, variables: boolean): { matcher: ResourceMatcher } | { missing: string } {
  const cache = res.resolved as Map<string, { matcher: ResourceMatcher } | { missing: string }>;
  const key = slotValues(res.slots as VariableSlots, (lower) => r.context.get(lower));
  let hit = cache.get(key);
  if (hit === undefined) {
    const sub = substituteVariables(res.text, lookupOf(r.context), { wildcards: true, variables });
    hit = sub.ok ? { matcher: compileResourcePattern(sub.pattern) } : { missing: sub.missing };
    if (cache.size >= RESOLVED_LIMIT) cache.clear();
    cache.set(key, hit);
  }
  return hit;
}

/** Resolved patterns kept per Resource: enough for every principal tag value an estate uses. */
const RESOLVED_LIMIT = 1024;

export type Element = 'action' | 'principal' | 'resource' | 'condition';

export interface Outcome {
  matches: boolean;
  /** The first element that was false (then matches is false). */
  failed?: Element;
  /** Why the first element that could not be evaluated could not (fail closed: a Deny then matches, an Allow does not). */
  unknown?: string;
  principalMatch?: PrincipalMatchKind;
  /** NotPrincipal applied only because the principal has a permissions boundary. */
  boundaryNotPrincipal?: boolean;
  conditionFailure?: ConditionFailureDetail;
  /** Context keys the statement's conditions or Resource variables asked for and the request lacked. */
  missing?: string[];
}

const ACTION_MISS: Outcome = { matches: false, failed: 'action' };
const PRINCIPAL_MISS: Outcome = { matches: false, failed: 'principal' };
const RESOURCE_MISS: Outcome = { matches: false, failed: 'resource' };
const MATCH: Outcome = { matches: true };

/** Kinds of policy whose statements name principals. */
export function namesPrincipals(kind: NamedPolicy['kind']): boolean {
  return kind === 'resource' || kind === 'trust' || kind === 'rcp';
}

/**
 * Every element (Action, Principal, Resource, Condition) is true, false or
 * unknown; the first false one means no match, all true a match, and otherwise
 * the statement cannot be evaluated: an Allow then does not match and a Deny does.
 */
export function evaluateStatement(cs: CompiledStatement, kind: NamedPolicy['kind'], variables: boolean, r: PreparedRequest): Outcome {
  const statement = cs.statement;
  let unknown: string | undefined;

  // Action
  if (cs.actions === undefined) unknown = 'it has neither Action nor NotAction';
  else if (actionSetMatches(cs.actions, r.actionLower) === cs.notAction) return ACTION_MISS;

  // Principal
  let principalMatch: PrincipalMatchKind | undefined;
  let boundaryNotPrincipal = false;
  if (namesPrincipals(kind)) {
    if (cs.principal !== undefined) {
      principalMatch = compiledPrincipalMatch(cs.principal, r.principal);
      if (principalMatch === undefined) return PRINCIPAL_MISS;
    } else if (cs.notPrincipal !== undefined) {
      if (statement.effect === 'Allow') unknown ??= 'AWS supports NotPrincipal only with Deny';
      else if (!compiledNotPrincipalApplies(cs.notPrincipal, r.principal)) {
        // AWS documents that a Deny with NotPrincipal always applies to principals with a permissions boundary.
        if (!r.hasPermissionsBoundary) return PRINCIPAL_MISS;
        boundaryNotPrincipal = true;
      }
    } else {
      unknown ??= 'it has neither Principal nor NotPrincipal';
    }
  }

  // Resource
  let missing: string[] | undefined;
  if (cs.resources === undefined) {
    // Trust policies name no resource: the role they are attached to is the resource.
    if (kind !== 'trust') unknown ??= 'it has neither Resource nor NotResource';
  } else {
    let hit = false;
    for (const res of cs.resources) {
      if (res.matcher !== undefined) {
        if (res.matcher(r)) {
          hit = true;
          break;
        }
        continue;
      }
      const resolved = resolveResource(res, r, variables);
      if ('missing' in resolved) {
        (missing ??= []).push(resolved.missing);
        continue;
      }
      if (resolved.matcher(r)) {
        hit = true;
        break;
      }
    }
    if (hit === cs.notResource) return missing === undefined ? RESOURCE_MISS : { matches: false, failed: 'resource', missing };
    // AWS: a variable it cannot resolve "might cause the entire statement to be invalid".
    // In NotResource that must not widen the statement to every resource: it does not apply.
    if (cs.notResource && missing !== undefined) return { matches: false, failed: 'resource', missing };
  }

  // Condition
  let conditionFailure: ConditionFailureDetail | undefined;
  if (cs.condition !== undefined) {
    const lacking = missingKeys(cs.condition, r.context);
    if (lacking !== undefined) missing = missing === undefined ? lacking : [...missing, ...lacking];
    const c = evaluateCompiledCondition(cs.condition, r.context, variables);
    if (c.truth === 'false') conditionFailure = c.failure;
    else if (c.truth === 'unknown') unknown ??= c.unknown;
  }

  if (conditionFailure !== undefined) {
    const out: Outcome = { matches: false, failed: 'condition', conditionFailure };
    if (principalMatch !== undefined) out.principalMatch = principalMatch;
    if (missing !== undefined) out.missing = missing;
    return out;
  }
  const matches = unknown === undefined || statement.effect === 'Deny';
  if (matches && unknown === undefined && principalMatch === undefined && missing === undefined && !boundaryNotPrincipal) return MATCH;
  const out: Outcome = { matches };
  if (unknown !== undefined) out.unknown = unknown;
  if (principalMatch !== undefined && matches) out.principalMatch = principalMatch;
  if (boundaryNotPrincipal) out.boundaryNotPrincipal = true;
  if (missing !== undefined) out.missing = missing;
  return out;
}

/** Why a statement did or did not apply, in plain words. */
export function reasonOf(cs: CompiledStatement, o: Outcome, r: Pick<PreparedRequest, 'action' | 'resource' | 'principal'>): string {
  const s = cs.statement;
  switch (o.failed) {
    case 'action':
      return cs.notAction ? `NotAction excludes ${r.action}` : `Action does not include ${r.action}`;
    case 'principal':
      return s.principal !== undefined ? `Principal does not name ${r.principal.arn}` : `NotPrincipal excludes ${r.principal.arn}`;
    case 'resource': {
      const lacking = o.missing === undefined ? '' : ` (the request has no ${[...new Set(o.missing)].join(', ')} for its policy variables)`;
      if (cs.notResource) return o.missing === undefined ? `NotResource excludes ${r.resource}` : `NotResource cannot be read${lacking}, so the statement does not apply`;
      return `Resource does not include ${r.resource}${lacking}`;
    }
    case 'condition':
      return o.conditionFailure === undefined ? 'a condition is false' : describeConditionFailure(o.conditionFailure);
    default:
      break;
  }
  if (o.unknown !== undefined) {
    return s.effect === 'Deny'
      ? `${o.unknown}; a Deny that cannot be evaluated applies (fail closed)`
      : `${o.unknown}; an Allow that cannot be evaluated never allows`;
  }
  if (o.boundaryNotPrincipal === true) return 'a Deny with NotPrincipal applies to every principal that has a permissions boundary';
  return 'action, resource, principal and conditions match';
}
