/**
 * Drift between two compliance reports (an older run and a newer one): controls whose
 * verdict changed, access that appeared or disappeared in the access matrix (principal
 * × route × decision, and principal × role for sts:AssumeRole), policies whose documents
 * changed (by digest), and Access Analyzer findings new or resolved. Plain data: the
 * renderers and the exit code work from it (schemas/drift.schema.json).
 */
import { accessMatrix, assumptionMatrix, type Matrix } from './accessMatrix.ts';
import type { ComplianceReport, ControlStatus, PolicyDigest } from './model.ts';
import { policyDigests } from './policyDigests.ts';

export const DRIFT_SCHEMA_VERSION = '1.0.0';

/** What a principal got: 'allowed' (2xx, or the role assumed), 'denied' (401/403, or refused), else 'status <n>' / 'error'. */
export type Decision = string;

export interface AccessEntry {
  principal: string;
  /** 'METHOD /path' as sent, or 'sts:AssumeRole <role>'. */
  route: string;
  decision: Decision;
  /** Which matrix it comes from. */
  source: 'request' | 'roleAssumption';
}

export interface AcceptedAccess { principal: string; route: string; reason?: string }

export interface AppearedAccess extends AccessEntry {
  /** An allowed decision the older run did not have for this principal and route. */
  widens: boolean;
  /** The accept file's entry that covers it. */
  accepted?: { reason?: string };
}

export interface ControlChange { id: string; title: string; old: ControlStatus | 'absent'; new: ControlStatus | 'absent' }

export interface PolicyChange {
  policyId: string;
  policyType: PolicyDigest['policyType'];
  change: 'changed' | 'added' | 'removed';
  old: string[];
  new: string[];
}

export interface Finding {
  check: string;
  issueCode: string;
  findingType?: string;
  result?: string;
  policyId?: string;
  message: string;
  /** JSON paths into the policy, as Access Analyzer gives them. */
  paths?: string[];
}

export interface RunRef {
  file: string;
  verdict: ComplianceReport['verdict'];
  startedAt?: string;
  commit?: string;
  estate?: string;
}

export interface Drift {
  schemaVersion: string;
  generator: { name: 'crossgate'; version: string };
  old: RunRef;
  new: RunRef;
  /** Access widened by something no accept entry covers: the diff fails. */
  widened: boolean;
  controls: ControlChange[];
  access: { appeared: AppearedAccess[]; disappeared: AccessEntry[] };
  policies: PolicyChange[];
  findings: { new: Finding[]; resolved: Finding[] };
  /** Accept entries that matched no new access (stale, or mistyped). */
  unusedAccepts: AcceptedAccess[];
  summary: { controlsChanged: number; accessAppeared: number; accessDisappeared: number; widened: number; accepted: number; policiesChanged: number; findingsNew: number; findingsResolved: number };
}

function requestDecision(status: string): Decision {
  if (/^2\d\d$/.test(status)) return 'allowed';
  if (status === '401' || status === '403') return 'denied';
  return `status ${status}`;
}

function assumptionDecision(outcome: string): Decision {
  return outcome === 'assumed' ? 'allowed' : outcome === 'denied' ? 'denied' : outcome;
}

function entriesOf(m: Matrix, source: AccessEntry['source'], decide: (observed: string) => Decision, route: (column: string) => string): AccessEntry[] {
  const out = new Map<string, AccessEntry>();
  const label = new Map(m.rows.map((r) => [r.key, r.label]));
  for (const c of m.cells) {
    for (const o of c.observed) {
      const e: AccessEntry = { principal: label.get(c.row) ?? c.row, route: route(c.column), decision: decide(o), source };
      out.set(accessKey(e), e);
    }
  }
  return [...out.values()];
}

function accessKey(e: Pick<AccessEntry, 'principal' | 'route' | 'decision'>): string {
  return `${e.principal}\u0000${e.route}\u0000${e.decision}`;
}

/** Principal × route × decision, from both matrices of a report. */
export function accessEntries(report: ComplianceReport): AccessEntry[] {
  return [
    ...entriesOf(accessMatrix(report), 'request', requestDecision, (c) => c),
    ...entriesOf(assumptionMatrix(report), 'roleAssumption', assumptionDecision, (c) => `sts:AssumeRole ${c}`),
  ].sort((a, b) => a.principal.localeCompare(b.principal) || a.route.localeCompare(b.route) || a.decision.localeCompare(b.decision));
}

/** Access Analyzer's findings: ValidatePolicy findings, and Check* results that FAIL. */
export function findingsOf(report: ComplianceReport): Finding[] {
  const out = new Map<string, Finding>();
  for (const s of report.scenarios) {
    for (const e of s.evidence) {
      if (e.kind !== 'analyzerFinding' || e.result === 'PASS') continue;
      const paths = e.locations?.map((l) => l.path.map(String).join('.')) ?? [];
      const f: Finding = {
        check: e.check, issueCode: e.issueCode, ...(e.findingType ? { findingType: e.findingType } : {}), ...(e.result ? { result: e.result } : {}),
        ...(e.policyId ? { policyId: e.policyId } : {}), message: e.message, ...(paths.length ? { paths } : {}),
      };
      out.set(findingKey(f), f);
    }
  }
  return [...out.values()];
}

