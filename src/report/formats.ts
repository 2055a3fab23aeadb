/**
 * Every report a run writes, registered once: the CLI (Cucumber's formats for the
 * built-in profiles, the summary line), the report writer, `crossgate report formats`
 * (which CI reads) and docs/reports.md (checked by a test) all read this list.
 */
import type { ComplianceReport } from './model.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { renderSarif } from './sarif.ts';

interface FormatBase {
  /** The file name under the reports folder. */
  file: string;
  /** Who reads it. */
  audience: string;
  /** What it holds, one sentence of Markdown. */
  description: string;
}

/** A report Cucumber's own formatters write from the message stream. */
export interface CucumberFormat extends FormatBase {
  kind: 'cucumber';
  /** The cucumber-js formatter name. */
  formatter: string;
  /** crossgate's wrapper of that formatter (a module of src/report), used in its place by the built-in profiles. */
  plugin?: string;
}

/** A file of the evidence seal, written once every other report is (src/report/manifest.ts). */
export interface SealFormat extends FormatBase {
  kind: 'seal';
}

/** A form of crossgate's compliance report. */
export interface ComplianceFormat extends FormatBase {
  kind: 'compliance';
  /** The text of the file; undefined for compliance.json itself (the report as JSON). */
  render?: (report: ComplianceReport, cwd: string) => string;
}

export type ReportFormat = CucumberFormat | ComplianceFormat | SealFormat;

export const REPORT_FORMATS: readonly ReportFormat[] = [
  {
    kind: 'compliance', file: 'compliance.json', audience: 'machines, auditors',
    description: 'the run (crossgate version, target, region, accounts, start/end, git commit, CI build), one entry per control and per scenario with its status, layer and the **evidence** behind the verdict; validated by [`schemas/compliance.schema.json`](../schemas/compliance.schema.json) (`schemaVersion` 1.x)',
  },
  {
    kind: 'compliance', file: 'compliance.md', audience: 'engineers, CI', render: (r) => renderMarkdown(r),
    description: 'pass/fail per control, failures first with their cause (a long cause starts in the table and follows in full under it), and the access matrix; appended to `$GITHUB_STEP_SUMMARY` when set',
  },
  {
    kind: 'compliance', file: 'compliance.html', audience: 'people', render: (r) => renderHtml(r),
    description: 'one self-contained page (no script, no network): the summary, the access matrix as a grid that fits the page (callers × routes, observed vs expected, disagreements in red) and each control\'s scenarios with their evidence, expandable; prints completely (`crossgate report pdf`)',
  },
  {
    kind: 'compliance', file: 'compliance.sarif', audience: 'code scanning', render: (r, cwd) => `${JSON.stringify(renderSarif(r, cwd), null, 2)}\n`,
    description: 'SARIF 2.1.0: each failed check (rule = control id) and each Access Analyzer finding (rule = issue code), located at the policy\'s line when the policy comes from the repository, else at the scenario',
  },
  { kind: 'cucumber', formatter: 'html', file: 'cucumber.html', audience: 'people', description: 'Cucumber\'s own HTML report: every scenario, step and attachment' },
  { kind: 'cucumber', formatter: 'junit', plugin: 'junitFormatter', file: 'junit.xml', audience: 'CI test views', description: 'JUnit XML, one test case per scenario (suite `crossgate`), named by its control ids, the scenario and an outline row\'s values (`XACCT-TRUST-01 … [outsider]`)' },
  { kind: 'cucumber', formatter: 'message', file: 'messages.ndjson', audience: 'tools', description: 'Cucumber\'s message stream (NDJSON), from which every other report can be rebuilt' },
  {
    kind: 'seal', file: 'manifest.json', audience: 'auditors',
    description: 'every other report file of the run with its SHA-256 and size ([`schemas/manifest.schema.json`](../schemas/manifest.schema.json)); its own SHA-256 is in `compliance.json` (`integrity`)',
  },
  {
    kind: 'seal', file: 'compliance.json.sha256', audience: 'auditors',
    description: '`compliance.json`\'s SHA-256 in `sha256sum` format: the one digest to anchor; `crossgate report verify` checks the folder',
  },
];

export const COMPLIANCE_FORMATS = REPORT_FORMATS.filter((f): f is ComplianceFormat => f.kind === 'compliance');
export const CUCUMBER_FORMATS = REPORT_FORMATS.filter((f): f is CucumberFormat => f.kind === 'cucumber');

/** The file compliance.json is written to (the compliance formatter's own output). */
export const COMPLIANCE_JSON = COMPLIANCE_FORMATS.find((f) => f.render === undefined)!.file;

/**
 * cucumber-js `--format` values for Cucumber's reports under a folder, e.g. 'html:reports/cucumber.html';
 * `plugin` gives the path of crossgate's wrapper module by name, when there is one.
 */
export function cucumberFormatArgs(dir = 'reports', plugin?: (name: string) => string): string[] {
  return CUCUMBER_FORMATS.map((f) => (f.plugin && plugin ? `"${plugin(f.plugin)}":"${dir}/${f.file}"` : `${f.formatter}:${dir}/${f.file}`));
}

/** The table of docs/reports.md. */
export function formatsMarkdown(): string {
  const rows = REPORT_FORMATS.map((f) => `| \`reports/${f.file}\` | ${f.kind === 'cucumber' ? `Cucumber (\`${f.formatter}\`${f.plugin ? `, through \`src/report/${f.plugin}.ts\`` : ''})` : 'crossgate'} | ${f.audience} | ${f.description} |`);
  return ['| file | written by | for | what |', '|---|---|---|---|', ...rows].join('\n') + '\n';
}
