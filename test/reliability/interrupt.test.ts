/**
 * A run interrupted by SIGINT still writes its reports, marked incomplete, and exits
 * non-zero; no scenario after the interruption passes. Two runs writing to one
 * reports folder at once leave whole files (each is moved into place by a rename).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { BIN } from '../support/cli.ts';
import { REPO } from '../support/emulator.ts';
import { readScenarios, TEST_CALL_ENV } from './support/faultRuns.ts';

function run(reports: string, env: NodeJS.ProcessEnv = {}): { done: Promise<{ code: number | null; stdout: string; stderr: string }>; kill: (s: NodeJS.Signals) => void } {
  const child = spawn(process.execPath, [BIN, 'run', '--reports', reports], { cwd: REPO, env: { ...process.env, ...TEST_CALL_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { done, kill: (s) => child.kill(s) };
}

/** Every report file parses: no interleaved or truncated writes. */
function assertWhole(dir: string): void {
  const lines = readFileSync(join(dir, 'messages.ndjson'), 'utf8').split('\n').filter(Boolean);
  const messages = lines.map((l, i) => {
    try {
      return JSON.parse(l) as Record<string, unknown>;
    } catch {
      throw new assert.AssertionError({ message: `messages.ndjson line ${i + 1} is not JSON: ${l.slice(0, 120)}` });
    }
  });
  assert.equal(messages.filter((m) => m.testRunStarted).length, 1, 'one testRunStarted');
  assert.equal(messages.filter((m) => m.testRunFinished).length, 1, 'one testRunFinished');
  assert.equal(XMLValidator.validate(readFileSync(join(dir, 'junit.xml'), 'utf8')), true, 'junit.xml is well-formed');
  JSON.parse(readFileSync(join(dir, 'compliance.json'), 'utf8'));
  for (const f of ['cucumber.html', 'compliance.md', 'compliance.html', 'compliance.sarif']) assert.ok(existsSync(join(dir, f)), f);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.crossgate-run-')), [], 'no staging folder is left behind');
}

describe('harness robustness', () => {
  test('SIGINT mid-run: partial reports marked incomplete, exit 130, nothing after it passes', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'crossgate-sigint-'));
    const log = join(dir, 'faults.ndjson');
    // Latency, not failure: every call answers 300 ms late, so the run lasts long enough to interrupt.
    writeFileSync(join(dir, 'plan.json'), JSON.stringify({ faults: [{ service: '*', fault: 'slow', delayMs: 300 }], log }));
    const reports = join(dir, 'reports');
    const r = run(reports, { CROSSGATE_FAULTS: join(dir, 'plan.json'), CROSSGATE_AWS_TIMEOUT_MS: '5000' });
    for (let i = 0; i < 300 && !(existsSync(log) && readFileSync(log, 'utf8').split('\n').length > 6); i++) await new Promise((res) => setTimeout(res, 50));
    const interruptedAt = Date.now();
    r.kill('SIGINT');
    const out = await r.done;
    t.diagnostic(`exit ${out.code} ${Date.now() - interruptedAt} ms after SIGINT`);
    assert.equal(out.code, 130, out.stderr);
    assert.match(out.stderr, /SIGINT: finishing the step in flight/);
    assert.match(out.stderr, /interrupted by SIGINT: its reports in .* are partial/);
    assertWhole(reports);

    const scenarios = [...readScenarios(join(reports, 'messages.ndjson'), []).values()];
    const notChecked = scenarios.filter((s) => s.messages.some((m) => /not checked: the run was interrupted by SIGINT/.test(m)));
    assert.ok(notChecked.length > 0, 'the scenarios after the interruption are marked not checked');
    for (const s of notChecked) assert.equal(s.status, 'FAILED');
    const firstUnchecked = Math.min(...notChecked.map((s) => s.started));
    const passedAfter = scenarios.filter((s) => s.started >= firstUnchecked && s.status === 'PASSED');
    assert.deepEqual(passedAfter.map((s) => s.key), [], 'no scenario after the interruption passed');

    const report = JSON.parse(readFileSync(join(reports, 'compliance.json'), 'utf8')) as { verdict: string; problems: string[]; run: { success: boolean } };
    assert.equal(report.verdict, 'failed');
    assert.equal(report.run.success, false);
    assert.ok(report.problems.some((p) => /interrupted by SIGINT: its results are incomplete/.test(p)), report.problems.join('\n'));
    t.diagnostic(`${scenarios.length} scenarios: ${scenarios.length - notChecked.length} ran before the interruption, ${notChecked.length} failed as not checked`);
  });

  test('two runs writing to one reports folder at once leave whole files', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'crossgate-shared-reports-'));
    const [a, b] = await Promise.all([run(reports).done, run(reports).done]);
    assert.equal(a.code, b.code, `${a.stderr}\n${b.stderr}`);
    assertWhole(reports);
  });
});
