/**
 * reports/compliance.html: one self-contained page (inline CSS, no script, a CSP
 * that forbids any fetch) with the verdict, the controls, the access matrix drawn
 * as an SVG grid (expected vs observed, disagreements in red), and every scenario's
 * evidence in <details>.
 */
import { accessMatrix, assumptionMatrix, cellOf, type Matrix, type MatrixCell } from './accessMatrix.ts';
import { sortControls } from './markdown.ts';
import type { ComplianceReport, ReportEvidence, ScenarioResult } from './model.ts';
import { notRunWords } from './notRun.ts';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
const e = escapeHtml;

const CSS = `
:root{--ok:#1e7b3a;--ok-bg:#e3f4e8;--deny:#34495e;--deny-bg:#e8edf3;--bad:#b71c1c;--bad-bg:#fde2e2;--warn:#8a6d00;--warn-bg:#fff4cc;--muted:#6b7280;--line:#d6dae0}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2328;background:#f6f7f9}
main{max-width:1200px;margin:0 auto;padding:24px}h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 10px}h3{font-size:15px;margin:18px 0 8px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px;margin:12px 0}
.verdict{display:inline-block;padding:4px 12px;border-radius:999px;font-weight:700;font-size:14px;vertical-align:middle;margin-left:8px}
.passed{color:var(--ok);background:var(--ok-bg)}.failed{color:var(--bad);background:var(--bad-bg)}.skipped,.not-run,.partial,.not-checked,.pending,.undefined,.ambiguous,.unknown{color:var(--warn);background:var(--warn-bg)}
.pill{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:600;white-space:nowrap}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0 0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}th{font-size:12px;color:var(--muted);font-weight:600}
code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}pre{background:#f3f4f6;padding:8px;border-radius:6px;overflow:auto;max-height:320px;margin:6px 0;white-space:pre-wrap;overflow-wrap:anywhere}
.cause{color:var(--bad)}.muted{color:var(--muted)}
details.scenario{background:#fff;border:1px solid var(--line);border-radius:8px;margin:8px 0}details.scenario>summary{cursor:pointer;padding:10px 12px;list-style-position:inside}
details.scenario[open]>summary{border-bottom:1px solid var(--line)}details.scenario .body{padding:8px 12px 12px}
ol.steps{margin:4px 0;padding-left:20px}ol.steps li{margin:2px 0}.ev{border-left:3px solid var(--line);padding:4px 10px;margin:8px 0}
.ev.bad{border-left-color:var(--bad)}.ev table td,.ev table th{padding:2px 8px;border:0}
.matrix{margin:8px 0}.legend{display:flex;gap:16px;flex-wrap:wrap;font-size:12px;color:var(--muted);margin-top:8px}.legend span{display:inline-flex;align-items:center;gap:6px}
.swatch{width:14px;height:14px;border-radius:3px;display:inline-block;border:1px solid}
.problems li{color:var(--bad)}
.card>h2:first-child{margin-top:0}td code{white-space:nowrap}
table.grid{table-layout:fixed;width:100%;border-collapse:separate;border-spacing:3px;margin:0 0 12px}
table.grid caption{caption-side:top;text-align:left;color:var(--muted);font-size:12px;padding:0 0 4px}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.grid col.label{width:24%}
table.grid thead th{position:sticky;top:0;z-index:1;background:#fff;text-align:center;vertical-align:bottom;font-size:12px;color:#1f2328;overflow-wrap:anywhere;border-bottom:2px solid var(--line);padding:4px}
table.grid thead th .method{display:block;font-weight:700}table.grid thead th .path{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:400}
table.grid thead th.corner{text-align:right;color:var(--muted);font-weight:400}
table.grid tbody th{text-align:right;font-size:13px;font-weight:400;color:#1f2328;overflow-wrap:anywhere;border-bottom:0;padding:4px 8px}
table.grid td.cell{text-align:center;vertical-align:middle;border:1px solid;border-radius:5px;padding:4px 2px;overflow-wrap:anywhere}
table.grid td.cell b{display:block;font-size:15px}table.grid td.cell small{display:block;font-size:11px;color:var(--muted)}
td.cell.allow{background:var(--ok-bg);border-color:var(--ok)}td.cell.deny{background:var(--deny-bg);border-color:var(--deny)}
td.cell.bad{background:var(--bad-bg);border:3px solid var(--bad);color:var(--bad)}td.cell.bad small{color:var(--bad)}
td.cell.none{background:#fff;border:1px dashed #9aa3ad}td.cell.empty{background:#f3f4f6;border-color:#e5e7eb;color:#9aa3ad}
section.control-evidence>h3{margin:20px 0 6px}
@media print{
@page{size:A4 landscape;margin:12mm}
body{background:#fff;font-size:11px}main{max-width:none;padding:0}
.card{border:0;border-radius:0;padding:0;margin:0 0 10px}
pre{max-height:none;overflow:visible;font-size:9px;line-height:1.3}
details::details-content{content-visibility:visible;display:block}
details>summary{list-style:none}details>summary::-webkit-details-marker{display:none}
details.scenario{border:1px solid var(--line);break-inside:auto}
#access-matrix,#scenarios{break-before:page}
section.control-evidence{break-before:page}section.control-evidence:first-of-type{break-before:auto}
table.grid thead{display:table-header-group}table.grid thead th{position:static}table.grid tr,.ev table tr{break-inside:avoid}
table.grid{break-inside:auto}#assumption-matrix-grid table.grid{break-inside:avoid}h2,h3,.ev>strong{break-after:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;

function pill(status: string): string {
  return `<span class="pill ${e(status)}">${e(status)}</span>`;
}

type Tone = 'allow' | 'deny' | 'bad' | 'none';

function tone(c: MatrixCell, allowValues: (v: string) => boolean): Tone {
  if (c.disagreement) return 'bad';
  if (c.expected.length === 0) return 'none';
  return c.observed.every(allowValues) ? 'allow' : 'deny';
}

/** At most this many route columns per table: wider matrices split into several, each with the callers again. */
export const MATRIX_COLUMNS_PER_TABLE = 8;

/** 'DELETE /orders/{id}' → method and path on their own lines, the path free to wrap at '/'. */
function columnLabel(col: string): string {
  const space = col.indexOf(' ');
  if (space === -1) return e(col).replace(/\//g, '/<wbr>');
  return `<span class="method">${e(col.slice(0, space))}</span> <span class="path">${e(col.slice(space + 1)).replace(/\//g, '/<wbr>')}</span>`;
}

/**
 * The matrix as HTML tables that fit the page: fixed layout, column labels that wrap,
 * headers that stay in view (sticky on screen, repeated on each printed page), and at
 * most MATRIX_COLUMNS_PER_TABLE routes per table. Each cell shows the observed value
 * (large) and whether it was expected (small); its title lists every observation.
 */
export function matrixGrid(m: Matrix, opts: { id: string; title: string; corner: string; allow: (v: string) => boolean }): string {
  const parts = Math.max(1, Math.ceil(m.columns.length / MATRIX_COLUMNS_PER_TABLE));
  const per = Math.ceil(m.columns.length / parts);
  const tables: string[] = [];
  for (let p = 0; p < parts; p++) {
    const cols = m.columns.slice(p * per, (p + 1) * per);
    const caption = parts > 1 ? `<caption>${e(opts.title)} (part ${p + 1} of ${parts}: ${e(cols[0]!)} … ${e(cols.at(-1)!)})</caption>` : `<caption class="sr">${e(opts.title)}</caption>`;
    const head = `<thead><tr><th class="corner" scope="col">${e(opts.corner)}</th>${cols.map((c) => `<th scope="col" data-column="${e(c)}">${columnLabel(c)}</th>`).join('')}</tr></thead>`;
    const rows = m.rows.map((row) => {
      const cells = cols.map((col) => {
        const c = cellOf(m, row.key, col);
        if (!c) return `<td class="cell empty" data-cell="${e(`${row.label} | ${col}`)}" data-tone="empty" title="not exercised">·</td>`;
        const t = tone(c, opts.allow);
        const tip = c.observations.map((o) => `${o.scenario}: observed ${o.observed}${o.errorType ? ` ${o.errorType}` : ''}${o.expected !== undefined ? `, expected ${o.expected}` : ''}`).join('\n');
        const small = t === 'bad' ? `✗ expected ${c.expected.join('/')}` : c.expected.length ? '✓ as expected' : 'no expectation';
        return `<td class="cell ${t}" data-cell="${e(`${row.label} | ${col}`)}" data-tone="${t}" title="${e(tip)}"><b>${e(c.observed.join(' / '))}</b><small>${e(small)}</small></td>`;
      });
      return `<tr data-row="${e(row.label)}"><th scope="row" title="${e(row.detail ?? row.label)}">${e(row.label)}</th>${cells.join('')}</tr>`;
    });
    tables.push(`<table class="grid" data-part="${p + 1}">${caption}<colgroup><col class="label">${cols.map(() => '<col>').join('')}</colgroup>${head}<tbody>${rows.join('')}</tbody></table>`);
  }
  return `<div class="matrix" id="${e(opts.id)}" role="group" aria-label="${e(opts.title)}">${tables.join('')}</div>`;
}

const LEGEND = `<div class="legend">
<span><i class="swatch" style="background:#e3f4e8;border-color:#1e7b3a"></i>allowed, as expected</span>
<span><i class="swatch" style="background:#e8edf3;border-color:#34495e"></i>refused, as expected</span>
<span><i class="swatch" style="background:#fde2e2;border-color:#b71c1c;border-width:2px"></i>observed ≠ expected</span>
<span><i class="swatch" style="background:#fff;border-color:#9aa3ad;border-style:dashed"></i>no expectation recorded</span>
<span><i class="swatch" style="background:#f3f4f6;border-color:#e5e7eb"></i>not exercised</span></div>`;

function kv(rows: [string, unknown][]): string {
  return `<table>${rows
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(typeof v === 'string' ? v : JSON.stringify(v))}</td></tr>`)
    .join('')}</table>`;
}

function evidenceHtml(ev: ReportEvidence): string {
  let title: string;
  let body: string;
  let bad = false;
  switch (ev.kind) {
    case 'request':
      title = `request: ${ev.method} ${ev.url} → ${ev.status}${ev.errorType ? ` ${ev.errorType}` : ''}`;
      body = kv([['signed', ev.signed ? 'yes' : 'no'], ['credentials', ev.credentials], ['actor', ev.actor], ['role', ev.role], ['principal ARN', ev.principalArn], ['variant', ev.variant], ['status', ev.status], ['error type', ev.errorType], ['request id', ev.requestId], ['duration', ev.durationMs !== undefined ? `${ev.durationMs} ms` : undefined]]);
      break;
    case 'roleAssumption':
      title = `sts:AssumeRole ${ev.roleArn} as ${ev.actor}: ${ev.outcome}`;
      body = kv([['principal ARN', ev.principalArn], ['role ARN', ev.roleArn], ['outcome', ev.outcome], ['session ARN', ev.sessionArn], ['error code', ev.errorCode], ['error message', ev.errorMessage], ['request id', ev.requestId], ['duration', ev.durationMs !== undefined ? `${ev.durationMs} ms` : undefined]]);
      break;
    case 'expectation':
      bad = !ev.holds;
      title = `expectation (${ev.check}): expected ${ev.expected}, observed ${ev.observed ?? 'nothing'} ${ev.holds ? '✓' : '✗'}`;
      body = '';
      break;
    case 'policyDocument':
      title = `${ev.policyType} policy ${ev.policyId}${ev.versionId ? ` (${ev.versionId})` : ''}`;
      body = kv([['attached to', ev.attachedTo], ['source', ev.source ? `${ev.source.file}${ev.source.jsonPointer ? `#${ev.source.jsonPointer}` : ''}` : undefined]]) + `<pre>${e(JSON.stringify(ev.document, null, 2))}</pre>`;
      break;
    case 'simulation':
      bad = ev.decision !== 'allowed';
      title = `simulation (${ev.engine}): ${ev.action} on ${ev.resource} → ${ev.decision}`;
      body = kv([['principal ARN', ev.principalArn], ['context', ev.context]]) +
        (ev.matchedStatements.length ? `<ul>${ev.matchedStatements.map((s) => `<li>${e(`${s.effect} ${s.policyId}${s.sid ? ` ${s.sid}` : ''}${s.statementIndex !== undefined ? ` [statement ${s.statementIndex}]` : ''}`)}</li>`).join('')}</ul>` : '<p class="muted">no statement matched</p>');
      break;
    case 'analyzerFinding':
      bad = ev.findingType === 'ERROR' || ev.findingType === 'SECURITY_WARNING' || ev.result === 'FAIL';
      title = ev.result ? `Access Analyzer ${ev.check}: ${ev.result}` : `Access Analyzer ${ev.check}: ${ev.issueCode}${ev.findingType ? ` (${ev.findingType})` : ''}`;
      body = kv([['message', ev.message], ['policy', ev.policyId], ['source', ev.source ? `${ev.source.file}${ev.source.jsonPointer ? `#${ev.source.jsonPointer}` : ''}` : undefined], ['learn more', ev.learnMoreLink]]);
      break;
  }
  const step = ev.step ? `<div class="muted">${e(ev.step)}</div>` : '';
  return `<div class="ev${bad ? ' bad' : ''}"><strong>${e(title)}</strong>${step}${body}<details><summary class="muted">raw evidence</summary><pre>${e(JSON.stringify(ev, null, 2))}</pre></details></div>`;
}

function scenarioHtml(s: ScenarioResult): string {
  const open = s.failure ? ' open' : '';
  const head = `${pill(s.status)} <strong>${e(s.name)}</strong>${s.example ? ` <span class="muted">[${e(s.example)}]</span>` : ''} <span class="muted">${e(s.controls.join(', '))}${s.layer ? ` · ${e(s.layer)}` : ''} · ${e(`${s.uri}:${s.line}`)}${s.durationMs !== undefined ? ` · ${s.durationMs} ms` : ''}</span>`;
  const steps = `<ol class="steps">${s.steps.map((st) => `<li>${pill(st.status)} ${e(st.text)}${st.message ? `<pre>${e(st.message)}</pre>` : ''}</li>`).join('')}</ol>`;
  const failure = s.failure ? `<p class="cause"><strong>Cause:</strong> ${e(s.failure.step)}: ${e(s.failure.message.split('\n')[0] ?? '')}</p>` : '';
  const evidence = s.evidence.length ? `<h3>Evidence</h3>${s.evidence.map(evidenceHtml).join('')}` : '<p class="muted">No evidence recorded.</p>';
  return `<details class="scenario" data-scenario="${e(s.id)}"${open}><summary>${head}</summary><div class="body">${failure}${steps}${evidence}</div></details>`;
}

/**
 * The scenarios grouped by control (failed controls first), each group a section that
 * starts a new page in print; scenarios tagged with no control come last.
 */
function evidenceByControl(report: ComplianceReport): string {
  const byId = new Map(report.scenarios.map((s) => [s.id, s]));
  const shown = new Set<string>();
  const sections: string[] = [];
  for (const c of sortControls(report.controls)) {
    const list = c.scenarios.map((id) => byId.get(id)).filter((s): s is ScenarioResult => !!s);
    if (list.length === 0) continue;
    const body = list.sort((a, b) => Number(!a.failure) - Number(!b.failure)).map((s) => {
      if (shown.has(s.id)) return `<p class="muted">Also: ${e(s.name)}${s.example ? ` [${e(s.example)}]` : ''} (evidence under ${e(s.controls[0] ?? '')})</p>`;
      shown.add(s.id);
      return scenarioHtml(s);
    }).join('');
    sections.push(`<section class="control-evidence" data-control="${e(c.id)}"><h3>${pill(c.status)} <code>${e(c.id)}</code> ${e(c.title)}</h3>${body}</section>`);
  }
  const rest = report.scenarios.filter((s) => !shown.has(s.id));
  if (rest.length) sections.push(`<section class="control-evidence" data-control=""><h3>Scenarios without a control</h3>${rest.map(scenarioHtml).join('')}</section>`);
  return sections.join('');
}

export function renderHtml(report: ComplianceReport): string {
  const { run, summary } = report;
  const matrix = accessMatrix(report);
  const roles = assumptionMatrix(report);
  const facts: [string, string | undefined][] = [
    ['target', `${run.target}${run.region ? ` (${run.region})` : ''}`],
    ['estate', run.estate],
    ['accounts', Object.entries(run.accounts).map(([k, v]) => `${k} ${v}`).join(', ')],
    ['crossgate', run.crossgateVersion],
    ['commit', run.git?.commit ? `${run.git.commit}${run.git.branch ? ` (${run.git.branch})` : ''}${run.git.dirty ? ', uncommitted changes' : ''}` : undefined],
    ['CI', run.ci ? `${run.ci.name}${run.ci.buildNumber ? ` build ${run.ci.buildNumber}` : ''} ${run.ci.url}` : undefined],
    ['started', run.startedAt],
    ['finished', run.finishedAt],
    ['duration', run.durationMs !== undefined ? `${(run.durationMs / 1000).toFixed(1)} s` : undefined],
    ['merged from', run.shards ? `${run.shards.length} reports` : undefined],
    ['environment', [run.environment.cucumber && `cucumber-js ${run.environment.cucumber}`, run.environment.node && `node ${run.environment.node}`, run.environment.os].filter(Boolean).join(', ')],
  ];
  const controlRows = sortControls(report.controls)
    .map((c) => `<tr data-control="${e(c.id)}" data-status="${e(c.status)}"><td>${pill(c.status)}</td><td><code>${e(c.id)}</code></td><td>${e(c.title)}${c.catalogued ? '' : ' <em class="muted">(not in controls.json)</em>'}${c.description ? `<div class="muted">${e(c.description)}</div>` : ''}</td><td>${e(c.layers.join(', ') || c.layer || '')}</td><td class="cause">${e(c.cause ?? '')}</td></tr>`)
    .join('');
  const isAllow = (v: string) => /^2\d\d$/.test(v);
  const matrixBlock = matrix.rows.length
    ? `${matrixGrid(matrix, { id: 'access-matrix-grid', title: 'Access matrix: callers × routes, observed status vs expected', corner: 'caller \\ route', allow: isAllow })}${LEGEND}`
    : '<p class="muted">No end-to-end requests in this run.</p>';
  const rolesBlock = roles.rows.length
    ? `<h3>Role assumptions</h3>${matrixGrid(roles, { id: 'assumption-matrix-grid', title: 'Role assumptions: principals × roles, observed outcome vs expected', corner: 'principal \\ role', allow: (v) => v === 'assumed' })}`
    : '';
  const scenarios = evidenceByControl(report);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>crossgate compliance report: ${e(report.verdict)}</title>
<style>${CSS}</style></head>
<body><main>
<header class="card"><h1>crossgate compliance report <span class="verdict ${e(report.verdict)}" id="verdict">${e(report.verdict.toUpperCase())}</span></h1>
<div id="summary"><strong>${summary.controls.failed} of ${summary.controls.total} controls failed</strong>, ${summary.controls.passed} passed${notRunWords(report)}${summary.controls.skipped ? `, ${summary.controls.skipped} skipped` : ''} · ${summary.scenarios.total} scenarios (${summary.scenarios.passed} passed, ${summary.scenarios.failed} failed${summary.scenarios.skipped ? `, ${summary.scenarios.skipped} skipped` : ''})</div>
<dl class="facts">${facts.filter(([, v]) => v).map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v!)}</dd>`).join('')}</dl></header>
${report.problems.length ? `<section class="card"><h2>Problems</h2><ul class="problems">${report.problems.map((p) => `<li>${e(p)}</li>`).join('')}</ul></section>` : ''}
<section class="card" id="controls"><h2>Controls</h2><table><thead><tr><th>status</th><th>control</th><th>title</th><th>layer</th><th>cause</th></tr></thead><tbody>${controlRows}</tbody></table></section>
<section class="card" id="access-matrix"><h2>Access matrix</h2><p class="muted">Callers × routes from the end-to-end requests: the status observed (large) and whether it is what the scenario expected (small).</p>${matrixBlock}${rolesBlock}</section>
<section id="scenarios"><h2>Evidence by control</h2>${scenarios}</section>
</main></body></html>
`;
}
