/**
 * The collector on hand-made message streams: the cases a run of the bundled
 * features does not show (retries, undefined steps, a failed BeforeAll, base64
 * attachments).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assembleReport } from '../../src/report/assemble.ts';
import { ScenarioCollector } from '../../src/report/collect.ts';
import { EVIDENCE_MEDIA_TYPE } from '../../src/evidence/types.ts';
import type { Envelope } from '@cucumber/messages';
import { validateReport } from '../../src/report/writeReports.ts';

const t = (s: number) => ({ seconds: s, nanos: 0 });
const d = (ms: number) => ({ seconds: 0, nanos: ms * 1e6 });

/** Hand-made envelopes carry only the fields the collector and @cucumber/query read. */
function stream(): Envelope[] {
  return ([
    { testRunStarted: { timestamp: t(100) } },
    {
      gherkinDocument: {
        uri: 'features/x.feature',
        feature: {
          name: 'X',
          tags: [{ name: '@layer:e2e' }],
          children: [
            { scenario: { id: 'sc1', keyword: 'Scenario', name: 'flaky', location: { line: 4 }, tags: [], examples: [], steps: [{ id: 'g1', keyword: 'When ', text: 'something happens', location: { line: 5 } }] } },
            { scenario: { id: 'sc2', keyword: 'Scenario', name: 'unwritten', location: { line: 8 }, tags: [], examples: [], steps: [{ id: 'g2', keyword: 'Given ', text: 'a step nobody wrote', location: { line: 9 } }] } },
          ],
        },
      },
    },
    { pickle: { id: 'p1', uri: 'features/x.feature', name: 'flaky', astNodeIds: ['sc1'], tags: [{ name: '@layer:e2e', astNodeId: 'f' }, { name: '@control:X-01', astNodeId: 't1' }], steps: [{ id: 'ps1', text: 'something happens', astNodeIds: ['g1'] }] } },
    { pickle: { id: 'p2', uri: 'features/x.feature', name: 'unwritten', astNodeIds: ['sc2'], tags: [{ name: '@control:X-02', astNodeId: 't2' }], steps: [{ id: 'ps2', text: 'a step nobody wrote', astNodeIds: ['g2'] }] } },
    { hook: { id: 'h0', type: 'BEFORE_TEST_RUN', sourceReference: { uri: 'steps/support/hooks.ts', location: { line: 7 } } } },
    { testCase: { id: 'tc1', pickleId: 'p1', testSteps: [{ id: 'ts1', pickleStepId: 'ps1' }] } },
    { testCase: { id: 'tc2', pickleId: 'p2', testSteps: [{ id: 'ts2', pickleStepId: 'ps2' }] } },
    { testRunHookStarted: { id: 'rh1', hookId: 'h0', timestamp: t(100) } },
    { testRunHookFinished: { testRunHookStartedId: 'rh1', result: { status: 'FAILED', duration: d(1), exception: { type: 'Error', message: 'could not start: token=IQoJb3JpZ2luX2VjEAAAAAAAAAAAAAAAAAAAAAAAAAA' } }, timestamp: t(100) } },
    // attempt 0 fails and is retried; attempt 1 passes
    { testCaseStarted: { id: 'a0', testCaseId: 'tc1', attempt: 0, timestamp: t(101) } },
    { attachment: { testCaseStartedId: 'a0', testStepId: 'ts1', mediaType: EVIDENCE_MEDIA_TYPE, contentEncoding: 'IDENTITY', body: JSON.stringify({ kind: 'request', id: 'r0', at: '2026-01-01T00:00:00.000Z', method: 'GET', url: 'https://h/x', route: 'GET /x', signed: false, credentials: 'none', status: 500 }) } },
    { testStepFinished: { testCaseStartedId: 'a0', testStepId: 'ts1', testStepResult: { status: 'FAILED', duration: d(5), message: 'boom' }, timestamp: t(101) } },
    { testCaseFinished: { testCaseStartedId: 'a0', willBeRetried: true, timestamp: t(101) } },
    { testCaseStarted: { id: 'a1', testCaseId: 'tc1', attempt: 1, timestamp: t(102) } },
    { attachment: { testCaseStartedId: 'a1', testStepId: 'ts1', mediaType: EVIDENCE_MEDIA_TYPE, contentEncoding: 'BASE64', body: Buffer.from(JSON.stringify({ kind: 'request', id: 'r1', at: '2026-01-01T00:00:01.000Z', method: 'GET', url: 'https://h/x', route: 'GET /x', signed: false, credentials: 'none', status: 200 })).toString('base64') } },
    { attachment: { testCaseStartedId: 'a1', testStepId: 'ts1', mediaType: 'text/plain', contentEncoding: 'IDENTITY', body: 'not evidence' } },
    { testStepFinished: { testCaseStartedId: 'a1', testStepId: 'ts1', testStepResult: { status: 'PASSED', duration: d(3) }, timestamp: t(102) } },
    { testCaseFinished: { testCaseStartedId: 'a1', willBeRetried: false, timestamp: t(103) } },
    { testCaseStarted: { id: 'b0', testCaseId: 'tc2', attempt: 0, timestamp: t(104) } },
    { testStepFinished: { testCaseStartedId: 'b0', testStepId: 'ts2', testStepResult: { status: 'UNDEFINED', duration: d(0) }, timestamp: t(104) } },
    { testCaseFinished: { testCaseStartedId: 'b0', willBeRetried: false, timestamp: t(104) } },
    { testRunFinished: { success: false, timestamp: t(105) } },
  ] as unknown[]) as Envelope[];
}

describe('collecting scenarios from the message stream', () => {
  const c = new ScenarioCollector();
  for (const m of stream()) c.onMessage(m);
  const [flaky, unwritten] = c.scenarioResults();

  test('a retried scenario counts by its last attempt, with that attempt\'s evidence only', () => {
    assert.equal(flaky!.status, 'passed');
    assert.equal(flaky!.attempts, 2);
    assert.deepEqual(flaky!.evidence.map((e) => e.id), ['r1']);
    assert.equal(flaky!.evidence[0]!.step, 'When something happens');
    assert.equal(flaky!.layer, 'e2e');
    assert.equal(flaky!.durationMs, 1000);
  });

  test('an undefined step fails its scenario and its control, saying which step', () => {
    assert.equal(unwritten!.status, 'undefined');
    assert.deepEqual(unwritten!.failure, { step: 'Given a step nobody wrote', message: 'undefined step: Given a step nobody wrote' });
    const report = assembleReport({
      run: { crossgateVersion: '0', target: 'embedded', accounts: {}, success: false, environment: {} },
      scenarios: c.scenarioResults(),
      catalog: { 'X-01': { title: 'x one', layer: 'e2e' } },
      problems: c.problems,
      generatorVersion: '0',
    });
    assert.deepEqual(report.controls.map((x) => [x.id, x.status, x.catalogued]), [['X-01', 'passed', true], ['X-02', 'failed', false]]);
    assert.equal(report.controls[1]!.cause, 'unwritten: undefined step: Given a step nobody wrote');
    assert.equal(report.verdict, 'failed');
    assert.deepEqual(validateReport(report), []);
    assert.ok(report.problems.some((p) => p.startsWith('@control:X-02 (features/x.feature:8) has no entry')), 'the uncatalogued control is a problem');
  });

  test('a failed BeforeAll is a run problem naming the hook, with secrets redacted', () => {
    assert.deepEqual(c.problems, ['BeforeAll hook (steps/support/hooks.ts:7) failed: could not start: token=[REDACTED]']);
  });
});
