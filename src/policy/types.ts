import type { SourceRange } from '../text/position.ts';

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
  /** Where the statement sits in the JSON text it was parsed from (absent for documents given as objects). */
  position?: SourceRange;
}

/** Places in a policy's JSON text: 1-based line and column, 0-based offset (src/text). */
export type { SourcePosition, SourceRange } from '../text/position.ts';

export interface Policy {
  version?: string;
  id?: string;
  statements: Statement[];
}

/** A policy with a name saying where it came from (for explanations). */
export interface NamedPolicy {
  /** e.g. 'arn:aws:iam::111111111111:policy/InvokeOrders' or 'role/ApiInvokerRole#trust' */
  name: string;
  kind: 'identity' | 'resource' | 'trust' | 'boundary' | 'session' | 'scp' | 'rcp';
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
  /**
   * Principal tags: the user's or role's tags, with a session's tags taking their
   * place key by key. Each becomes aws:PrincipalTag/<key>.
   */
  tags?: Readonly<Record<string, string>>;
  /** The AWS Organizations id of the principal's organization (aws:PrincipalOrgID). */
  orgId?: string;
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
  /** The principal's permissions boundary: the most its identity policies may grant. */
  permissionsBoundary?: NamedPolicy;
  /**
   * Session policies passed when the session was created (inline and managed):
   * together they are the most the session may do. Absent or empty: no session policy.
   */
  sessionPolicies?: NamedPolicy[];
  /**
   * Service control policies of the principal's account, one list per level of the
   * organization (root first, the account last). Every level must allow.
   */
  scps?: NamedPolicy[][];
  /**
   * Resource control policies over the resource's account, one list per level of its
   * organization (root first, the account last). Every level must allow; unlike SCPs
   * they apply to every caller, anonymous ones and callers from outside the
   * organization included. The caller decides whether the action's service is one
   * RCPs cover.
   */
  rcps?: NamedPolicy[][];
  /**
   * Whether the global keys AWS derives from the principal (aws:PrincipalArn,
   * aws:username, aws:PrincipalTag/…) join the context. Default true; the IAM policy
   * simulator uses only the context entries it is given, so it passes false.
   */
  principalContext?: boolean;
}

/**
 * A policy type, in AWS's evaluation order: SCPs, RCPs, resource-based, identity-based,
 * permissions boundary, session policies. (In crossgate a "layer" is a kind of check:
 * static, simulation, analyzer, end to end.)
 */
export type PolicyType = 'scp' | 'rcp' | 'resource' | 'identity' | 'boundary' | 'session';

/** Why a condition did not hold. */
export interface ConditionFailure {
  policy: string;
  kind: NamedPolicy['kind'];
  statementIndex: number;
  sid?: string;
  effect: Effect;
  /** As written, e.g. 'ForAnyValue:StringLike'. */
  operator: string;
  key: string;
  values: string[];
  /**
   * - keyMissing: the request has no such key (and the operator needs one);
   * - valueMismatch: the key is there but its values do not satisfy the operator;
   * - keyPresent: a Null condition asked for the key to be absent;
   * - variableMissing: a policy variable in the values has no value in the request.
   */
  why: 'keyMissing' | 'valueMismatch' | 'keyPresent' | 'variableMissing';
  /** The request's values for the key, when it has any. */
  actual?: string[];
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
  /** Where the statement sits in its policy's JSON text, when it was parsed from text. */
  position?: SourceRange;
}

/**
 * The rule of AWS's policy evaluation logic that decided a request (src/policy/decide.ts
 * applies them; src/policy/explain.ts puts each into words). 'explicitDeny': a Deny
 * statement matched, whatever else applied.
 */
export type Rule =
  | 'anonymousAllowed'
  | 'anonymousDenied'
  | 'scpLacking'
  | 'rcpLacking'
  | 'crossAccountAllowed'
  | 'crossAccountNeither'
  | 'crossAccountNoIdentity'
  | 'crossAccountIdentityLimited'
  | 'crossAccountNoResourcePolicy'
  | 'crossAccountResourceSilent'
  | 'requiredNoResourcePolicy'
  | 'requiredResourceSilent'
  | 'resourceAllowed'
  | 'identityAllowed'
  | 'identityLimited'
  | 'indirectTrustNoIdentity'
  | 'accountDelegatesNoIdentity'
  | 'namedButLimited'
  | 'nothingAllows';

