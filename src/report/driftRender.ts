/**
 * drift.md and drift.html: the drift between two runs for a reviewer. New access
 * that widens what a principal can do comes first, marked accepted or not.
 */
import { oneLine } from './assemble.ts';
import type { AccessEntry, AppearedAccess, Drift, Finding } from './drift.ts';
import { escapeHtml as e } from './html.ts';

function md(text: string): string {
  return oneLine(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

function runLine(label: string, r: Drift['old']): string {
  return `${label}: \`${r.file}\` (${r.verdict}${r.startedAt ? `, ${r.startedAt}` : ''}${r.commit ? `, commit ${r.commit.slice(0, 12)}` : ''}${r.estate ? `, estate ${r.estate}` : ''})`;
}

function findingText(f: Finding): string {
  return `${f.check} ${f.result ?? f.findingType ?? ''} ${f.issueCode}${f.policyId ? ` on ${f.policyId}` : ''}${f.paths?.length ? ` at ${f.paths.join(', ')}` : ''}: ${f.message}`.replace(/\s+/g, ' ');
}

function appearedNote(a: AppearedAccess): string {
  if (!a.widens) return '';
  return a.accepted ? `accepted${a.accepted.reason ? `: ${a.accepted.reason}` : ''}` : 'NEW ACCESS, not accepted';
}

export function driftHeadline(d: Drift): string {
  const s = d.summary;
  const verdict = d.widened ? `ACCESS WIDENED: ${s.widened} new access not accepted` : s.accepted ? `access widened only as accepted (${s.accepted})` : 'no new access';
  return `${verdict} · ${s.controlsChanged} control verdict(s) changed · access ${s.accessAppeared} appeared, ${s.accessDisappeared} disappeared · ${s.policiesChanged} polic${s.policiesChanged === 1 ? 'y' : 'ies'} changed · findings ${s.findingsNew} new, ${s.findingsResolved} resolved`;
}

export function renderDriftMarkdown(d: Drift): string {
  const out: string[] = [`# crossgate drift: ${d.widened ? '❌ access widened' : '✅ no unaccepted new access'}`, '', driftHeadline(d), '', `- ${runLine('old', d.old)}`, `- ${runLine('new', d.new)}`, ''];
  out.push('## Access that appeared', '');
  if (d.access.appeared.length === 0) out.push('_None._', '');
  else {
    out.push('| principal | route | decision | |', '|---|---|---|---|');
    const sorted = [...d.access.appeared].sort((a, b) => Number(!!a.accepted || !a.widens) - Number(!!b.accepted || !b.widens));
    for (const a of sorted) out.push(`| ${md(a.principal)} | ${md(a.route)} | ${a.widens ? '**allowed**' : md(a.decision)} | ${a.widens ? (a.accepted ? '✅ ' : '❌ ') : ''}${md(appearedNote(a))} |`);
    out.push('');
  }
  out.push('## Access that disappeared', '');
  if (d.access.disappeared.length === 0) out.push('_None._', '');
  else {
    out.push('| principal | route | decision |', '|---|---|---|');
    for (const a of d.access.disappeared) out.push(`| ${md(a.principal)} | ${md(a.route)} | ${md(a.decision)} |`);
    out.push('');
  }
  out.push('## Controls whose verdict changed', '');
  if (d.controls.length === 0) out.push('_None._', '');
  else {
    out.push('| control | title | old | new |', '|---|---|---|---|');
    for (const c of d.controls) out.push(`| ${md(c.id)} | ${md(c.title)} | ${c.old} | ${c.new === 'failed' ? '**failed**' : c.new} |`);
    out.push('');
  }
  out.push('## Policies whose documents changed', '');
  if (d.policies.length === 0) out.push('_None._', '');
  else {
    out.push('| policy | type | change | old sha256 | new sha256 |', '|---|---|---|---|---|');
    for (const p of d.policies) out.push(`| ${md(p.policyId)} | ${p.policyType} | ${p.change} | ${p.old.map((s) => `\`${s.slice(0, 12)}\``).join(' ')} | ${p.new.map((s) => `\`${s.slice(0, 12)}\``).join(' ')} |`);
    out.push('');
  }
  out.push('## Access Analyzer findings', '');
  if (d.findings.new.length + d.findings.resolved.length === 0) out.push('_No new or resolved findings._', '');
  for (const f of d.findings.new) out.push(`- 🆕 new: ${md(findingText(f))}`);
  for (const f of d.findings.resolved) out.push(`- ✔️ resolved: ${md(findingText(f))}`);
  if (d.findings.new.length + d.findings.resolved.length) out.push('');
  if (d.unusedAccepts.length) {
    out.push('## Accept entries that matched no new access', '');
    for (const a of d.unusedAccepts) out.push(`- ${md(a.principal)} → ${md(a.route)}${a.reason ? ` (${md(a.reason)})` : ''}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

const CSS = `
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2328;background:#f6f7f9}
main{max-width:1200px;margin:0 auto;padding:24px}h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:24px 0 8px}
.card{background:#fff;border:1px solid #d6dae0;border-radius:8px;padding:16px;margin:12px 0}
table{border-collapse:collapse;width:100%;table-layout:fixed}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #d6dae0;vertical-align:top;overflow-wrap:anywhere}th{font-size:12px;color:#6b7280}
.bad{color:#b71c1c;font-weight:600}.ok{color:#1e7b3a}.muted{color:#6b7280}code{font:12px ui-monospace,Menlo,Consolas,monospace}
tr.widens td{background:#fde2e2}tr.accepted td{background:#fff4cc}
@media print{body{background:#fff}main{max-width:none;padding:0}.card{border:0;padding:0}tr{break-inside:avoid}}
`;

function table(head: string[], rows: string[][], rowClass: (i: number) => string = () => ''): string {
  return `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r, i) => `<tr${rowClass(i) ? ` class="${rowClass(i)}"` : ''}>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function accessRows(list: readonly AccessEntry[]): string[][] {
  return list.map((a) => [e(a.principal), `<code>${e(a.route)}</code>`, e(a.decision)]);
}

export function renderDriftHtml(d: Drift): string {
  const none = '<p class="muted">None.</p>';
  const appeared = [...d.access.appeared].sort((a, b) => Number(!!a.accepted || !a.widens) - Number(!!b.accepted || !b.widens));
  const sections = [
    `<section class="card" id="appeared"><h2>Access that appeared</h2>${appeared.length ? table(['principal', 'route', 'decision', ''], appeared.map((a) => [...accessRows([a])[0]!, `<span class="${a.widens && !a.accepted ? 'bad' : ''}">${e(appearedNote(a))}</span>`]), (i) => (appeared[i]!.widens ? (appeared[i]!.accepted ? 'accepted' : 'widens') : '')) : none}</section>`,
    `<section class="card" id="disappeared"><h2>Access that disappeared</h2>${d.access.disappeared.length ? table(['principal', 'route', 'decision'], accessRows(d.access.disappeared)) : none}</section>`,
    `<section class="card" id="controls"><h2>Controls whose verdict changed</h2>${d.controls.length ? table(['control', 'title', 'old', 'new'], d.controls.map((c) => [`<code>${e(c.id)}</code>`, e(c.title), e(c.old), `<span class="${c.new === 'failed' ? 'bad' : c.new === 'passed' ? 'ok' : ''}">${e(c.new)}</span>`])) : none}</section>`,
    `<section class="card" id="policies"><h2>Policies whose documents changed</h2>${d.policies.length ? table(['policy', 'type', 'change', 'old sha256', 'new sha256'], d.policies.map((p) => [e(p.policyId), e(p.policyType), e(p.change), p.old.map((s) => `<code>${s}</code>`).join('<br>'), p.new.map((s) => `<code>${s}</code>`).join('<br>')])) : none}</section>`,
    `<section class="card" id="findings"><h2>Access Analyzer findings</h2>${d.findings.new.length + d.findings.resolved.length ? `<ul>${d.findings.new.map((f) => `<li><strong class="bad">new</strong> ${e(findingText(f))}</li>`).join('')}${d.findings.resolved.map((f) => `<li><strong class="ok">resolved</strong> ${e(findingText(f))}</li>`).join('')}</ul>` : '<p class="muted">No new or resolved findings.</p>'}</section>`,
    d.unusedAccepts.length ? `<section class="card"><h2>Accept entries that matched no new access</h2><ul>${d.unusedAccepts.map((a) => `<li>${e(a.principal)} → <code>${e(a.route)}</code>${a.reason ? ` (${e(a.reason)})` : ''}</li>`).join('')}</ul></section>` : '',
  ];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>crossgate drift: ${d.widened ? 'access widened' : 'no unaccepted new access'}</title>
<style>${CSS}</style></head>
<body><main>
<header class="card"><h1 id="drift-verdict" class="${d.widened ? 'bad' : 'ok'}">crossgate drift: ${d.widened ? 'access widened' : 'no unaccepted new access'}</h1>
<p id="drift-summary">${e(driftHeadline(d))}</p><ul><li>${e(runLine('old', d.old))}</li><li>${e(runLine('new', d.new))}</li></ul></header>
${sections.join('\n')}
</main></body></html>
`;
}
