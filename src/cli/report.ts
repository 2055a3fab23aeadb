/**
 * `crossgate report …`: work on compliance reports after a run.
 *
 *   merge <compliance.json…> [--out DIR] [--controls FILE]   one report set from sharded jobs
 *   diff OLD.json NEW.json [--accept FILE] [--out DIR]         drift between two runs
 *   verify DIR [--expect SHA256]                               a reports folder against its manifest
 *   pdf [DIR|compliance.html] [--out FILE] [--chromium PATH]   the HTML report printed to PDF
 *   formats [--markdown]                                       the report files a run writes, one per line
 *                                                              (CI checks them), or the table of docs/reports.md
 *
 * Exit codes: 0 fine; 1 merge: a control failed, diff: access widened and not accepted,
 * verify: a file changed, is missing or was added; 2 a usage error (missing or invalid input).
 */
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadControlCatalog } from '../report/controls.ts';
import { diffReports } from '../report/drift.ts';
import { readAcceptFile, writeDrift } from '../report/driftFiles.ts';
import { driftHeadline, renderDriftMarkdown } from '../report/driftRender.ts';
import { formatsMarkdown, REPORT_FORMATS } from '../report/formats.ts';
import { sealReports, verifyReports } from '../report/manifest.ts';
import { checkShards, mergeReports, readReport } from '../report/merge.ts';
import { crossgateVersion } from '../report/runMetadata.ts';
import { REPORT_FILES, writeReports } from '../report/writeReports.ts';
import { UserError } from '../util/userError.ts';

const USAGE = `usage: crossgate report merge <compliance.json…> [--out DIR] [--controls FILE]
       crossgate report diff OLD.json NEW.json [--accept FILE] [--out DIR]
       crossgate report verify DIR [--expect SHA256]
       crossgate report pdf [DIR|compliance.html] [--out FILE] [--chromium PATH]
       crossgate report formats [--markdown]`;

const out = (text: string) => process.stdout.write(text);

async function merge(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string', default: 'reports' }, controls: { type: 'string' } } });
  if (positionals.length === 0) throw new UserError(`report merge: no reports given\n${USAGE}`);
  const reports = positionals.map(readReport);
  checkShards(reports, positionals);
  // The catalogue in the repo wins (titles may have been fixed since); else the reports' own.
  const controlsFile = values.controls ?? (existsSync('controls.json') ? 'controls.json' : undefined);
  const merged = mergeReports(reports, controlsFile ? loadControlCatalog(controlsFile) : undefined);
  const { files, problems } = writeReports(merged, { dir: values.out!, cwd: process.cwd() });
  for (const p of problems) process.stderr.write(`crossgate: ${p}\n`);
  // Seal what the merge wrote (the folder may hold the shards' reports too; they are not this report's).
  const seal = sealReports(values.out!, files.map((f) => basename(f)));
  const { controls, scenarios } = merged.summary;
  out(
    `merged ${reports.length} reports: ${scenarios.total} scenarios, ${controls.total} controls ` +
      `(${controls.passed} passed, ${controls.failed} failed, ${controls.notRun} not run): ${merged.verdict}\n` +
      files.map((f) => `  ${f}\n`).join('') +
      `evidence manifest sha256:${seal.manifestSha256}${seal.reportSha256 ? `; compliance.json sha256:${seal.reportSha256}` : ''}\n`,
  );
  return merged.verdict === 'passed' || merged.verdict === 'partial' ? 0 : 1;
}

async function diff(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, accept: { type: 'string' } } });
  if (positionals.length !== 2) throw new UserError(`report diff: give the older and the newer compliance.json\n${USAGE}`);
  const [oldFile, newFile] = positionals as [string, string];
  const older = readReport(oldFile);
  const newer = readReport(newFile);
  const accept = values.accept ? readAcceptFile(values.accept) : undefined;
  const drift = diffReports({ file: oldFile, report: older }, { file: newFile, report: newer }, { ...(accept ? { accept } : {}), generatorVersion: crossgateVersion() });
  if (values.out) {
    const { files, problems } = writeDrift(drift, values.out);
    for (const p of problems) process.stderr.write(`crossgate: drift.json does not match its schema: ${p}\n`);
    out(`crossgate: ${driftHeadline(drift)}\n${files.map((f) => `  ${f}\n`).join('')}`);
    for (const a of drift.access.appeared.filter((x) => x.widens && !x.accepted)) out(`  new access: ${a.principal} → ${a.route} (${a.decision})\n`);
  } else {
    out(renderDriftMarkdown(drift));
  }
  return drift.widened ? 1 : 0;
}

async function verify(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { expect: { type: 'string' } } });
  if (positionals.length !== 1) throw new UserError(`report verify: give one reports folder\n${USAGE}`);
  if (values.expect !== undefined && !/^[0-9a-fA-F]{64}$/.test(values.expect)) throw new UserError(`--expect: '${values.expect}' is not a SHA-256 digest (64 hex digits)`);
  const dir = positionals[0]!;
  const v = verifyReports(dir, values.expect);
  if (v.ok) {
    out(`crossgate: ${dir}: intact: ${v.checked} files match manifest.json${v.reportSha256 ? `; compliance.json sha256:${v.reportSha256}${values.expect ? ' (as anchored)' : ''}` : ''}\n`);
    return 0;
  }
  const lines = [`crossgate: ${dir}: NOT intact`];
  for (const f of v.changed) lines.push(`  changed: ${f}`);
  for (const f of v.missing) lines.push(`  missing: ${f}`);
  for (const f of v.added) lines.push(`  added:   ${f}`);
  for (const p of v.problems) lines.push(`  ${p}`);
  out(`${lines.join('\n')}\n`);
  return 1;
}

async function pdf(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, chromium: { type: 'string' } } });
  if (positionals.length > 1) throw new UserError(`report pdf: give one reports folder or compliance.html\n${USAGE}`);
  const input = positionals[0] ?? 'reports';
  if (!existsSync(input)) throw new UserError(`${input}: no such file or folder`);
  const html = statSync(input).isDirectory() ? join(input, REPORT_FILES.html) : input;
  if (!existsSync(html)) throw new UserError(`${html}: no such file (run crossgate run first, or name the HTML report)`);
  const target = values.out ?? html.replace(/\.html?$/i, '') + '.pdf';
  const { printToPdf } = await import('../report/pdf.ts');
  await printToPdf(html, target, values.chromium ? { chromium: values.chromium } : {});
  out(`crossgate: wrote ${target}\n`);
  return 0;
}

function formats(args: string[]): number {
  const { values } = parseArgs({ args, options: { markdown: { type: 'boolean', default: false } } });
  out(values.markdown ? formatsMarkdown() : REPORT_FORMATS.map((f) => `${f.file}\n`).join(''));
  return 0;
}

export async function report(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'merge':
      return merge(rest);
    case 'diff':
      return diff(rest);
    case 'verify':
      return verify(rest);
    case 'pdf':
      return pdf(rest);
    case 'formats':
      return formats(rest);
    default:
      throw new UserError(`${sub ? `unknown report command '${sub}'` : 'report: which command?'}\n${USAGE}`);
  }
}
