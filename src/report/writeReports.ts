/**
 * Writes a report in all its forms (COMPLIANCE_FORMATS: compliance.json, .md, .html,
 * .sarif) and the Markdown to $GITHUB_STEP_SUMMARY when set. Every text is redacted on its way out.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeAjvErrors } from '../util/jsonFile.ts';
import { schemaValidator } from '../util/schemas.ts';
import { COMPLIANCE_FORMATS, COMPLIANCE_JSON } from './formats.ts';
import { renderMarkdown } from './markdown.ts';
import type { ComplianceReport } from './model.ts';
import { redact } from '../secrets/redact.ts';

/** The compliance report's files (src/report/formats.ts registers them). */
export const REPORT_FILES = { json: COMPLIANCE_JSON, markdown: 'compliance.md', html: 'compliance.html', sarif: 'compliance.sarif' } as const;

/** Problems with the report against schemas/compliance.schema.json; empty when valid. */
export function validateReport(report: unknown, label: string = REPORT_FILES.json): string[] {
  const validate = schemaValidator('compliance');
  return validate(report) ? [] : describeAjvErrors(label, validate.errors).split('\n');
}

export interface WriteOptions {
  dir: string;
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Write compliance.json through this (a Cucumber formatter's stream) instead of to dir. */
  writeJson?: (text: string) => void;
}

export function writeReports(report: ComplianceReport, opts: WriteOptions): { files: string[]; problems: string[] } {
  mkdirSync(opts.dir, { recursive: true });
  const problems = validateReport(report);
  const json = redact(`${JSON.stringify(report, null, 2)}\n`);
  const markdown = redact(renderMarkdown(report));
  const files: string[] = [];
  if (opts.writeJson) opts.writeJson(json);
  else writeFileSync(join(opts.dir, REPORT_FILES.json), json);
  files.push(join(opts.dir, REPORT_FILES.json));
  const put = (name: string, text: string) => {
    writeFileSync(join(opts.dir, name), redact(text));
    files.push(join(opts.dir, name));
  };
  for (const format of COMPLIANCE_FORMATS) {
    if (format.render) put(format.file, format.file === REPORT_FILES.markdown ? markdown : format.render(report, opts.cwd));
  }
  const summary = (opts.env ?? process.env).GITHUB_STEP_SUMMARY;
  if (summary) {
    try {
      appendFileSync(summary, `${markdown}\n`);
    } catch (err) {
      problems.push(`cannot append to GITHUB_STEP_SUMMARY (${summary}): ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
  }
  return { files, problems };
}
