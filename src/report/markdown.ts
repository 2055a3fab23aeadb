/**
 * reports/compliance.md: the verdict, every control (failures first, with the cause
 * in one line), and the access matrix. Also what goes to $GITHUB_STEP_SUMMARY.
 */
import { accessMatrix, assumptionMatrix, cellOf, type Matrix } from './accessMatrix.ts';
import { oneLine } from './assemble.ts';
import type { ComplianceReport, ControlResult, ControlStatus } from './model.ts';
import { notRunWords } from './notRun.ts';

const ORDER: Record<ControlStatus, number> = { failed: 0, skipped: 1, 'not-run': 2, passed: 3 };
const ICON: Record<ControlStatus, string> = { failed: '❌ failed', skipped: '⚠️ skipped', 'not-run': '⏸️ not run', passed: '✅ passed' };

/** A Markdown table cell: no newlines, no unescaped pipes; never cut. */
function cell(text: string): string {
  return oneLine(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

/** Causes longer than this show their start in the table and in full under it. */
export const TABLE_CAUSE_CHARS = 160;

/** The start of a long text, cut at a word boundary: for a table cell whose full text follows the table. */
function lead(text: string, max: number): string {
  const line = oneLine(text);
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut} …`;
}

export function sortControls(controls: readonly ControlResult[]): ControlResult[] {
  return [...controls].sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.id.localeCompare(b.id, 'en', { numeric: true }));
}

function matrixTable(m: Matrix, corner: string, show: (observed: string[], expected: string[], disagreement: boolean) => string): string[] {
  if (m.rows.length === 0) return ['_No evidence in this run._'];
  const lines = [`| ${corner} | ${m.columns.map(cell).join(' | ')} |`, `|---|${m.columns.map(() => ':-:').join('|')}|`];
  for (const r of m.rows) {
    const cells = m.columns.map((c) => {
      const x = cellOf(m, r.key, c);
      return x ? show(x.observed, x.expected, x.disagreement) : '·';
    });
    lines.push(`| ${cell(r.label)} | ${cells.join(' | ')} |`);
  }
  return lines;
}

function showCell(observed: string[], expected: string[], disagreement: boolean): string {
  const obs = observed.join('/');
  if (disagreement) return `❌ **${obs}** (expected ${expected.join('/')})`;
  if (expected.length === 0) return `${obs} (no expectation)`;
  return `✅ ${obs}`;
}

export function renderMarkdown(report: ComplianceReport): string {
  const { run, summary } = report;
  const out: string[] = [];
  const verdict = { passed: '✅ PASSED', failed: '❌ FAILED', partial: '⚠️ PARTIAL', 'not-checked': '⚠️ NOT CHECKED' }[report.verdict];
  out.push(`# crossgate compliance report: ${verdict}`, '');
  out.push(
    `**${summary.controls.failed} of ${summary.controls.total} controls failed**, ${summary.controls.passed} passed` +
      notRunWords(report) +
      (summary.controls.skipped ? `, ${summary.controls.skipped} skipped` : '') +
      ` · ${summary.scenarios.total} scenarios (${summary.scenarios.passed} passed, ${summary.scenarios.failed} failed${summary.scenarios.skipped ? `, ${summary.scenarios.skipped} skipped` : ''})`,
    '',
  );
  const facts = [
    `target **${run.target}**${run.region ? ` (${run.region})` : ''}${run.estate ? `, estate \`${run.estate}\`` : ''}`,
    `accounts ${Object.entries(run.accounts).map(([k, v]) => `${k} \`${v}\``).join(', ') || '—'}`,
    `crossgate ${run.crossgateVersion}`,
    run.git?.commit ? `commit \`${run.git.commit.slice(0, 12)}\`${run.git.branch ? ` on ${run.git.branch}` : ''}${run.git.dirty ? ' (uncommitted changes)' : ''}` : undefined,
    run.ci ? `CI: ${run.ci.name}${run.ci.buildNumber ? ` build ${run.ci.buildNumber}` : ''}` : undefined,
    run.startedAt ? `started ${run.startedAt}${run.durationMs !== undefined ? `, ${(run.durationMs / 1000).toFixed(1)} s` : ''}` : undefined,
    run.shards ? `merged from ${run.shards.length} reports` : undefined,
    run.selection?.tags ? `tags \`${run.selection.tags}\`` : undefined,
    run.selection?.shard ? `shard ${run.selection.shard.index}/${run.selection.shard.total}` : undefined,
    run.selection?.partial ? `declared partial (${run.selection.partialBecause.join(', ')})` : undefined,
  ].filter(Boolean);
  out.push(facts.join(' · '), '');

  if (report.problems.length) {
    out.push('## Problems', '', ...report.problems.map((p) => `- ${cell(p)}`), '');
  }

  out.push('## Controls', '', '| status | control | title | layer | cause |', '|---|---|---|---|---|');
  const longCauses: typeof report.controls = [];
  for (const c of sortControls(report.controls)) {
    const layer = c.layers.length ? c.layers.join(', ') : c.layer ?? '';
    let cause = '';
    if (c.cause) {
      const short = lead(c.cause, TABLE_CAUSE_CHARS);
      if (short !== oneLine(c.cause)) longCauses.push(c);
      cause = short === oneLine(c.cause) ? cell(c.cause) : `${cell(short)} _(in full below)_`;
    }
    out.push(`| ${ICON[c.status]} | ${cell(c.id)} | ${cell(c.title)}${c.catalogued ? '' : ' _(not in controls.json)_'} | ${layer} | ${cause} |`);
  }
  out.push('');
  if (longCauses.length) {
    out.push('### Causes in full', '');
    for (const c of longCauses) out.push(`- **${cell(c.id)}** ${cell(c.title)}: ${cell(c.cause!)}`);
    out.push('');
  }

  out.push('## Access matrix', '', 'Callers × routes, from the end-to-end requests: the status observed, ❌ where it is not what the scenario expected.', '');
  out.push(...matrixTable(accessMatrix(report), 'caller \\ route', showCell), '');
  const roles = assumptionMatrix(report);
  if (roles.rows.length) {
    out.push('### Role assumptions', '', 'Principals × roles: sts:AssumeRole outcome, ❌ where it is not what the scenario expected.', '');
    out.push(...matrixTable(roles, 'principal \\ role', showCell), '');
  }

  const failed = report.scenarios.filter((s) => s.failure);
  if (failed.length) {
    out.push('## Failed scenarios', '');
    for (const s of failed) {
      out.push(`- **${cell(s.name)}**${s.example ? ` [${cell(s.example)}]` : ''} (\`${s.uri}:${s.line}\`${s.controls.length ? `, ${s.controls.join(', ')}` : ''}): ${cell(s.failure!.step)}: ${cell(s.failure!.message)}`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
