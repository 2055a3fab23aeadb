export type {
  AuthorizationRequest,
  AuthorizationResult,
  ConditionBlock,
  ConditionFailure,
  ContextValue,
  DecisionRule,
  Effect,
  EvalDecision,
  PolicyType,
  PolicyTypeDecisions,
  NamedPolicy,
  ParseOptions,
  ParseResult,
  Policy,
  PolicyProblem,
  PolicySetResult,
  PrincipalBlock,
  PrincipalIdentity,
  PrincipalMatchKind,
  Rule,
  SourcePosition,
  SourceRange,
  Statement,
  StatementMatch,
  StatementMatchResult,
  StatementRequest,
  Truth,
} from './types.ts';

// Reading documents
export { parsePolicy } from './parsePolicy.ts';
export { normalizePolicy } from './normalizePolicy.ts';
export { statementPositions } from './sourcePositions.ts';
export { SUPPORTED_VERSIONS } from './checkPolicy.ts';

// Deciding
export { authorize } from './authorize.ts';
export { compilePolicy } from './compilePolicy.ts';
export { evaluatePolicySet, policySetRequest, type PolicySetRequest } from './evaluatePolicySet.ts';
export { statementMatches } from './statementMatches.ts';

// Explaining
export { describeStatement, describeStatements, kindLabel, POLICY_TYPE_OF } from './explain.ts';
export { describeConditionFailure } from './conditions/describeCondition.ts';

// Building blocks other parts of crossgate reuse (static checks, the emulator)
export { buildRequestContext, principalKeys } from './requestContext.ts';
export { principalFromArn } from './principalFromArn.ts';
export { actionMatches } from './matchAction.ts';
export { resourceMatches } from './matchResource.ts';
export { principalMatch, awsPrincipalMatch } from './matchPrincipal.ts';
export { matchesWildcard, wildcardPattern, literalPattern, matchPattern, type Pattern } from './pattern.ts';
export { compileGlob, type Matcher } from './glob.ts';
export { substituteVariables, hasPolicyVariables, variableKeys, type VariableLookup } from './policyVariables.ts';
export { parseOperator, OPERATOR_NAMES } from './conditions/operators.ts';
