/**
 * Evidence: what a check observed, as plain data. Checks record it as Cucumber
 * attachments of EVIDENCE_MEDIA_TYPE (so it crosses parallel workers in the message
 * stream); the compliance formatter collects it per scenario. The shapes here are
 * the `evidence` definitions of schemas/compliance.schema.json.
 */

export const EVIDENCE_MEDIA_TYPE = 'application/vnd.crossgate.evidence+json';

/** Where a document (or a part of it) lives in the repository, for SARIF locations. */
export interface SourceRef {
  /** Path relative to the repository root, '/'-separated. */
  file: string;
  /** RFC 6901 pointer into the JSON file, e.g. '/accounts/0/roles/0/assumeRolePolicyDocument'. */
  jsonPointer?: string;
}

interface EvidenceBase {
  /** Unique within the run; expectations refer to it. */
  id: string;
  /** When the evidence was recorded (ISO 8601). */
  at: string;
  /** How long the observed call took. */
  durationMs?: number;
  /** Free-form extra detail; never secret (it is redacted like everything else). */
  details?: Record<string, unknown>;
}

/** An HTTP request sent to the API under test. */
export interface RequestEvidence extends EvidenceBase {
  kind: 'request';
  method: string;
  url: string;
  /** 'METHOD /path' as sent (not the matched route key). */
  route: string;
  signed: boolean;
  /** The configured principal that sent it; absent for anonymous requests. */
  actor?: string;
  /** The signer: an assumed-role session ARN, or the user's ARN when known. */
  principalArn?: string;
  /** Whose credentials signed: a role session, the principal's own, or none. */
  credentials: 'session' | 'own' | 'none';
  /** The role alias of the session, when signed through one. */
  role?: string;
  /** Deliberate faults: tampered signature, clock skew. */
  variant?: { tamper?: 'signature'; clockSkewSeconds?: number; presigned?: boolean };
  status: number;
  requestId?: string;
  errorType?: string;
}

/** An sts:AssumeRole attempt. */
export interface RoleAssumptionEvidence extends EvidenceBase {
  kind: 'roleAssumption';
  actor: string;
  /** The caller's ARN when known. */
  principalArn?: string;
  role?: string;
  roleArn: string;
  outcome: 'assumed' | 'denied' | 'error';
  /** The assumed-role session ARN when assumed. */
  sessionArn?: string;
  errorCode?: string;
  errorMessage?: string;
  requestId?: string;
}

/** A policy document as read (IAM GetPolicyVersion, GetRolePolicy, GetRole …) or from the repo. */
export interface PolicyDocumentEvidence extends EvidenceBase {
  kind: 'policyDocument';
  policyType: 'identity' | 'trust' | 'resource' | 'permissionsBoundary' | 'scp';
  /** A managed policy's ARN, or '<role ARN>#<inline name>', or the role ARN for a trust policy. */
  policyId: string;
  name?: string;
  versionId?: string;
  /** The role, user or resource it is attached to / governs. */
  attachedTo?: string;
  document: Record<string, unknown>;
  source?: SourceRef;
}

export interface MatchedStatement {
  policyId: string;
  sid?: string;
  statementIndex?: number;
  /** When known (IAM's simulator does not say). */
  effect?: 'Allow' | 'Deny';
  details?: Record<string, unknown>;
  source?: SourceRef;
  /** Where the statement starts in its policy document's JSON text (1-based line and column), when crossgate parsed it. */
  position?: { line: number; column: number };
}

/** An authorization decision, by IAM's simulator or crossgate's evaluator. */
export interface SimulationEvidence extends EvidenceBase {
  kind: 'simulation';
  engine: 'iam' | 'crossgate';
  principalArn?: string;
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
  decision: 'allowed' | 'explicitDeny' | 'implicitDeny';
  /** crossgate's evaluator: the rule of AWS's evaluation logic that decided (src/policy/decide.ts), e.g. 'identityAllowed'. */
  rule?: string;
  /** IAM: the statements it names; crossgate: the statements the decision rests on. */
  matchedStatements: MatchedStatement[];
}

/** A finding (or check result) from IAM Access Analyzer. */
export interface AnalyzerFindingEvidence extends EvidenceBase {
  kind: 'analyzerFinding';
  check: 'ValidatePolicy' | 'CheckAccessNotGranted' | 'CheckNoNewAccess' | 'CheckNoPublicAccess';
  /** ValidatePolicy's findingType. */
  findingType?: 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';
  /** The Check* APIs' result. */
  result?: 'PASS' | 'FAIL';
  issueCode: string;
  message: string;
  policyId?: string;
  learnMoreLink?: string;
  /** Access Analyzer's own locations (JSON path into the policy, spans). */
  locations?: { path: (string | number)[]; span?: { start: { line: number; column: number; offset: number }; end: { line: number; column: number; offset: number } } }[];
  /** Where the analyzed policy lives in the repository, when it does. */
  source?: SourceRef;
}

/** What a step expected of earlier evidence, and whether it held. */
export interface ExpectationEvidence extends EvidenceBase {
  kind: 'expectation';
  /** The evidence id it is about. */
  of?: string;
  /** What was checked: 'status', 'errorType', 'assumption', … */
  check: string;
  expected: string | number | boolean;
  observed: string | number | boolean | null;
  holds: boolean;
}

export type Evidence =
  | RequestEvidence
  | RoleAssumptionEvidence
  | PolicyDocumentEvidence
  | SimulationEvidence
  | AnalyzerFindingEvidence
  | ExpectationEvidence;

export type EvidenceKind = Evidence['kind'];

/** Evidence as a check hands it over: id and time are filled in when recorded. */
export type EvidenceInput = Evidence extends infer E ? (E extends Evidence ? Omit<E, 'id' | 'at'> & { id?: string; at?: string } : never) : never;
