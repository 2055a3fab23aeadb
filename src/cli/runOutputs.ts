/**
 * What `crossgate run` does with its reports once Cucumber is done, while they are
 * still in the run's private staging folder: the drift against an earlier report
 * (--compare-to), then the seal (manifest.json, its digest in compliance.json,
 * compliance.json.sha256). And the console's last word: the seal's digests, the
 * verdict, and every failed control by id and title with its cause.
 */
import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { diffReports, type AcceptedAccess, type Drift } from '../report/drift.ts';
import { driftHeadline, renderDriftMarkdown } from '../report/driftRender.ts';
import { writeDrift } from '../report/driftFiles.ts';
import { COMPLIANCE_FORMATS } from '../report/formats.ts';
import { sealReports, MANIFEST_FILE, SEAL_FILE, type Seal } from '../report/manifest.ts';
import { sortControls } from '../report/markdown.ts';
import type { ComplianceReport } from '../report/model.ts';
import { redact } from '../secrets/redact.ts';
import { crossgateVersion } from '../report/runMetadata.ts';
import { notRunWords } from '../report/notRun.ts';

export interface Comparison { file: string; report: ComplianceReport; accept?: AcceptedAccess[] }

export interface Completed { drift?: Drift; seal?: Seal; problems: string[] }

/** Drift (when asked) and seal, inside the staging folder, so both are published with the reports. */
export function completeReports(staging: string, complianceFile: string | undefined, compare: Comparison | undefined): Completed {
  const problems: string[] = [];
  let drift: Drift | undefined;
  const fresh = complianceFile && existsSync(complianceFile) ? complianceFile : undefined;
  if (compare) {
    if (!fresh) problems.push(`--compare-to ${compare.file}: this run wrote no compliance.json to compare`);
    else {
      try {
        const report = JSON.parse(readFileSync(fresh, 'utf8')) as ComplianceReport;
        drift = diffReports({ file: compare.file, report: compare.report }, { file: 'compliance.json', report }, { accept: compare.accept, generatorVersion: crossgateVersion() });
        problems.push(...writeDrift(drift, staging).problems);
        // In a GitHub job summary the drift follows the compliance summary.
        const summary = process.env.GITHUB_STEP_SUMMARY;
        if (summary) appendFileSync(summary, `${redact(renderDriftMarkdown(drift))}\n`);
      } catch (err) {
        problems.push(`cannot compare with ${compare.file}: ${(err as Error).message}`);
      }
    }
  }
  let seal: Seal | undefined;
  try {
    seal = sealReports(staging);
  } catch (err) {
    problems.push(`cannot seal the reports: ${(err as Error).message}`);
  }
  return { ...(drift ? { drift } : {}), ...(seal ? { seal } : {}), problems };
}

/**
 * The console's end: the evidence digests, the verdict line, then each failed control
 * (id and title) with one line for its cause. Only for a compliance.json this run wrote.
 */
export function printRunSummary(target: string | undefined, since: number, done: Completed, write: (text: string) => void = (t) => process.stdout.write(t)): void {
  const lines: string[] = [''];
  for (const p of done.problems) lines.push(`crossgate: ${p}`);
  if (done.drift) {
    const d = done.drift;
    lines.push(`crossgate: drift since ${d.old.file}: ${driftHeadline(d)}`);
    for (const a of d.access.appeared.filter((x) => x.widens && !x.accepted)) lines.push(`  new access: ${a.principal} → ${a.route} (${a.decision})`);
  }
  if (target && existsSync(target) && statSync(target).mtimeMs >= since - 1000) {
    try {
      const report = JSON.parse(readFileSync(target, 'utf8')) as ComplianceReport;
      const folder = join(target, '..');
      const rel = relative(process.cwd(), folder);
      const dir = rel === '' ? '.' : rel.startsWith('..') ? folder : rel;
      if (done.seal) {
        lines.push(`crossgate: evidence manifest ${join(dir, MANIFEST_FILE)} sha256:${done.seal.manifestSha256} (recorded in compliance.json)`);
        if (done.seal.reportSha256) lines.push(`crossgate: compliance.json sha256:${done.seal.reportSha256} (${join(dir, SEAL_FILE)}; anchor this digest: crossgate report verify ${dir} --expect <it>)`);
      }
      const c = report.summary.controls;
      const base = target.replace(/\.json$/, '');
      const others = COMPLIANCE_FORMATS.map((f) => f.file.replace(/^compliance/, '')).filter((ext) => ext !== '.json');
      lines.push(
        `crossgate: ${report.verdict.toUpperCase()}: ${c.failed} of ${c.total} controls failed, ${c.passed} passed${notRunWords(report)}` +
          ` (${base}.json, ${others.join(', ')})`,
      );
      const failed = sortControls(report.controls).filter((x) => x.status === 'failed');
      for (const f of failed) {
        lines.push(`  ✖ ${f.id} ${f.title}`);
        lines.push(`      ${f.cause ?? 'failed'}`);
      }
    } catch {
      // the report is the formatter's business; a run never fails for these lines
    }
  }
  write(redact(`${lines.join('\n')}\n`));
}
