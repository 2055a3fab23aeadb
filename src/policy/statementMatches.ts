import { evaluateCondition } from './conditions/evaluateCondition.ts';
import { anyActionMatches } from './matchAction.ts';
import { notPrincipalApplies, principalMatch } from './matchPrincipal.ts';
import { resourceMatches } from './matchResource.ts';
import { substituteVariables } from './policyVariables.ts';
import { variableValue } from './requestContext.ts';
import type { NamedPolicy, PrincipalMatchKind, Statement, StatementMatchResult, StatementRequest, Truth } from './types.ts';

/** Kinds of policy whose statements name principals. */
const NAMES_PRINCIPALS: ReadonlySet<NamedPolicy['kind']> = new Set(['resource', 'trust']);

interface Element {
  name: NonNullable<StatementMatchResult['failedElement']>;
  truth: Truth;
  reason: string;
}

/**
 * Does one statement apply to the request? Effect is not looked at here except to
 * fail closed: every element (Action, Principal, Resource, Condition) is true,
 * false or unknown; a false one means no match, all true means a match, and
 * otherwise the statement cannot be evaluated — an Allow then does not match and
 * a Deny does.
 */
export function statementMatches(statement: Statement, request: StatementRequest): StatementMatchResult {
  const elements: Element[] = [];
  let principal: PrincipalMatchKind | undefined;

  elements.push(actionElement(statement, request.action));
  if (NAMES_PRINCIPALS.has(request.policyKind)) {
    const p = principalElement(statement, request);
    principal = p.match;
    elements.push(p);
  }
  elements.push(resourceElement(statement, request));
  if (statement.condition !== undefined && !elements.some((e) => e.truth === 'false')) {
    const c = evaluateCondition(statement.condition, request.context, { variables: variablesOn(request) });
    elements.push({ name: 'condition', truth: c.truth, reason: c.reason ?? 'conditions hold' });
  }

  const failed = elements.find((e) => e.truth === 'false');
  if (failed !== undefined) return { matches: false, reason: failed.reason, failedElement: failed.name };
  const withPrincipal = (r: StatementMatchResult): StatementMatchResult =>
    principal === undefined ? r : { ...r, principalMatch: principal };
  const unknown = elements.find((e) => e.truth === 'unknown');
  if (unknown === undefined) return withPrincipal({ matches: true, reason: 'action, resource, principal and conditions match' });
  return statement.effect === 'Deny'
    ? withPrincipal({ matches: true, reason: `${unknown.reason}; a Deny that cannot be evaluated applies (fail closed)`, unevaluable: unknown.reason })
    : { matches: false, reason: `${unknown.reason}; an Allow that cannot be evaluated never allows`, unevaluable: unknown.reason };
}

function variablesOn(request: StatementRequest): boolean {
  return request.policyVersion === '2012-10-17';
}

function actionElement(statement: Statement, action: string): Element {
  if (statement.action !== undefined) {
    return anyActionMatches(statement.action, action)
      ? { name: 'action', truth: 'true', reason: 'Action matches' }
      : { name: 'action', truth: 'false', reason: `Action does not include ${action}` };
  }
  if (statement.notAction !== undefined) {
    return anyActionMatches(statement.notAction, action)
      ? { name: 'action', truth: 'false', reason: `NotAction excludes ${action}` }
      : { name: 'action', truth: 'true', reason: 'NotAction does not exclude the action' };
  }
  return { name: 'action', truth: 'unknown', reason: 'it has neither Action nor NotAction' };
}

function principalElement(statement: Statement, request: StatementRequest): Element & { match?: PrincipalMatchKind } {
  if (statement.principal !== undefined) {
    const match = principalMatch(statement.principal, request.principal);
    return match === undefined
      ? { name: 'principal', truth: 'false', reason: `Principal does not name ${request.principal.arn}` }
      : { name: 'principal', truth: 'true', reason: `Principal names the caller (${match})`, match };
  }
  if (statement.notPrincipal !== undefined) {
    if (statement.effect === 'Allow') return { name: 'principal', truth: 'unknown', reason: 'AWS supports NotPrincipal only with Deny' };
    return notPrincipalApplies(statement.notPrincipal, request.principal)
      ? { name: 'principal', truth: 'true', reason: 'NotPrincipal does not exclude the caller' }
      : { name: 'principal', truth: 'false', reason: `NotPrincipal excludes ${request.principal.arn}` };
  }
  return { name: 'principal', truth: 'unknown', reason: 'it has neither Principal nor NotPrincipal' };
}

function resourceElement(statement: Statement, request: StatementRequest): Element {
  const list = statement.resource ?? statement.notResource;
  if (list === undefined) {
    // Trust policies name no resource: the role they are attached to is the resource.
    return request.policyKind === 'trust'
      ? { name: 'resource', truth: 'true', reason: 'trust policies apply to their role' }
      : { name: 'resource', truth: 'unknown', reason: 'it has neither Resource nor NotResource' };
  }
  const lookup = (key: string) => variableValue(request.context, key);
  const variables = variablesOn(request);
  const missing = new Set<string>();
  const hit = list.some((text) => {
    const sub = substituteVariables(text, lookup, { wildcards: true, variables });
    if (!sub.ok) missing.add(sub.missing);
    return sub.ok && resourceMatches(sub.pattern, request.resource);
  });
  const lacking = missing.size === 0 ? '' : ` (the request has no ${[...missing].join(', ')} for its policy variables)`;
  if (statement.resource !== undefined) {
    return hit ? { name: 'resource', truth: 'true', reason: 'Resource matches' } : { name: 'resource', truth: 'false', reason: `Resource does not include ${request.resource}${lacking}` };
  }
  return hit
    ? { name: 'resource', truth: 'false', reason: `NotResource excludes ${request.resource}` }
    : { name: 'resource', truth: 'true', reason: 'NotResource does not exclude the resource' };
}
