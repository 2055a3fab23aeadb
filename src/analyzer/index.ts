/**
 * crossgate's IAM Access Analyzer: policy validation and the custom policy checks
 * (CheckAccessNotGranted, CheckNoNewAccess, CheckNoPublicAccess), pure and offline.
 * The embedded AWS serves them on the wire; the harness can call them directly.
 *
 * The access checks decide by reasoning over the policy's patterns and conditions,
 * never by sampling requests: a PASS is a guarantee, and whatever crossgate cannot
 * prove is a FAIL whose reason says so.
 */
export * from './types.ts';

// ValidatePolicy
export { validatePolicy, type ValidatePolicyInput } from './validate/validatePolicy.ts';
export type { ValidateOptions } from './validate/context.ts';
export { ISSUES, findingDetails, learnMoreLink, type IssueCode, type IssueDefinition } from './validate/issues.ts';
export type { ConditionKeyInfo, IamCatalog } from './catalog.ts';

// Custom policy checks, on documents…
export { checkAccessNotGranted, ACCESS_NOT_GRANTED_MESSAGES, type CheckAccessNotGrantedInput } from './customChecks/checkAccessNotGranted.ts';
export { checkNoNewAccess, NO_NEW_ACCESS_MESSAGES, type CheckNoNewAccessInput } from './customChecks/checkNoNewAccess.ts';
export { checkNoPublicAccess, NO_PUBLIC_ACCESS_MESSAGES, TRUST_POLICY_TYPE, type CheckNoPublicAccessInput, type PublicGrant } from './customChecks/checkNoPublicAccess.ts';
// …and on policies already read
export { readPolicy } from './customChecks/readPolicy.ts';
export { accessNotGranted } from './customChecks/checkAccessNotGranted.ts';
export { noNewAccess } from './customChecks/checkNoNewAccess.ts';
export { noPublicAccess, publicGrants } from './customChecks/checkNoPublicAccess.ts';
export { policyModel, type PolicyKind, type PolicyModel, type StatementModel } from './model/statementModel.ts';

// Building blocks: sets of actions and resources as globs
export { Budget } from './glob/emptiness.ts';
export { intersects, isSubset, contains, union, single, complement, UNIVERSE, NOTHING, type GlobSet, type Answer, type Overlap } from './glob/sets.ts';
export { actionGlob, resourceGlob, resourceGlobs, type ResourceGlobs } from './glob/iamPatterns.ts';
export type { Glob } from './glob/glob.ts';

export { ANALYZER_LIMITS, documentProblem, describeDocumentProblem, nestingDepth } from './limits.ts';