/** A finding's identity: which check said what about which policy, and where (not its wording). */
function findingKey(f: Finding): string {
  return [f.check, f.policyId ?? '', f.issueCode, f.findingType ?? '', f.result ?? '', (f.paths ?? []).join('|')].join('\u0000');
}

function controlChanges(older: ComplianceReport, newer: ComplianceReport): ControlChange[] {
  const before = new Map(older.controls.map((c) => [c.id, c]));
  const after = new Map(newer.controls.map((c) => [c.id, c]));
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const out: ControlChange[] = [];
  for (const id of ids) {
    const o = before.get(id);
    const n = after.get(id);
    const oldStatus = o?.status ?? 'absent';
    const newStatus = n?.status ?? 'absent';
    if (oldStatus !== newStatus) out.push({ id, title: n?.title ?? o?.title ?? id, old: oldStatus, new: newStatus });
  }
  return out;
}

function policyChanges(older: ComplianceReport, newer: ComplianceReport): PolicyChange[] {
  // Reports written before policies were digested carry the documents in their evidence.
  const digests = (r: ComplianceReport) => r.policies ?? policyDigests(r.scenarios);
  const group = (list: PolicyDigest[]) => {
    const m = new Map<string, { policyId: string; policyType: PolicyDigest['policyType']; sha: Set<string> }>();
    for (const p of list) {
      const key = `${p.policyType}\u0000${p.policyId}`;
      const g = m.get(key) ?? { policyId: p.policyId, policyType: p.policyType, sha: new Set<string>() };
      g.sha.add(p.sha256);
      m.set(key, g);
    }
    return m;
  };
  const before = group(digests(older));
  const after = group(digests(newer));
  const out: PolicyChange[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const o = before.get(key);
    const n = after.get(key);
    const oldSha = [...(o?.sha ?? [])].sort();
    const newSha = [...(n?.sha ?? [])].sort();
    const g = (n ?? o)!;
    if (!o) out.push({ policyId: g.policyId, policyType: g.policyType, change: 'added', old: [], new: newSha });
    else if (!n) out.push({ policyId: g.policyId, policyType: g.policyType, change: 'removed', old: oldSha, new: [] });
    else if (oldSha.join() !== newSha.join()) out.push({ policyId: g.policyId, policyType: g.policyType, change: 'changed', old: oldSha, new: newSha });
  }
  return out;
}

function runRef(file: string, r: ComplianceReport): RunRef {
  return {
    file, verdict: r.verdict,
    ...(r.run.startedAt ? { startedAt: r.run.startedAt } : {}),
    ...(r.run.git?.commit ? { commit: r.run.git.commit } : {}),
    ...(r.run.estate ? { estate: r.run.estate } : {}),
  };
}

export function diffReports(
  older: { file: string; report: ComplianceReport },
  newer: { file: string; report: ComplianceReport },
  opts: { accept?: readonly AcceptedAccess[]; generatorVersion: string },
): Drift {
  const before = accessEntries(older.report);
  const after = accessEntries(newer.report);
  const beforeKeys = new Set(before.map(accessKey));
  const afterKeys = new Set(after.map(accessKey));
  const accept = opts.accept ?? [];
  const used = new Set<AcceptedAccess>();
  const appeared: AppearedAccess[] = after.filter((e) => !beforeKeys.has(accessKey(e))).map((e) => {
    const widens = e.decision === 'allowed';
    const match = widens ? accept.find((a) => a.principal === e.principal && a.route === e.route) : undefined;
    if (match) used.add(match);
    return { ...e, widens, ...(match ? { accepted: match.reason ? { reason: match.reason } : {} } : {}) };
  });
  const disappeared = before.filter((e) => !afterKeys.has(accessKey(e)));
  const oldFindings = findingsOf(older.report);
  const newFindings = findingsOf(newer.report);
  const oldFindingKeys = new Set(oldFindings.map(findingKey));
  const newFindingKeys = new Set(newFindings.map(findingKey));
  const findings = { new: newFindings.filter((f) => !oldFindingKeys.has(findingKey(f))), resolved: oldFindings.filter((f) => !newFindingKeys.has(findingKey(f))) };
  const controls = controlChanges(older.report, newer.report);
  const policies = policyChanges(older.report, newer.report);
  const widening = appeared.filter((a) => a.widens);
  const unaccepted = widening.filter((a) => !a.accepted);
  return {
    schemaVersion: DRIFT_SCHEMA_VERSION,
    generator: { name: 'crossgate', version: opts.generatorVersion },
    old: runRef(older.file, older.report),
    new: runRef(newer.file, newer.report),
    widened: unaccepted.length > 0,
    controls,
    access: { appeared, disappeared },
    policies,
    findings,
    unusedAccepts: accept.filter((a) => !used.has(a)),
    summary: {
      controlsChanged: controls.length,
      accessAppeared: appeared.length,
      accessDisappeared: disappeared.length,
      widened: unaccepted.length,
      accepted: widening.length - unaccepted.length,
      policiesChanged: policies.length,
      findingsNew: findings.new.length,
      findingsResolved: findings.resolved.length,
    },
  };
}
