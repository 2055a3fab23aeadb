/**
 * Drift between runs: a passing run on the seed estate, then a run on an estate whose
 * read-only role may delete (estates/broken/readonly-may-delete.json). The drift names
 * the new access, the controls that failed, the policy whose document changed and the
 * new Access Analyzer finding; widened access fails (exit 1) unless an accept file lists
 * it; the same report twice has no drift; bad input is a usage error naming the file.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crossgate, runReports, estate, REPO_BASELINES, type ReportRun } from './support.ts';
import type { Drift } from '../../src/report/drift.ts';
import { validateDrift } from '../../src/report/driftFiles.ts';
import type { Manifest } from '../../src/report/manifest.ts';

const NEW_ACCESS = { principal: 'ci-caller as OrdersReadOnlyRole', route: 'DELETE /orders/42' };

function readDrift(dir: string): Drift {
  return JSON.parse(readFileSync(join(dir, 'drift.json'), 'utf8')) as Drift;
}

describe('drift between a passing run and one whose read-only role may delete', () => {
  let passing: ReportRun;
  let widened: ReportRun;
  let oldFile: string;
  let newFile: string;
  let work: string;
  let summaryFile: string;

  before(() => {
    passing = runReports(estate('seed'), { config: REPO_BASELINES });
    assert.equal(passing.exitCode, 0, passing.stdout + passing.stderr);
    oldFile = join(passing.reportsDir, 'compliance.json');
    summaryFile = join(mkdtempSync(join(tmpdir(), 'crossgate-summary-')), 'summary.md');
    writeFileSync(summaryFile, '');
    widened = runReports(estate('readonly-may-delete'), { config: REPO_BASELINES, runArgs: ['--compare-to', oldFile], env: { GITHUB_STEP_SUMMARY: summaryFile } });
    newFile = join(widened.reportsDir, 'compliance.json');
    work = mkdtempSync(join(tmpdir(), 'crossgate-drift-'));
  });

  test('run --compare-to: exit 1, the console names the new access, drift.json/.md/.html are written and sealed with the reports', () => {
    assert.equal(widened.exitCode, 1, widened.stdout + widened.stderr);
    assert.match(widened.stdout, /crossgate: drift since .*: ACCESS WIDENED/);
    assert.ok(widened.stdout.includes(`new access: ${NEW_ACCESS.principal} → ${NEW_ACCESS.route} (allowed)`), widened.stdout);
    for (const f of ['drift.json', 'drift.md', 'drift.html']) assert.ok(existsSync(join(widened.reportsDir, f)), f);
    const manifest = JSON.parse(readFileSync(join(widened.reportsDir, 'manifest.json'), 'utf8')) as Manifest;
    assert.ok(['drift.json', 'drift.md', 'drift.html'].every((f) => manifest.files.some((m) => m.path === f)), 'the manifest covers the drift files');
    const summary = readFileSync(summaryFile, 'utf8');
    assert.ok(summary.includes('# crossgate compliance report') && summary.includes('# crossgate drift: ❌ access widened'), 'the job summary has the report, then the drift');
  });

  test('drift.json is schema-valid and names what changed: access, controls, policy digests, findings', () => {
    const d = readDrift(widened.reportsDir);
    assert.deepEqual(validateDrift(d), []);
    assert.equal(d.widened, true);
    const appeared = d.access.appeared.find((a) => a.principal === NEW_ACCESS.principal && a.route === NEW_ACCESS.route);
    assert.deepEqual(appeared && { decision: appeared.decision, widens: appeared.widens, accepted: appeared.accepted }, { decision: 'allowed', widens: true, accepted: undefined });
    assert.ok(d.access.disappeared.some((a) => a.principal === NEW_ACCESS.principal && a.route === NEW_ACCESS.route && a.decision === 'denied'), 'the old denial is gone');
    assert.ok(d.access.appeared.every((a) => a.principal === NEW_ACCESS.principal), `only the read-only role's access changed: ${JSON.stringify(d.access.appeared)}`);
    const e2e = d.controls.find((c) => c.id === 'XACCT-E2E-05');
    assert.deepEqual(e2e && [e2e.old, e2e.new], ['passed', 'failed']);
    assert.ok(d.controls.every((c) => c.old === 'passed' && c.new === 'failed'), 'controls only went from passed to failed');
    const policy = d.policies.find((p) => p.policyId === 'arn:aws:iam::111111111111:policy/ReadOrdersApi');
    assert.equal(policy?.change, 'changed', 'the read-only policy changed by digest');
    assert.notDeepEqual(policy?.old, policy?.new);
    assert.ok(d.policies.every((p) => p.policyId.includes('ReadOrdersApi')), `no other policy changed: ${d.policies.map((p) => p.policyId).join(', ')}`);
    assert.ok(d.findings.new.some((f) => f.check === 'CheckAccessNotGranted' && f.result === 'FAIL'), 'the new Access Analyzer finding');
    assert.deepEqual(d.findings.resolved, []);
  });

  test('compliance.json carries a digest for every policy document it read', () => {
    const report = widened.report!;
    assert.ok(report.policies && report.policies.length > 0, 'policies digested');
    for (const p of report.policies) assert.match(p.sha256, /^[0-9a-f]{64}$/, p.policyId);
  });

  test('report diff OLD NEW --out DIR: exit 1, the three files, Markdown and HTML name the new access', () => {
    const out = join(work, 'diff');
    const r = crossgate(['report', 'diff', oldFile, newFile, '--out', out]);
    assert.equal(r.exitCode, 1, r.stdout + r.stderr);
    const md = readFileSync(join(out, 'drift.md'), 'utf8');
    assert.ok(md.includes(`| ${NEW_ACCESS.principal} | ${NEW_ACCESS.route} | **allowed** | ❌ NEW ACCESS, not accepted |`), md);
    assert.ok(md.includes('| XACCT-E2E-05 |'), 'the changed control');
    const html = readFileSync(join(out, 'drift.html'), 'utf8');
    assert.ok(html.includes('access widened') && html.includes(NEW_ACCESS.route), 'drift.html');
    assert.deepEqual(validateDrift(readDrift(out)), []);
  });

  test('report diff without --out prints the Markdown', () => {
    const r = crossgate(['report', 'diff', oldFile, newFile]);
    assert.equal(r.exitCode, 1, r.stderr);
    assert.match(r.stdout, /^# crossgate drift: ❌ access widened/);
  });

  test('an accept file listing the new access makes it pass (exit 0), and says what it accepted', () => {
    const d = readDrift(widened.reportsDir);
    const accept = join(work, 'accept.json');
    const entries = d.access.appeared.filter((a) => a.widens).map((a) => ({ principal: a.principal, route: a.route, reason: 'CHANGE-42: the read-only role now deletes' }));
    writeFileSync(accept, JSON.stringify({ accept: [...entries, { principal: 'nobody', route: 'GET /nowhere' }] }));
    const out = join(work, 'accepted');
    const r = crossgate(['report', 'diff', oldFile, newFile, '--accept', accept, '--out', out]);
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    const accepted = readDrift(out);
    assert.equal(accepted.widened, false);
    assert.equal(accepted.summary.accepted, entries.length);
    assert.deepEqual(accepted.unusedAccepts, [{ principal: 'nobody', route: 'GET /nowhere' }], 'an entry that matched nothing is reported');
    // Accepting only part of it still fails.
    writeFileSync(accept, JSON.stringify({ accept: [entries[0]] }));
    assert.equal(crossgate(['report', 'diff', oldFile, newFile, '--accept', accept]).exitCode, entries.length > 1 ? 1 : 0);
  });

  test('the same report on both sides: no drift, exit 0', () => {
    const out = join(work, 'same');
    const r = crossgate(['report', 'diff', oldFile, oldFile, '--out', out]);
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    const d = readDrift(out);
    assert.deepEqual([d.controls, d.access.appeared, d.access.disappeared, d.policies, d.findings.new, d.findings.resolved], [[], [], [], [], [], []]);
  });

  test('narrowed access (the broken run first) is drift but not a failure', () => {
    const r = crossgate(['report', 'diff', newFile, oldFile]);
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /## Access that disappeared\n\n\| principal/);
  });

  test('usage errors exit 2 and name the file (and the JSON path)', () => {
    const missing = join(work, 'missing.json');
    let r = crossgate(['report', 'diff', missing, newFile]);
    assert.equal(r.exitCode, 2);
    assert.ok(r.stderr.includes(missing), r.stderr);
    const notReport = join(work, 'not-a-report.json');
    writeFileSync(notReport, JSON.stringify({ verdict: 'passed' }));
    r = crossgate(['report', 'diff', oldFile, notReport]);
    assert.equal(r.exitCode, 2);
    assert.ok(r.stderr.includes(`${notReport} is not a crossgate compliance report`), r.stderr);
    const badAccept = join(work, 'bad-accept.json');
    writeFileSync(badAccept, JSON.stringify({ accept: [{ principal: 'ci-caller' }] }));
    r = crossgate(['report', 'diff', oldFile, newFile, '--accept', badAccept]);
    assert.equal(r.exitCode, 2);
    assert.ok(r.stderr.includes(`${badAccept}: /accept/0: must have required property 'route'`), r.stderr);
    r = crossgate(['report', 'diff', oldFile]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /give the older and the newer compliance\.json/);
    r = crossgate(['run', '--compare-to', missing]);
    assert.equal(r.exitCode, 2, 'run --compare-to checks its file before any scenario runs');
    assert.ok(r.stderr.includes(missing), r.stderr);
    r = crossgate(['run', '--accept', badAccept]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /--accept goes with --compare-to/);
  });
});
