/**
 * `crossgate report merge <compliance.json…> [--out DIR] [--controls FILE]`: one
 * report set (json, md, html, sarif) from the compliance reports of sharded jobs.
 * Exit code: 0 when the merged verdict is passed, 1 when a control failed, 2 on a
 * usage error (missing or invalid input).
 *
 * `crossgate report formats [--markdown]`: the report files a run writes, one per line
 * (CI checks them), or the table of docs/reports.md.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadControlCatalog } from '../report/controls.ts';
import { formatsMarkdown, REPORT_FORMATS } from '../report/formats.ts';
import { mergeReports, readReport } from '../report/merge.ts';
import { writeReports } from '../report/writeReports.ts';
import { UserError } from '../util/userError.ts';

const USAGE = 'usage: crossgate report merge <compliance.json…> [--out DIR] [--controls FILE]\n       crossgate report formats [--markdown]';

export async function report(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'formats') return formats(rest);
  if (sub !== 'merge') throw new UserError(`${sub ? `unknown report command '${sub}'` : 'report: which command?'}\n${USAGE}`);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { out: { type: 'string', default: 'reports' }, controls: { type: 'string' } },
  });
  if (positionals.length === 0) throw new UserError(`report merge: no reports given\n${USAGE}`);
  const reports = positionals.map(readReport);
  // The catalogue in the repo wins (titles may have been fixed since); else the reports' own.
  const controlsFile = values.controls ?? (existsSync('controls.json') ? 'controls.json' : undefined);
  const merged = mergeReports(reports, controlsFile ? loadControlCatalog(controlsFile) : undefined);
  const { files, problems } = writeReports(merged, { dir: values.out!, cwd: process.cwd() });
  for (const p of problems) process.stderr.write(`crossgate: ${p}\n`);
  const { controls, scenarios } = merged.summary;
  process.stdout.write(
    `merged ${reports.length} reports: ${scenarios.total} scenarios, ${controls.total} controls ` +
      `(${controls.passed} passed, ${controls.failed} failed, ${controls.notRun} not run): ${merged.verdict}\n` +
      files.map((f) => `  ${f}\n`).join(''),
  );
  return merged.verdict === 'passed' ? 0 : 1;
}

function formats(args: string[]): number {
  const { values } = parseArgs({ args, options: { markdown: { type: 'boolean', default: false } } });
  process.stdout.write(values.markdown ? formatsMarkdown() : REPORT_FORMATS.map((f) => `${f.file}\n`).join(''));
  return 0;
}
