import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './emulator.ts';
import { BIN } from './cli.ts';

export interface ScenarioOutcome { name: string; status: string; messages: string[] }
export interface FeatureRun { exitCode: number | null; stdout: string; stderr: string; reportsDir: string; scenarios: ScenarioOutcome[] }

/** Run the bundled features with `crossgate run` against a given estate; read the outcome from messages.ndjson. */
export function runFeaturesAgainst(estateFile: string, extraArgs: string[] = []): FeatureRun {
  const config = JSON.parse(readFileSync(join(REPO, 'crossgate.config.json'), 'utf8')) as Record<string, unknown>;
  config.estate = estateFile;
  config.baselines = join(REPO, 'baselines');
  return runFeatures({ config, args: extraArgs });
}

/** Run the bundled features with a given config object (written to a temp file), profile and environment. */
export function runFeatures(opts: { config: Record<string, unknown>; profile?: string; env?: NodeJS.ProcessEnv; args?: string[] }): FeatureRun {
  const dir = mkdtempSync(join(tmpdir(), 'crossgate-run-'));
  const config = { ...opts.config };
  delete config.$schema;
  const configFile = join(dir, 'config.json');
  writeFileSync(configFile, JSON.stringify(config));
  const reportsDir = join(dir, 'reports');
  const r = spawnSync(process.execPath, [BIN, 'run', '--profile', opts.profile ?? 'default', '--config', configFile, '--reports', reportsDir, ...(opts.args ?? [])], {
    cwd: REPO, encoding: 'utf8', timeout: 120_000, env: opts.env ?? process.env,
  });
  const scenarios = new Map<string, ScenarioOutcome>();
  const pickles = new Map<string, string>();
  const testCases = new Map<string, string>();
  const started = new Map<string, string>();
  let text = '';
  try {
    text = readFileSync(join(reportsDir, 'messages.ndjson'), 'utf8');
  } catch {
    // no messages: the run failed before Cucumber started; scenarios stays empty
  }
  const rank: Record<string, number> = { PASSED: 0, SKIPPED: 1, PENDING: 2, UNDEFINED: 3, AMBIGUOUS: 4, FAILED: 5 };
  for (const line of text.split('\n').filter(Boolean)) {
    const m = JSON.parse(line);
    if (m.pickle) pickles.set(m.pickle.id, m.pickle.name);
    if (m.testCase) testCases.set(m.testCase.id, m.testCase.pickleId);
    if (m.testCaseStarted) started.set(m.testCaseStarted.id, m.testCaseStarted.testCaseId);
    if (m.testStepFinished) {
      const pickleId = testCases.get(started.get(m.testStepFinished.testCaseStartedId)!)!;
      const key = `${pickleId}`;
      const name = pickles.get(pickleId)!;
      const o = scenarios.get(key) ?? { name, status: 'PASSED', messages: [] };
      const res = m.testStepFinished.testStepResult;
      if ((rank[res.status] ?? 9) > (rank[o.status] ?? 0)) o.status = res.status;
      if (res.message) o.messages.push(res.message);
      scenarios.set(key, o);
    }
  }
  return { exitCode: r.status, stdout: r.stdout, stderr: r.stderr, reportsDir, scenarios: [...scenarios.values()] };
}
