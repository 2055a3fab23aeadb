/**
 * Running `crossgate run` for report tests: against a given estate, with extra
 * cucumber-js options and environment, reading back compliance.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../support/cli.ts';
import { REPO } from '../support/emulator.ts';
import type { ComplianceReport } from '../../src/report/index.ts';

export interface ReportRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  dir: string;
  reportsDir: string;
  report?: ComplianceReport;
}

export function crossgate(args: string[], env: Record<string, string> = {}): { exitCode: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: 'utf8', timeout: 180_000, env: { ...process.env, GITHUB_STEP_SUMMARY: '', ...env } });
  return { exitCode: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `crossgate run --config <estate's config> --reports <tmp> [-- cucumberArgs]`. */
export function runReports(estateFile: string, opts: { cucumberArgs?: string[]; env?: Record<string, string>; runArgs?: string[]; config?: Record<string, unknown> } = {}): ReportRun {
  const dir = mkdtempSync(join(tmpdir(), 'crossgate-report-'));
  const config = JSON.parse(readFileSync(join(REPO, 'crossgate.config.json'), 'utf8')) as Record<string, unknown>;
  config.estate = estateFile;
  delete config.$schema;
  Object.assign(config, opts.config);
  const configFile = join(dir, 'config.json');
  writeFileSync(configFile, JSON.stringify(config));
  const reportsDir = join(dir, 'reports');
  const cucumberArgs = opts.cucumberArgs?.length ? ['--', ...opts.cucumberArgs] : [];
  const r = crossgate(['run', '--config', configFile, '--reports', reportsDir, ...(opts.runArgs ?? []), ...cucumberArgs], opts.env);
  const jsonFile = join(reportsDir, 'compliance.json');
  const report = existsSync(jsonFile) ? (JSON.parse(readFileSync(jsonFile, 'utf8')) as ComplianceReport) : undefined;
  return { ...r, dir, reportsDir, report };
}

/** The repository's CheckNoNewAccess baselines, for a run whose config lives in a temporary folder. */
export const REPO_BASELINES = { baselines: join(REPO, 'baselines') };

export const estate = (name: string): string => (name === 'seed' ? join(REPO, 'estates', 'seed.json') : join(REPO, 'estates', 'broken', `${name}.json`));
