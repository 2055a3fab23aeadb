import { compiledStatement } from './compilePolicy.ts';
import { evaluateStatement, fromContext, reasonOf } from './evaluateStatement.ts';
import type { Statement, StatementMatchResult, StatementRequest } from './types.ts';

/**
 * Does one statement apply to the request? Effect is not looked at here except to
 * fail closed: every element (Action, Principal, Resource, Condition) is true,
 * false or unknown; a false one means no match, all true means a match, and
 * otherwise the statement cannot be evaluated — an Allow then does not match and
 * a Deny does.
 */
export function statementMatches(statement: Statement, request: StatementRequest): StatementMatchResult {
  const variables = request.policyVersion === '2012-10-17';
  const cs = compiledStatement(statement, variables);
  const prepared = fromContext(request.principal, request.action, request.resource, request.context, request.hasPermissionsBoundary === true);
  const o = evaluateStatement(cs, request.policyKind, variables, prepared);
  const reason = reasonOf(cs, o, prepared);
  const result: StatementMatchResult = { matches: o.matches, reason };
  if (o.failed !== undefined) result.failedElement = o.failed;
  if (o.unknown !== undefined) result.unevaluable = o.unknown;
  if (o.principalMatch !== undefined && o.matches) result.principalMatch = o.principalMatch;
  if (o.conditionFailure !== undefined) result.failedCondition = o.conditionFailure;
  if (o.missing !== undefined) result.missingContextKeys = [...new Set(o.missing)];
  return result;
}