export type DecisionRule = Rule | 'explicitDeny';

export interface AuthorizationResult {
  decision: EvalDecision;
  /** Statements that matched the request (allows and denies). */
  matchedStatements: readonly StatementMatch[];
  /**
   * Per policy type: what each decided on its own, e.g. { identity: 'allowed', resource: 'implicitDeny' }.
   * Policy types the request did not have are absent. (The field keeps its name `layers` for readers of earlier results.)
   */
  layers: PolicyTypeDecisions;
  /**
   * The policy types that decided: for allowed, those whose Allows granted it; for
   * explicitDeny, those holding the Deny; for implicitDeny, the first policy type that
   * lacked an Allow it needed.
   */
  decidedBy: readonly PolicyType[];
  /** The rule of the evaluation logic that decided, as data (the explanation puts it into words). */
  rule: DecisionRule;
  /**
   * The statements the decision rests on, each with its policy, index, Sid and source
   * position: the Denies for explicitDeny, the Allows that granted for allowed; for
   * implicitDeny, the Allows that were not enough (often none).
   */
  decidingStatements: readonly StatementMatch[];
  /** For scpLacking and rcpLacking: the 0-based organization level with no Allow. */
  level?: number;
  /** Conditions that were false in statements whose Action, Principal and Resource applied. */
  failedConditions: readonly ConditionFailure[];
  /** Context keys that conditions and policy variables of applicable statements asked for and the request lacked. */
  missingContextKeys: readonly string[];
  /**
   * One sentence in plain words, e.g. 'explicitly denied by statement 1 (Sid DenyDelete) of policy X'.
   * authorize renders it when first read (JSON.stringify includes it).
   */
  readonly explanation: string;
}

export interface PolicyTypeDecisions {
  identity: EvalDecision;
  resource?: EvalDecision;
  boundary?: EvalDecision;
  session?: EvalDecision;
  /** Every level must allow: allowed when all do, explicitDeny when any denies. */
  scp?: EvalDecision;
  /** Resource control policies: every level must allow, like SCPs. */
  rcp?: EvalDecision;
}

/* ---- Additions for the evaluator's seams (statement → policy set → layers). ---- */

/** Options for parsePolicy: the kind enables kind-specific checks (e.g. no Principal in identity policies). */
export interface ParseOptions {
  kind?: NamedPolicy['kind'];
}

/** Three-valued truth: 'unknown' when a policy element cannot be evaluated (e.g. an unknown condition operator). */
export type Truth = 'true' | 'false' | 'unknown';

/**
 * How a Principal element named the requesting principal, strongest first:
 * - specific: by the caller's own ARN (user, role session, or the role acting itself);
 * - role: by the ARN of the role whose session is calling;
 * - account: by the caller's account (its id or :root);
 * - wildcard: '*'.
 */
export type PrincipalMatchKind = 'specific' | 'role' | 'account' | 'wildcard';

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
  /** The principal has a permissions boundary (a Deny with NotPrincipal then always applies to it). */
  hasPermissionsBoundary?: boolean;
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
  /** When the Condition ruled it out: which condition, and why. */
  failedCondition?: Omit<ConditionFailure, 'policy' | 'kind' | 'statementIndex' | 'sid' | 'effect'>;
  /** Context keys the statement asked for that the request lacked. */
  missingContextKeys?: string[];
}

/** The outcome of one policy type (a set of policies of one kind). */
export interface PolicySetResult {
  decision: EvalDecision;
  allows: readonly StatementMatch[];
  denies: readonly StatementMatch[];
  /** Allow statements that could not be evaluated and so did not allow (fail closed). */
  skipped: readonly StatementMatch[];
  /** Allow statements for the action that missed on principal, resource or condition (with `reason`). */
  nearMisses: readonly StatementMatch[];
}
