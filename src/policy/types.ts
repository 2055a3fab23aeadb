/**
 * IAM policy model and evaluation types. Pure: no I/O, no clock.
 * Outcomes use IAM's own words.
 */

export type Effect = 'Allow' | 'Deny';

/** A principal element, normalised: every value is a list. */
export interface PrincipalBlock {
  /** '*' alone means everyone (Principal: "*"). */
  wildcard?: boolean;
  AWS?: string[];
  Service?: string[];
  Federated?: string[];
  CanonicalUser?: string[];
}

/** Condition block: operator -> key -> values. */
export type ConditionBlock = Record<string, Record<string, string[]>>;

export interface Statement {
  /** Index within the policy's Statement list (0-based), for explanations. */
  index: number;
  sid?: string;
  effect: Effect;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  principal?: PrincipalBlock;
  notPrincipal?: PrincipalBlock;
  condition?: ConditionBlock;
}

export interface Policy {
  version?: string;
  id?: string;
  statements: Statement[];
}

/** A policy with a name saying where it came from (for explanations). */
export interface NamedPolicy {
  /** e.g. 'arn:aws:iam::111111111111:policy/InvokeOrders' or 'role/ApiInvokerRole#trust' */
  name: string;
  kind: 'identity' | 'resource' | 'trust' | 'boundary' | 'session' | 'scp';
  policy: Policy;
}

export interface PolicyProblem {
  /** JSON path of the offending element, e.g. '/Statement/0/Effect'. */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; policy: Policy } | { ok: false; problems: PolicyProblem[] };

/** Who is asking. */
export interface PrincipalIdentity {
  /** e.g. arn:aws:iam::222222222222:user/ci-caller, arn:aws:sts::111111111111:assumed-role/R/session */
  arn: string;
  accountId: string;
  type: 'user' | 'assumedRole' | 'role' | 'root' | 'anonymous';
  /** For assumed-role sessions: the role's ARN (arn:aws:iam::<acct>:role/<path><name>). */
  roleArn?: string;
  /** aws:userid (AIDA… for users, AROA…:session for assumed roles). */
  userId?: string;
}

export type ContextValue = string | string[];

export interface AuthorizationRequest {
  principal: PrincipalIdentity;
  /** e.g. 'execute-api:Invoke', 'sts:AssumeRole' (service prefix lower-case by convention; matched case-insensitively). */
  action: string;
  resource: string;
  /** The account that owns the resource. */
  resourceAccount: string;
  /** Request context keys (aws:SourceIp, …); keys matched case-insensitively. */
  context?: Record<string, ContextValue>;
  /** The principal's identity-based policies (managed and inline, user or role). */
  identityPolicies: NamedPolicy[];
  /** The resource-based policy, if any (a role's trust policy for sts:AssumeRole). */
  resourcePolicy?: NamedPolicy;
  /**
   * When true, the resource policy must allow even within one account (role trust
   * policies behave this way for sts:AssumeRole).
   */
  resourcePolicyRequired?: boolean;
}

export type EvalDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

/** Why one statement applied. */
export interface StatementMatch {
  policy: string;
  kind: NamedPolicy['kind'];
  statementIndex: number;
  sid?: string;
  effect: Effect;
  /** For resource and trust policies: how the Principal element named the principal. */
  principalMatch?: PrincipalMatchKind;
  /** Set when the statement could not be evaluated; a Deny then applies anyway (fail closed). */
  unevaluable?: string;
  /** For near misses: why the statement did not match. */
  reason?: string;
}

export interface AuthorizationResult {
  decision: EvalDecision;
  /** Statements that matched the request (allows and denies). */
  matchedStatements: StatementMatch[];
  /** Per layer: what each side decided, e.g. { identity: 'allowed', resource: 'implicitDeny' }. */
  layers: { identity: EvalDecision; resource?: EvalDecision };
  /** One sentence in plain words, e.g. 'explicitly denied by statement 1 (Sid DenyDelete) of policy X'. */
  explanation: string;
}

/* ---- Additions for the evaluator's seams (statement → policy set → layers). ---- */

/** Options for parsePolicy: the kind enables kind-specific checks (e.g. no Principal in identity policies). */
export interface ParseOptions {
  kind?: NamedPolicy['kind'];
}

/** Three-valued truth: 'unknown' when a policy element cannot be evaluated (e.g. an unknown condition operator). */
export type Truth = 'true' | 'false' | 'unknown';

/** How a Principal element named the requesting principal, strongest first. */
export type PrincipalMatchKind = 'specific' | 'account' | 'wildcard';

/** What statementMatches sees: the request, with the context already resolved, plus where the statement lives. */
export interface StatementRequest {
  principal: PrincipalIdentity;
  action: string;
  resource: string;
  /** Context keys lower-cased, global keys derived from the principal filled in. */
  context: ReadonlyMap<string, ContextValue>;
  policyKind: NamedPolicy['kind'];
  /** The policy's Version; policy variables are only substituted under '2012-10-17'. */
  policyVersion?: string;
}

export interface StatementMatchResult {
  matches: boolean;
  /** Why it matched or not, in plain words. */
  reason: string;
  /**
   * Set when some element could not be evaluated. The statement then fails closed:
   * an Allow does not match, a Deny does.
   */
  unevaluable?: string;
  /** For statements with Principal/NotPrincipal: how the principal was named. */
  principalMatch?: PrincipalMatchKind;
  /** When it does not match: the first element that ruled it out. */
  failedElement?: 'action' | 'principal' | 'resource' | 'condition';
}

/** The outcome of one layer (a set of policies of one kind). */
export interface PolicySetResult {
  decision: EvalDecision;
  allows: StatementMatch[];
  denies: StatementMatch[];
  /** Allow statements that could not be evaluated and so did not allow (fail closed). */
  skipped: StatementMatch[];
  /** Allow statements for the action that missed on principal, resource or condition (with `reason`). */
  nearMisses: StatementMatch[];
}
