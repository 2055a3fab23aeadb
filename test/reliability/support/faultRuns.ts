/**
 * Runs the bundled features with `crossgate run` under a fault plan (CROSSGATE_FAULTS)
 * and reads back, per scenario, its outcome and the faults injected while it ran.
 * Runs are serial inside (Cucumber's default), so a fault belongs to the scenario whose
 * [started, finished] window holds its timestamp.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaultEvent, FaultPlan } from '../../../src/emulator/faults.ts';
import { BIN } from '../../support/cli.ts';
import { REPO } from '../../support/emulator.ts';

export interface ScenarioRun {
  /** uri:line of the pickle: stable across runs. */
  key: string;
  name: string;
  status: string;
  messages: string[];
  started: number;
  finished: number;
  /** Faults injected while the scenario ran. */
  faults: FaultEvent[];
  /**
   * Those of them no other scenario's window also holds. Timestamps are whole
   * milliseconds: one scenario can send its last request, finish, and the next start and
   * send its first within the same one, and such an event cannot be told apart.
   */
  ownFaults: FaultEvent[];
}

export interface FaultRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  scenarios: Map<string, ScenarioRun>;
  injected: FaultEvent[];
}

/** Client timeouts short enough for tests (a 'slow' fault holds answers past them). */
export const TEST_CALL_ENV = { CROSSGATE_AWS_TIMEOUT_MS: '800', CROSSGATE_AWS_CONNECT_TIMEOUT_MS: '1000', CROSSGATE_AWS_RETRY_BASE_MS: '10' };

const RANK: Record<string, number> = { PASSED: 0, SKIPPED: 1, PENDING: 2, UNDEFINED: 3, AMBIGUOUS: 4, FAILED: 5 };

function millis(t: { seconds: number; nanos: number }): number {
  return t.seconds * 1000 + t.nanos / 1e6;
}

export function readScenarios(messagesFile: string, injected: FaultEvent[]): Map<string, ScenarioRun> {
  const out = new Map<string, ScenarioRun>();
  if (!existsSync(messagesFile)) return out;
  const pickles = new Map<string, { key: string; name: string }>();
  const testCases = new Map<string, string>();
  const attempts = new Map<string, ScenarioRun>();
  for (const line of readFileSync(messagesFile, 'utf8').split('\n')) {
    if (!line) continue;
    const m = JSON.parse(line);
    if (m.pickle) pickles.set(m.pickle.id, { key: `${m.pickle.uri}:${m.pickle.location?.line ?? m.pickle.name}`, name: m.pickle.name });
    else if (m.testCase) testCases.set(m.testCase.id, m.testCase.pickleId);
    else if (m.testCaseStarted) {
      const p = pickles.get(testCases.get(m.testCaseStarted.testCaseId)!)!;
      const s: ScenarioRun = { key: p.key, name: p.name, status: 'PASSED', messages: [], started: millis(m.testCaseStarted.timestamp), finished: Infinity, faults: [], ownFaults: [] };
      attempts.set(m.testCaseStarted.id, s);
      out.set(p.key, s);
    } else if (m.testStepFinished) {
      const s = attempts.get(m.testStepFinished.testCaseStartedId)!;
      const r = m.testStepFinished.testStepResult;
      if ((RANK[r.status] ?? 9) > (RANK[s.status] ?? 0)) s.status = r.status;
      if (r.message) s.messages.push(r.message);
    } else if (m.testCaseFinished) {
      attempts.get(m.testCaseFinished.testCaseStartedId)!.finished = millis(m.testCaseFinished.timestamp);
    }
  }
  for (const e of injected) {
    const holders = [...out.values()].filter((s) => e.at >= s.started && e.at <= s.finished);
    for (const s of holders) s.faults.push(e);
    if (holders.length === 1) holders[0]!.ownFaults.push(e);
  }
  return out;
}

/** `crossgate run` on the seed estate with this fault plan (none: a fault-free run). */
export function runWithFaults(plan: FaultPlan | undefined, env: Record<string, string> = {}): Promise<FaultRun> {
  const dir = mkdtempSync(join(tmpdir(), 'crossgate-faults-'));
  const log = join(dir, 'faults.ndjson');
  const reports = join(dir, 'reports');
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...TEST_CALL_ENV, ...env };
  delete childEnv.CROSSGATE_FAULTS;
  if (plan) {
    const file = join(dir, 'plan.json');
    writeFileSync(file, JSON.stringify({ ...plan, log }));
    childEnv.CROSSGATE_FAULTS = file;
  }
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // Serial (whatever the profile says): faults are matched to scenarios by time.
    const child = spawn(process.execPath, [BIN, 'run', '--reports', reports, '--', '--parallel', '0'], { cwd: REPO, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const injected: FaultEvent[] = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as FaultEvent) : [];
      resolve({ exitCode: code, stdout, stderr, durationMs: Date.now() - started, injected, scenarios: readScenarios(join(reports, 'messages.ndjson'), injected) });
    });
  });
}

/** Run tasks with at most `limit` at a time, keeping their order. */
export async function limited<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  }));
  return results;
}
