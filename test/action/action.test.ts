// The GitHub Action run the way the runner runs it: action.yml's inputs become INPUT_*
// environment variables of the run step, which writes $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const REPO = process.cwd();

interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: { id?: string; run?: string; env?: Record<string, string>; 'working-directory'?: string; with?: Record<string, string> }[] };
}
const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as Action;

/** Run the action's run step as the runner would: defaults filled in, inputs as INPUT_*. */
function runAction(inputs: Record<string, string>): { status: number; outputs: Record<string, string>; summary: string; stdout: string } {
  const dir = mkdtempSync(join(tmpdir(), 'crossgate-action-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const step = action.runs.steps.find((s) => s.id === 'run')!;
  const values = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, inputs[k] ?? v.default ?? '']));
  const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTION_PATH: REPO, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile };
  for (const [name, expr] of Object.entries(step.env ?? {})) {
    const m = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(expr);
    assert.ok(m, `${name}: ${expr} is an input`);
    env[name] = values[m[1]!];
  }
  const command = step.run!.replace('$GITHUB_ACTION_PATH', REPO).replace(/"/g, '');
  const [exe, script] = command.split(' ') as [string, string];
  assert.equal(exe, 'node', 'the step runs node');
  const r = spawnSync(process.execPath, [script], { cwd: REPO, env, encoding: 'utf8', timeout: 300_000 });
  const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { status: r.status ?? -1, outputs, summary: readFileSync(summaryFile, 'utf8'), stdout: r.stdout + r.stderr };
}

describe('the GitHub Action', () => {
  test('every input reaches the run step, and every output is one the step writes', () => {
    const step = action.runs.steps.find((s) => s.id === 'run')!;
    const passed = new Set(Object.values(step.env ?? {}).map((e) => /inputs\.([\w-]+)/.exec(e)?.[1]));
    for (const name of Object.keys(action.inputs)) {
      const used = passed.has(name) || step['working-directory']?.includes(`inputs.${name}`) || action.runs.steps.some((s) => Object.values(s.with ?? {}).some((v) => v.includes(`inputs.${name}`)));
      assert.ok(used, `input ${name} is used by a step`);
    }
    for (const [name, out] of Object.entries(action.outputs)) assert.equal(out.value, `\${{ steps.run.outputs.${name} }}`, `output ${name} comes from the run step`);
  });

  test('a passing run: exit 0, the Markdown report in the job summary, the SARIF path as an output', () => {
    const reports = mkdtempSync(join(tmpdir(), 'crossgate-action-reports-'));
    const r = runAction({ reports });
    assert.equal(r.status, 0, r.stdout);
    assert.equal(r.outputs['exit-code'], '0', 'exit-code output');
    assert.equal(r.outputs.verdict, 'passed', 'verdict output');
    assert.equal(r.outputs.sarif, join(reports, 'compliance.sarif'), 'sarif output');
    assert.ok(existsSync(r.outputs.sarif!), 'the SARIF file exists');
    assert.equal(r.outputs.digest, createHash('sha256').update(readFileSync(r.outputs.report!)).digest('hex'), 'digest output: compliance.json\'s SHA-256');
    const markdown = readFileSync(join(reports, 'compliance.md'), 'utf8').trim();
    assert.ok(r.summary.trim() === markdown, `the summary is the Markdown report, once (${r.summary.length} characters for a ${markdown.length}-character report)`);
  });

  test('a failing run fails the job with verdict failed; a usage error says there is no report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossgate-action-broken-'));
    const config = JSON.parse(readFileSync(join(REPO, 'crossgate.config.json'), 'utf8')) as Record<string, unknown>;
    config.estate = join(REPO, 'estates', 'broken', 'readonly-may-delete.json');
    delete config.$schema;
    writeFileSync(join(dir, 'crossgate.config.json'), JSON.stringify(config));
    const failed = runAction({ config: join(dir, 'crossgate.config.json'), reports: join(dir, 'reports') });
    assert.equal(failed.status, 1, failed.stdout);
    assert.equal(failed.outputs.verdict, 'failed', 'verdict output');
    assert.match(failed.summary, /fail/i, 'the summary reports the failure');

    const usage = runAction({ profile: 'no-such-profile', reports: join(dir, 'usage') });
    assert.equal(usage.status, 2, usage.stdout);
    assert.equal(usage.outputs.verdict, 'error', 'verdict output');
    assert.match(usage.summary, /no compliance report/, 'the summary says why there is no report');
  });
});
