/**
 * The compliance reports of real runs of the bundled features: on the seed estate
 * (with --parallel 2, so evidence crosses workers) everything passes and the JSON
 * validates; on a broken estate the reports name the failed control, the scenario
 * and the cause, and the run exits 1; sharded runs merge into the same verdicts.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../support/emulator.ts';
import { crossgate, runReports, estate, type ReportRun } from './support.ts';
import { EVIDENCE_MEDIA_TYPE, type ComplianceReport, type ScenarioResult } from '../../src/report/index.ts';
import { validateReport } from '../../src/report/writeReports.ts';

const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const BROKEN_SCENARIO = 'The read-only role may not delete an order';

function read(run: ReportRun, file: string): string {
  return readFileSync(join(run.reportsDir, file), 'utf8');
}

function control(r: ComplianceReport, id: string) {
  const c = r.controls.find((x) => x.id === id);
  assert.ok(c, `control ${id} in the report`);
  return c;
}

describe('compliance reports of a passing run (seed estate, --parallel 2)', () => {
  let run: ReportRun;
  let report: ComplianceReport;
  let summaryFile: string;

  before(() => {
    summaryFile = join(mkdtempSync(join(tmpdir(), 'crossgate-summary-')), 'summary.md');
    writeFileSync(summaryFile, '# earlier step\n');
    run = runReports(estate('seed'), { cucumberArgs: ['--parallel', '2'], env: { GITHUB_STEP_SUMMARY: summaryFile } });
    assert.ok(run.report, `no compliance.json: ${run.stdout}${run.stderr}`);
    report = run.report;
  });

  test('compliance.json validates against the schema; the exit code follows the verdict', () => {
    assert.deepEqual(validateReport(report), []);
    assert.equal(run.exitCode, report.verdict === 'passed' ? 0 : 1, run.stdout + run.stderr);
    assert.deepEqual(report.controls.filter((c) => c.layers.includes('e2e') && c.status !== 'passed').map((c) => c.id), []);
    for (const c of report.controls) {
      assert.ok(c.catalogued && c.title !== c.id, `${c.id} has a catalogued title`);
      assert.equal(!!c.cause, c.status === 'failed', `${c.id}: a cause exactly when failed`);
    }
    assert.equal(report.summary.scenarios.total, report.scenarios.length);
    assert.deepEqual(report.problems, []);
  });

  test('records the run: version, target, region, accounts, estate, times, commit, environment', () => {
    const r = report.run;
    assert.equal(r.crossgateVersion, VERSION);
    assert.equal(report.generator.version, VERSION);
    assert.equal(r.target, 'embedded');
    assert.equal(r.region, 'us-east-1');
    assert.deepEqual(r.accounts, { A: '111111111111', B: '222222222222', C: '333333333333' });
    assert.equal(r.estate, 'estates/seed.json');
    assert.ok(r.startedAt && r.finishedAt && r.startedAt <= r.finishedAt, `start ${r.startedAt} end ${r.finishedAt}`);
    assert.ok((r.durationMs ?? -1) >= 0, `duration ${r.durationMs}`);
    assert.match(r.git?.commit ?? '', /^[0-9a-f]{40}$/);
    assert.equal(r.environment.node, process.versions.node);
    assert.match(r.environment.cucumber ?? '', /^12\./);
    assert.equal(r.profile, 'default');
  });

  test('gives each scenario its layer, controls, timing and steps', () => {
    for (const s of report.scenarios) {
      assert.ok(s.layer, `${s.name}: layer`);
      assert.ok(s.controls.length > 0, `${s.name}: controls`);
      assert.ok(s.startedAt && (s.durationMs ?? -1) >= 0, `${s.name}: timing`);
      assert.ok(s.steps.length > 0, `${s.name}: steps`);
      assert.equal(!!s.failure, s.status === 'failed', `${s.name}: a failure exactly when failed`);
    }
    const staticScenario = report.scenarios.find((s) => s.layer === 'static' && s.controls.includes('XACCT-TRUST-02'));
    assert.ok(staticScenario?.evidence.some((e) => e.kind === 'policyDocument' && e.policyType === 'trust' && e.policyId.startsWith('arn:aws:iam::111111111111:role/ApiInvokerRole')), 'static checks record the policy documents they read');
    const outline = report.scenarios.filter((s) => s.controls.includes('XACCT-TRUST-01'));
    assert.deepEqual(outline.map((s) => s.example).sort(), ['principal: bystander', 'principal: outsider']);
  });

  test('keeps the evidence of every end-to-end scenario, from both workers', () => {
    const e2e = report.scenarios.filter((s) => s.layer === 'e2e');
    assert.ok(e2e.length >= 10, `${e2e.length} e2e scenarios`);
    for (const s of e2e) assert.ok(s.evidence.some((e) => e.kind === 'request' || e.kind === 'roleAssumption'), `${s.name}: evidence`);
    const first = report.scenarios.find((s) => s.controls.includes('XACCT-E2E-01'))!;
    const assumed = first.evidence.find((e) => e.kind === 'roleAssumption')!;
    assert.equal(assumed.kind, 'roleAssumption');
    assert.deepEqual([assumed.actor, assumed.roleArn, assumed.outcome, assumed.principalArn], ['ci-caller', 'arn:aws:iam::111111111111:role/ApiInvokerRole', 'assumed', 'arn:aws:iam::222222222222:user/ci-caller']);
    assert.match(assumed.sessionArn ?? '', /^arn:aws:sts::111111111111:assumed-role\/ApiInvokerRole\//);
    const req = first.evidence.find((e) => e.kind === 'request')!;
    assert.equal(req.kind, 'request');
    assert.deepEqual([req.method, req.url, req.signed, req.credentials, req.role, req.status], ['GET', 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/orders', true, 'session', 'ApiInvokerRole', 200]);
    assert.equal(req.principalArn, assumed.sessionArn);
    assert.ok(req.requestId, 'AWS request id');
    assert.equal(req.step, 'When ci-caller sends a signed GET /orders');
    assert.ok(first.evidence.some((e) => e.kind === 'expectation' && e.of === req.id && e.check === 'status' && e.holds), 'the status expectation refers to the request');
    const unsigned = report.scenarios.find((s) => s.controls.includes('XACCT-E2E-02'))!.evidence.find((e) => e.kind === 'request')!;
    assert.equal(unsigned.kind, 'request');
    assert.deepEqual([unsigned.signed, unsigned.credentials, unsigned.status, unsigned.errorType], [false, 'none', 403, 'MissingAuthenticationTokenException']);
    const denied = report.scenarios.filter((s) => s.controls.includes('XACCT-TRUST-01')).flatMap((s) => s.evidence).filter((e) => e.kind === 'roleAssumption');
    assert.deepEqual(denied.map((e) => e.kind === 'roleAssumption' && [e.outcome, e.errorCode]), [['denied', 'AccessDenied'], ['denied', 'AccessDenied']]);
  });

  test('collects the evidence of every worker, all of it', () => {
    const workerOf = new Map<string, string>();
    const pickleOf = new Map<string, string>();
    const caseOf = new Map<string, string>();
    const withEvidence = new Set<string>();
    let attachments = 0;
    for (const line of read(run, 'messages.ndjson').split('\n').filter(Boolean)) {
      const m = JSON.parse(line) as { testCase?: { id: string; pickleId: string }; testCaseStarted?: { id: string; testCaseId: string; workerId?: string }; attachment?: { mediaType: string; testCaseStartedId: string } };
      if (m.testCase) pickleOf.set(m.testCase.id, m.testCase.pickleId);
      if (m.testCaseStarted) {
        workerOf.set(m.testCaseStarted.id, m.testCaseStarted.workerId ?? '');
        caseOf.set(m.testCaseStarted.id, m.testCaseStarted.testCaseId);
      }
      if (m.attachment?.mediaType === EVIDENCE_MEDIA_TYPE) {
        attachments++;
        withEvidence.add(workerOf.get(m.attachment.testCaseStartedId)!);
      }
    }
    const e2eIds = new Set(report.scenarios.filter((s) => s.layer === 'e2e').map((s) => s.id));
    const e2eWorkers = new Set([...workerOf.entries()].filter(([started]) => e2eIds.has(pickleOf.get(caseOf.get(started)!)!)).map(([, w]) => w));
    assert.ok([...workerOf.values()].every((w) => w !== ''), 'the run was parallel: every scenario ran on a worker');
    assert.deepEqual([...e2eWorkers].filter((w) => !withEvidence.has(w)), [], `every worker that ran an e2e scenario delivered evidence (${[...e2eWorkers]})`);
    assert.equal(report.scenarios.reduce((n, s) => n + s.evidence.length, 0), attachments, 'no evidence lost');
  });

  test("writes json, md, html and sarif beside Cucumber's html, junit and messages", () => {
    for (const f of ['compliance.json', 'compliance.md', 'compliance.html', 'compliance.sarif', 'cucumber.html', 'junit.xml', 'messages.ndjson']) {
      assert.ok(existsSync(join(run.reportsDir, f)), f);
    }
    const sarif = JSON.parse(read(run, 'compliance.sarif')) as { version: string; runs: { results: unknown[]; tool: { driver: { rules: { id: string }[] } } }[] };
    assert.equal(sarif.version, '2.1.0');
    const failedChecks = report.scenarios.filter((s) => s.status === 'failed').reduce((n, s) => n + s.controls.length, 0);
    assert.ok(sarif.runs[0]!.results.length >= failedChecks, 'a result per failed check (and per analyzer finding)');
    assert.ok(sarif.runs[0]!.tool.driver.rules.some((r) => r.id === 'XACCT-E2E-01'), 'a rule per control');
    const md = read(run, 'compliance.md');
    assert.match(md, /# crossgate compliance report: (✅ PASSED|❌ FAILED)/);
    assert.match(md.split('\n').find((l) => l.startsWith('| ci-caller as ApiInvokerRole |')) ?? '', /\| ✅ 200 \|/);
  });

  test('appends the Markdown to $GITHUB_STEP_SUMMARY', () => {
    const summary = readFileSync(summaryFile, 'utf8');
    assert.ok(summary.startsWith('# earlier step\n'), 'appended, not overwritten');
    assert.ok(summary.includes(read(run, 'compliance.md').trim()));
  });
});

describe('a run whose controls all pass (seed estate, e2e layer only)', () => {
  test('exits 0 with a partial verdict (a tag filter declares the run partial); controls outside the layer are not run, not failed', () => {
    const run = runReports(estate('seed'), { cucumberArgs: ['--tags', '@e2e or @layer:e2e'] });
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    const report = run.report!;
    assert.equal(report.verdict, 'partial');
    assert.deepEqual(report.run.selection?.partialBecause, ['tags']);
    assert.deepEqual(validateReport(report), []);
    const ran = report.controls.filter((c) => c.status !== 'not-run');
    assert.ok(ran.length >= 8, `${ran.length} controls ran`);
    assert.ok(ran.every((c) => c.status === 'passed' && c.layers.includes('e2e')), JSON.stringify(ran.map((c) => [c.id, c.status, c.layers])));
    assert.ok(report.controls.some((c) => c.status === 'not-run' && c.layer === 'static'), 'static controls are not run');
    assert.match(readFileSync(join(run.reportsDir, 'compliance.md'), 'utf8'), /# crossgate compliance report: ⚠️ PARTIAL/);
    assert.match(run.stdout, /crossgate: PARTIAL: 0 of \d+ controls failed/);
  });
});

describe('compliance reports of a failing run (estates/broken/readonly-may-delete.json)', () => {
  let run: ReportRun;
  let report: ComplianceReport;
  let failed: ScenarioResult;

  before(() => {
    run = runReports(estate('readonly-may-delete'));
    assert.ok(run.report, `no compliance.json: ${run.stdout}${run.stderr}`);
    report = run.report;
    failed = report.scenarios.find((s) => s.name === BROKEN_SCENARIO)!;
  });

  test('exits 1; compliance.json names the failed control, the scenario and the cause', () => {
    assert.equal(run.exitCode, 1, run.stdout + run.stderr);
    assert.deepEqual(validateReport(report), []);
    assert.equal(report.verdict, 'failed');
    const c = control(report, 'XACCT-E2E-05');
    assert.equal(c.status, 'failed');
    assert.match(c.cause ?? '', new RegExp(`^${BROKEN_SCENARIO}: DELETE https://a1b2c3d4e5\\.execute-api\\.us-east-1\\.amazonaws\\.com/orders/42 as arn:aws:sts::111111111111:assumed-role/OrdersReadOnlyRole/crossgate-ci-caller: expected 403, got 200$`));
    assert.equal(control(report, 'XACCT-E2E-01').status, 'passed');
    assert.equal(failed.status, 'failed');
    assert.deepEqual(failed.failure && [failed.failure.step, failed.failure.type], ['Then the response status is 403', 'CheckFailed']);
    assert.ok(failed.evidence.some((e) => e.kind === 'expectation' && !e.holds && e.expected === 403 && e.observed === 200), 'the broken expectation is evidence');
    for (const c2 of report.controls.filter((x) => x.status === 'failed')) assert.ok(c2.cause, `${c2.id} has a cause`);
  });

  test('compliance.md lists failures first, each with its whole cause (long ones in full under the table), and marks the matrix cell', () => {
    const md = read(run, 'compliance.md');
    assert.match(md, /# crossgate compliance report: ❌ FAILED/);
    const rows = md.split('\n').filter((l) => /^\| (✅|❌|⚠️|⏸️)/.test(l));
    const lastFailed = rows.map((l) => l.startsWith('| ❌')).lastIndexOf(true);
    assert.ok(lastFailed >= 0 && rows.slice(0, lastFailed + 1).every((l) => l.startsWith('| ❌')), `failures first: ${rows.map((l) => l.slice(0, 12)).join(' ')}`);
    const line = rows.find((l) => l.includes('XACCT-E2E-05'))!;
    assert.match(line, new RegExp(`^\\| ❌ failed \\| XACCT-E2E-05 \\| The read-only role may read but not change orders \\| e2e \\| ${BROKEN_SCENARIO}: DELETE .* _\\(in full below\\)_ \\|$`));
    const cause = run.report!.controls.find((c) => c.id === 'XACCT-E2E-05')!.cause!;
    assert.ok(!cause.includes('…'), `the cause in compliance.json is whole: ${cause}`);
    const full = md.split('\n').find((l) => l.startsWith('- **XACCT-E2E-05**'));
    assert.ok(full?.endsWith(`${cause}`) && full.includes('expected 403, got 200'), `the whole cause under the table: ${full}`);
    for (const c of run.report!.controls.filter((x) => x.cause)) {
      assert.ok(md.includes(c.cause!.replace(/\|/g, '\\|')), `${c.id}'s cause appears whole in compliance.md`);
    }
    assert.ok((md.split('\n').find((l) => l.startsWith('| ci-caller as OrdersReadOnlyRole |')) ?? '').includes('| ❌ **200** (expected 403) |'), 'the matrix row shows the disagreement');
  });

  test('compliance.sarif has an error result for the control at the scenario', () => {
    const sarif = JSON.parse(read(run, 'compliance.sarif')) as { runs: { results: Record<string, any>[] }[] };
    const result = sarif.runs[0]!.results.find((r) => r.ruleId === 'XACCT-E2E-05')!;
    assert.ok(result, 'a SARIF result for XACCT-E2E-05');
    assert.equal(result.level, 'error');
    assert.match(result.message.text, new RegExp(`XACCT-E2E-05 failed: ${BROKEN_SCENARIO}: .*expected 403, got 200`));
    const loc = result.locations[0].physicalLocation;
    assert.deepEqual([loc.artifactLocation.uri, loc.region.startLine], [failed.uri, failed.line]);
  });

  test('compliance.html names the failed control, its cause and the disagreeing matrix cell', () => {
    const html = read(run, 'compliance.html');
    assert.match(html, /<tr data-control="XACCT-E2E-05" data-status="failed">/);
    assert.ok(html.includes('expected 403, got 200'), 'the cause');
    assert.match(html, /data-cell="ci-caller as OrdersReadOnlyRole \| DELETE \/orders\/42" data-tone="bad"/);
    assert.ok(!/<script|https?:\/\/(?!a1b2c3d4e5\.execute-api|www\.w3\.org\/2000\/svg)/.test(html.replace(/https:\/\/a1b2c3d4e5[^\s"<]*/g, '')), 'no script, no external reference');
  });
});

