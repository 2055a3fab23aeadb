/**
 * Evidence of the control-plane checks: the policy documents read, IAM's simulation
 * decisions, Access Analyzer's findings and check results, in the report's shapes.
 */
import type { AnalyzerFinding, CheckResult } from '../aws/analyzer.ts';
import type { FetchedPolicy } from '../aws/iam.ts';
import type { SimulationResult } from '../aws/simulate.ts';
import type { AnalyzerFindingEvidence } from '../evidence/types.ts';
import type { AuthorizationResult } from '../policy/index.ts';
import { recordEvidence, type EvidenceSink } from './evidence.ts';
import type { Harness } from './harness.ts';
import { policySource } from './estateSource.ts';

function withSource(h: Harness, policyId: string): { source?: { file: string; jsonPointer?: string } } {
  const source = policySource(h, policyId);
  return source ? { source } : {};
}

/** Policy versions already recorded per scenario: a document is evidence once, however often read. */
const recorded = new WeakMap<EvidenceSink, Set<string>>();

function parseDocument(text: string): Record<string, unknown> {
  try {
    const doc = JSON.parse(text) as unknown;
    return doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : { document: text };
  } catch {
    return { unparsed: text };
  }
}

export function recordPolicies(h: Harness, roleArn: string, policies: FetchedPolicy[]): void {
  const sink = h.evidence;
  if (!sink) return;
  const seen = recorded.get(sink) ?? new Set<string>();
  recorded.set(sink, seen);
  for (const p of policies) {
    const key = `${p.id}@${p.versionId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    recordEvidence(sink, {
      kind: 'policyDocument',
      policyType: p.kind === 'trust' ? 'trust' : 'identity',
      policyId: p.id,
      name: p.name,
      ...(p.versionId ? { versionId: p.versionId } : {}),
      attachedTo: roleArn,
      document: parseDocument(p.document),
      ...withSource(h, p.id),
    });
  }
}

export function recordSimulation(h: Harness, input: { principalArn?: string; action: string; resource: string; result: SimulationResult }): void {
  recordEvidence(h.evidence, {
    kind: 'simulation',
    engine: 'iam',
    ...(input.principalArn ? { principalArn: input.principalArn } : {}),
    action: input.action,
    resource: input.resource,
    decision: input.result.decision,
    matchedStatements: input.result.matchedStatements.map((m) => ({
      policyId: m.sourcePolicyId ?? 'unknown',
      // IAM names the statements that matched, not their effect; an allow decision can only come from Allow statements.
      ...(input.result.decision === 'allowed' ? { effect: 'Allow' as const } : {}),
      ...(m.sourcePolicyType ? { details: { sourcePolicyType: m.sourcePolicyType, ...(m.start ? { start: m.start } : {}) } } : {}),
    })),
  });
}

/**
 * crossgate's evaluator's decision as data: the rule that decided and the statements
 * it rests on, each with its policy, Sid, index, source file and position.
 */
export function recordEngineDecision(h: Harness, input: { principalArn?: string; action: string; resource: string; result: AuthorizationResult }): void {
  const { result } = input;
  recordEvidence(h.evidence, {
    kind: 'simulation',
    engine: 'crossgate',
    ...(input.principalArn ? { principalArn: input.principalArn } : {}),
    action: input.action,
    resource: input.resource,
    decision: result.decision,
    rule: result.rule,
    matchedStatements: result.decidingStatements.map((m) => ({
      policyId: m.policy,
      statementIndex: m.statementIndex,
      ...(m.sid !== undefined ? { sid: m.sid } : {}),
      effect: m.effect,
      ...withSource(h, m.policy),
      ...(m.position ? { position: { line: m.position.start.line, column: m.position.start.column } } : {}),
    })),
  });
}

type FindingType = NonNullable<AnalyzerFindingEvidence['findingType']>;
const FINDING_TYPES: ReadonlySet<string> = new Set(['ERROR', 'SECURITY_WARNING', 'WARNING', 'SUGGESTION']);

/** Access Analyzer path elements ({ index }, { key }, { value }, { substring }) as plain segments. */
function pathSegments(path: unknown[]): (string | number)[] {
  return path.map((el) => {
    if (typeof el === 'string' || typeof el === 'number') return el;
    const e = el as { index?: number; key?: string; value?: string; substring?: { start: number; length: number } };
    if (typeof e.index === 'number') return e.index;
    if (typeof e.key === 'string') return e.key;
    if (typeof e.value === 'string') return e.value;
    return JSON.stringify(el);
  });
}

export function recordFindings(h: Harness, policyId: string, findings: AnalyzerFinding[]): void {
  for (const f of findings) {
    recordEvidence(h.evidence, {
      kind: 'analyzerFinding',
      check: 'ValidatePolicy',
      ...(FINDING_TYPES.has(f.findingType) ? { findingType: f.findingType as FindingType } : {}),
      issueCode: f.issueCode,
      message: f.findingDetails,
      policyId,
      ...withSource(h, policyId),
      ...(f.learnMoreLink ? { learnMoreLink: f.learnMoreLink } : {}),
      locations: f.locations.map((l) => ({
        path: pathSegments(l.path),
        ...(l.span?.start && l.span.end
          ? { span: { start: { line: l.span.start.line ?? 0, column: l.span.start.column ?? 0, offset: l.span.start.offset ?? 0 }, end: { line: l.span.end.line ?? 0, column: l.span.end.column ?? 0, offset: l.span.end.offset ?? 0 } } }
          : {}),
      })),
    });
  }
}

/**
 * The code a Check* answer carries in the report: the API operation's own name.
 * The custom policy checks answer PASS/FAIL with reasons and have no issue codes
 * (accessanalyzer 2019-11-01 model), so crossgate invents none.
 */
const CHECK_CODE = { CheckNoPublicAccess: 'CheckNoPublicAccess', CheckAccessNotGranted: 'CheckAccessNotGranted', CheckNoNewAccess: 'CheckNoNewAccess' } as const;

export function recordCheck(h: Harness, check: keyof typeof CHECK_CODE, policyId: string, result: CheckResult): void {
  const reasons = result.reasons.map((r) => `${r.description ?? ''}${r.statementIndex !== undefined ? ` (statement ${r.statementIndex}${r.statementId ? `, ${r.statementId}` : ''})` : ''}`.trim()).filter(Boolean);
  recordEvidence(h.evidence, {
    kind: 'analyzerFinding',
    check,
    result: result.result,
    issueCode: CHECK_CODE[check],
    message: [result.message, ...reasons].filter(Boolean).join('; ') || result.result,
    policyId,
  });
}
