/**
 * The access matrix: who (caller) got what (status) from which route, expected vs
 * observed, from the end-to-end evidence: request evidence gives the observation,
 * the expectation recorded about it (check 'status') gives what the scenario wanted.
 * Role assumptions make a second, smaller matrix: principal × role.
 */
import type { ExpectationEvidence, RequestEvidence, RoleAssumptionEvidence } from '../evidence/types.ts';
import type { ComplianceReport } from './model.ts';

export interface Observation {
  scenario: string;
  scenarioId: string;
  observed: string;
  expected?: string;
  errorType?: string;
  requestId?: string;
}

export interface MatrixCell {
  row: string;
  column: string;
  observations: Observation[];
  /** Distinct observed values. */
  observed: string[];
  /** Distinct expected values (usually one). */
  expected: string[];
  /** Some observation contradicts what its scenario expected. */
  disagreement: boolean;
}

export interface Matrix {
  rows: { key: string; label: string; detail?: string }[];
  columns: string[];
  cells: MatrixCell[];
}

export function cellOf(m: Matrix, row: string, column: string): MatrixCell | undefined {
  return m.cells.find((c) => c.row === row && c.column === column);
}

function callerOf(r: RequestEvidence): { key: string; label: string; detail?: string } {
  let label: string;
  if (r.credentials === 'none') label = 'anonymous (unsigned)';
  else if (r.credentials === 'own') label = `${r.actor ?? '?'} (own credentials)`;
  else label = `${r.actor ?? '?'} as ${r.role ?? 'role session'}`;
  const faults: string[] = [];
  if (r.variant?.tamper === 'signature') faults.push('tampered signature');
  if (r.variant?.clockSkewSeconds) {
    const minutes = Math.round(Math.abs(r.variant.clockSkewSeconds) / 60);
    faults.push(r.variant.clockSkewSeconds < 0 ? `signed ${minutes} min ago` : `signed ${minutes} min ahead`);
  }
  if (r.variant?.presigned) faults.push('presigned URL');
  if (faults.length) label += `, ${faults.join(', ')}`;
  return { key: label, label, ...(r.principalArn ? { detail: r.principalArn } : {}) };
}

const METHOD_ORDER = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'];

function compareRoutes(a: string, b: string): number {
  const [ma = '', pa = ''] = a.split(' ', 2);
  const [mb = '', pb = ''] = b.split(' ', 2);
  return pa.localeCompare(pb) || METHOD_ORDER.indexOf(ma) - METHOD_ORDER.indexOf(mb) || ma.localeCompare(mb);
}

function build<E extends { id: string }>(
  report: ComplianceReport,
  pick: (e: unknown) => e is E,
  check: string,
  place: (e: E) => { row: { key: string; label: string; detail?: string }; column: string; observed: string; errorType?: string; requestId?: string },
  compareColumns: (a: string, b: string) => number,
): Matrix {
  const rows = new Map<string, { key: string; label: string; detail?: string }>();
  const cells = new Map<string, MatrixCell>();
  for (const s of report.scenarios) {
    const expectations = new Map<string, ExpectationEvidence>();
    for (const e of s.evidence) if (e.kind === 'expectation' && e.check === check && e.of) expectations.set(e.of, e);
    for (const e of s.evidence) {
      if (!pick(e)) continue;
      const p = place(e);
      if (!rows.has(p.row.key)) rows.set(p.row.key, p.row);
      const key = `${p.row.key}\u0000${p.column}`;
      const cell = cells.get(key) ?? { row: p.row.key, column: p.column, observations: [], observed: [], expected: [], disagreement: false };
      const exp = expectations.get(e.id);
      const expected = exp ? String(exp.expected) : undefined;
      cell.observations.push({
        scenario: s.example ? `${s.name} [${s.example}]` : s.name, scenarioId: s.id, observed: p.observed,
        ...(expected !== undefined ? { expected } : {}), ...(p.errorType ? { errorType: p.errorType } : {}), ...(p.requestId ? { requestId: p.requestId } : {}),
      });
      if (!cell.observed.includes(p.observed)) cell.observed.push(p.observed);
      if (expected !== undefined && !cell.expected.includes(expected)) cell.expected.push(expected);
      if (expected !== undefined && expected !== p.observed) cell.disagreement = true;
      cells.set(key, cell);
    }
  }
  const columns = [...new Set([...cells.values()].map((c) => c.column))].sort(compareColumns);
  const rowList = [...rows.values()].sort((a, b) => a.label.localeCompare(b.label));
  return { rows: rowList, columns, cells: [...cells.values()] };
}

/** Callers × routes, from end-to-end request evidence. */
export function accessMatrix(report: ComplianceReport): Matrix {
  return build(
    report,
    (e): e is RequestEvidence => (e as { kind?: string }).kind === 'request',
    'status',
    (r) => ({ row: callerOf(r), column: r.route, observed: String(r.status), errorType: r.errorType, requestId: r.requestId }),
    compareRoutes,
  );
}

/** Principals × roles, from role assumption evidence. */
export function assumptionMatrix(report: ComplianceReport): Matrix {
  return build(
    report,
    (e): e is RoleAssumptionEvidence => (e as { kind?: string }).kind === 'roleAssumption',
    'assumption',
    (a) => ({ row: { key: a.actor, label: a.actor, ...(a.principalArn ? { detail: a.principalArn } : {}) }, column: a.role ?? a.roleArn, observed: a.outcome, errorType: a.errorCode, requestId: a.requestId }),
    (a, b) => a.localeCompare(b),
  );
}