describe('exit codes and usage errors', () => {
  test('an estate file that is not valid JSON is a configuration error: exit 2, before any scenario', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossgate-badestate-'));
    writeFileSync(join(dir, 'estate.json'), '{ "region": ');
    const run = runReports(join(dir, 'estate.json'));
    assert.equal(run.exitCode, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /estate\.json: not valid JSON/);
    assert.equal(run.report, undefined);
  });

  test('report merge without reports, or with a file that is not one, is a usage error', () => {
    assert.equal(crossgate(['report', 'merge']).exitCode, 2);
    assert.equal(crossgate(['report', 'frobnicate']).exitCode, 2);
    const r = crossgate(['report', 'merge', join(REPO, 'package.json')]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /package\.json is not a crossgate compliance report/);
  });
});

describe('crossgate report merge (sharded CI jobs)', () => {
  let full: ReportRun;
  let shards: ReportRun[];

  before(() => {
    full = runReports(estate('readonly-may-delete'));
    shards = ['1/2', '2/2'].map((s) => runReports(estate('readonly-may-delete'), { cucumberArgs: ['--shard', s] }));
  });

  test('combines the shards into one report set with the verdicts of a single run', () => {
    const shardScenarios = shards.map((s) => s.report!.scenarios.length);
    assert.ok(shardScenarios.every((n) => n > 0), `each shard ran something: ${shardScenarios}`);
    const out = join(mkdtempSync(join(tmpdir(), 'crossgate-merged-')), 'merged');
    const r = crossgate(['report', 'merge', ...shards.map((s) => join(s.reportsDir, 'compliance.json')), '--out', out]);
    assert.equal(r.exitCode, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /merged 2 reports: \d+ scenarios/);
    for (const f of ['compliance.json', 'compliance.md', 'compliance.html', 'compliance.sarif']) assert.ok(existsSync(join(out, f)), f);
    const merged = JSON.parse(readFileSync(join(out, 'compliance.json'), 'utf8')) as ComplianceReport;
    assert.deepEqual(validateReport(merged), []);
    assert.equal(merged.scenarios.length, full.report!.scenarios.length);
    const statuses = (rep: ComplianceReport) => Object.fromEntries(rep.controls.map((c) => [c.id, c.status]));
    assert.deepEqual(statuses(merged), statuses(full.report!));
    assert.equal(merged.run.shards?.length, 2);
    assert.equal(merged.verdict, 'failed');
    assert.match(readFileSync(join(out, 'compliance.md'), 'utf8'), /merged from 2 reports/);
  });

  test('a shard alone leaves the controls it did not run "not-run", not failed', () => {
    for (const s of shards) {
      const ran = new Set(s.report!.scenarios.flatMap((x) => x.controls));
      for (const c of s.report!.controls) if (!ran.has(c.id)) assert.equal(c.status, 'not-run', c.id);
    }
  });
});
