/**
 * The features of a generated estate run green on it end to end (every layer), and
 * catch a role that reaches more than intended: the generated checks prove something.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CONFIG_FILE, CONTROLS_FILE, FEATURES_DIR, generateEstate, ESTATE_FILE, writeGenerated, type GenerateOptions } from '../../src/estategen/index.ts';
import type { ComplianceReport } from '../../src/report/index.ts';
import { BIN } from '../support/cli.ts';
import { REPO } from '../support/emulator.ts';

const OPTIONS: GenerateOptions = { accounts: 4, apis: 2, routes: 14, roles: 6, seed: 'features' };

function runGenerated(dir: string): { exitCode: number | null; out: string; report: ComplianceReport } {
  const reports = join(dir, 'reports');
  const r = spawnSync(process.execPath, [BIN, 'run', '--config', join(dir, CONFIG_FILE), '--features', join(dir, FEATURES_DIR), '--controls', join(dir, CONTROLS_FILE), '--reports', reports], {
    cwd: REPO, encoding: 'utf8', timeout: 180_000, env: { ...process.env, GITHUB_STEP_SUMMARY: '' },
  });
  return { exitCode: r.status, out: r.stdout + r.stderr, report: JSON.parse(readFileSync(join(reports, 'compliance.json'), 'utf8')) as ComplianceReport };
}

describe('features of a generated estate', () => {
  test('pass on it, every layer, with every control catalogued', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossgate-generated-'));
    const generated = generateEstate(OPTIONS);
    writeGenerated(generated, dir);
    const { exitCode, out, report } = runGenerated(dir);
    assert.equal(exitCode, 0, out.slice(-4000));
    assert.equal(report.summary.scenarios.total, generated.summary.scenarios);
    assert.equal(report.summary.scenarios.failed, 0);
    assert.deepEqual(report.problems, []);
    assert.deepEqual(new Set(report.scenarios.map((s) => s.layer)), new Set(['static', 'simulation', 'e2e']));
    assert.ok(report.controls.every((c) => c.catalogued && c.status === 'passed'), JSON.stringify(report.controls.map((c) => [c.id, c.status])));
  });

  test('fail where a read-only role is widened to every method', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossgate-generated-broken-'));
    const generated = generateEstate(OPTIONS);
    writeGenerated(generated, dir);
    const reader = generated.plan.roles.find((r) => r.kind === 'reader')!;
    const file = join(dir, ESTATE_FILE);
    const estate = JSON.parse(readFileSync(file, 'utf8')) as { accounts: { policies?: { name: string; document: { Statement: { Resource: string }[] } }[] }[] };
    const policy = estate.accounts.flatMap((a) => a.policies ?? []).find((p) => p.name === `Read${reader.api.name[0]!.toUpperCase()}${reader.api.name.slice(1)}Api`)!;
    policy.document.Statement[0]!.Resource = policy.document.Statement[0]!.Resource.replace('/GET/*', '/*/*');
    writeFileSync(file, JSON.stringify(estate));

    const { exitCode, out, report } = runGenerated(dir);
    assert.equal(exitCode, 1, out.slice(-4000));
    const failed = report.scenarios.filter((s) => s.status === 'failed');
    const names = new Set(failed.map((s) => s.name));
    assert.ok(names.has(`The policies of ${reader.name} allow exactly its routes`), [...names].join('\n'));
    assert.ok(names.has(`IAM's simulation gives ${reader.name} its intended access`), [...names].join('\n'));
    assert.ok(failed.some((s) => s.layer === 'e2e'), 'a live request the reader should not have made succeeded');
    // Every other role is untouched: every failure is about the reader (the role in each scenario's evidence).
    for (const s of failed) assert.ok(JSON.stringify(s).includes(reader.name), s.name);
    assert.deepEqual(report.controls.filter((c) => c.status === 'failed').map((c) => c.id).sort(), ['GEN-E2E-01', 'GEN-ROUTE-02', 'GEN-SIM-01']);
  });
});
