/**
 * Builds scenario results from Cucumber's message stream: the same envelopes the
 * html, junit and message formatters receive, from every parallel worker. The joins
 * (test case → pickle → Gherkin lineage, test step → pickle step → Gherkin step or
 * hook, attachments per step, the last attempt of a retried scenario) are
 * @cucumber/query's, as Cucumber's own formatters use them. Evidence is read from
 * attachments of EVIDENCE_MEDIA_TYPE.
 */
import type { Attachment, Duration, Envelope, Hook, Meta, Pickle, TestCase, TestCaseStarted, TestStep, Timestamp } from '@cucumber/messages';
import { Query } from '@cucumber/query';
import { EVIDENCE_MEDIA_TYPE, type Evidence } from '../evidence/types.ts';
import { controlIdsOf, layerOf } from './controls.ts';
import type { ReportEvidence, ScenarioResult, ScenarioStatus, StepResult } from './model.ts';
import { redact, redactDeep } from '../secrets/redact.ts';

/** Cucumber's step statuses, as the message protocol spells them. */
type StepStatus = 'UNKNOWN' | 'PASSED' | 'SKIPPED' | 'PENDING' | 'UNDEFINED' | 'AMBIGUOUS' | 'FAILED';

const STATUS: Record<StepStatus, Exclude<ScenarioStatus, 'not-run'>> = {
  PASSED: 'passed', FAILED: 'failed', SKIPPED: 'skipped', PENDING: 'pending', UNDEFINED: 'undefined', AMBIGUOUS: 'ambiguous', UNKNOWN: 'unknown',
};
const HOOK_KIND: Record<string, string> = {
  BEFORE_TEST_RUN: 'BeforeAll', AFTER_TEST_RUN: 'AfterAll', BEFORE_TEST_CASE: 'Before', AFTER_TEST_CASE: 'After', BEFORE_TEST_STEP: 'BeforeStep', AFTER_TEST_STEP: 'AfterStep',
};
/** Worst first: a scenario's status is its worst step's. */
const SEVERITY: StepStatus[] = ['FAILED', 'AMBIGUOUS', 'UNDEFINED', 'PENDING', 'UNKNOWN', 'SKIPPED', 'PASSED'];

/** Whole milliseconds of a message timestamp or duration (the report's unit). */
export function toMillis(t: Timestamp | Duration): number {
  return t.seconds * 1000 + Math.round(t.nanos / 1e6);
}

/** ISO 8601 of a message timestamp. */
export function toIso(t: Timestamp): string {
  return new Date(toMillis(t)).toISOString();
}

/** The evidence an attachment carries; undefined when it is not JSON. */
function readEvidence(att: Attachment): Evidence | undefined {
  try {
    const text = att.contentEncoding === 'BASE64' ? Buffer.from(att.body, 'base64').toString('utf8') : att.body;
    return JSON.parse(text) as Evidence;
  } catch {
    return undefined;
  }
}

export class ScenarioCollector {
  private readonly query = new Query();
  /** Every test case Cucumber scheduled, in the order it announced them (the query keeps them private). */
  private readonly testCases: TestCase[] = [];

  onMessage(m: Envelope): void {
    this.query.update(m);
    if (m.testCase) this.testCases.push(m.testCase);
  }

  get meta(): Meta | undefined {
    return this.query.findMeta();
  }

  get startedAt(): Timestamp | undefined {
    return this.query.findTestRunStarted()?.timestamp;
  }

  get finishedAt(): Timestamp | undefined {
    return this.query.findTestRunFinished()?.timestamp;
  }

  get success(): boolean | undefined {
    return this.query.findTestRunFinished()?.success;
  }

  /** What went wrong outside the scenarios: an early end, a failed BeforeAll/AfterAll, unreadable evidence. */
  get problems(): string[] {
    const out: string[] = [];
    const finished = this.query.findTestRunFinished();
    const why = finished?.exception?.message ?? finished?.message;
    if (why) out.push(`the run ended early: ${redact(why)}`);
    for (const f of this.query.findAllTestRunHookFinished()) {
      const r = f.result;
      if (r.status !== 'PASSED' && r.status !== 'SKIPPED') {
        const started = this.query.findTestRunHookStartedBy(f);
        const hook = started ? this.query.findHookBy(started) : undefined;
        out.push(`${this.hookLabel(hook)} ${r.status.toLowerCase()}: ${redact(r.exception?.message ?? r.message ?? '')}`.trim());
      }
    }
    for (const started of this.query.findAllTestCaseStarted()) {
      for (const [finished] of this.query.findTestStepFinishedAndTestStepBy(started)) {
        for (const att of this.query.findAttachmentsBy(finished)) {
          if (att.mediaType === EVIDENCE_MEDIA_TYPE && readEvidence(att) === undefined) out.push(`an evidence attachment is not valid JSON (scenario attempt ${started.id})`);
        }
      }
    }
    return out;
  }

  /** 'BeforeAll hook (steps/support/hooks.ts:7)' */
  private hookLabel(hook: Hook | undefined): string {
    if (!hook) return 'a hook';
    const ref = hook.sourceReference;
    const where = ref.uri ? ` (${ref.uri}${ref.location ? `:${ref.location.line}` : ''})` : '';
    return `${hook.name ? `${hook.name}: ` : ''}${HOOK_KIND[hook.type ?? ''] ?? 'a'} hook${where}`;
  }

  /** 'When something happens', or the hook's label. */
  private stepText(ts: TestStep): string | undefined {
    if (ts.hookId) return this.hookLabel(this.query.findHookBy(ts));
    const ps = this.query.findPickleStepBy(ts);
    if (!ps) return undefined;
    const keyword = ps.astNodeIds.length > 0 ? this.query.findStepBy(ps)?.keyword.trim() : undefined;
    return keyword ? `${keyword} ${ps.text}` : ps.text;
  }

  private evidenceOf(started: TestCaseStarted): ReportEvidence[] {
    const out: ReportEvidence[] = [];
    for (const [finished, ts] of this.query.findTestStepFinishedAndTestStepBy(started)) {
      for (const att of this.query.findAttachmentsBy(finished)) {
        if (att.mediaType !== EVIDENCE_MEDIA_TYPE) continue;
        const evidence = readEvidence(att);
        if (evidence === undefined) continue; // a run problem (see problems)
        const step = this.stepText(ts);
        // Redacted in the worker before it was attached; redacted again here, on principle.
        out.push(redactDeep({ ...evidence, ...(step ? { step } : {}) }));
      }
    }
    return out;
  }

  /** One result per scenario (pickle) that was scheduled to run, in feature order. */
  scenarioResults(): ScenarioResult[] {
    // The query keeps the last attempt of a retried test case (the others will be retried).
    const lastAttempt = new Map<string, TestCaseStarted>();
    for (const s of this.query.findAllTestCaseStarted()) {
      const prev = lastAttempt.get(s.testCaseId);
      if (!prev || s.attempt >= prev.attempt) lastAttempt.set(s.testCaseId, s);
    }
    const pickles = new Map(this.query.findAllPickles().map((p) => [p.id, p]));
    const results: ScenarioResult[] = [];
    for (const tc of this.testCases) {
      const pickle = pickles.get(tc.pickleId);
      if (!pickle) continue;
      results.push(this.scenarioResult(pickle, tc, lastAttempt.get(tc.id)));
    }
    return results.sort((a, b) => a.uri.localeCompare(b.uri) || a.line - b.line);
  }

  private scenarioResult(pickle: Pickle, tc: TestCase, started: TestCaseStarted | undefined): ScenarioResult {
    const lineage = this.query.findLineageBy(pickle);
    const row = lineage?.example;
    const header = lineage?.examples?.tableHeader?.cells.map((c) => c.value) ?? [];
    const tags = pickle.tags.map((t) => t.name);
    const layer = layerOf(tags);
    const done = new Map((started ? this.query.findTestStepFinishedAndTestStepBy(started) : []).map(([f, ts]) => [ts.id, f.testStepResult]));
    const steps: StepResult[] = [];
    let failure: ScenarioResult['failure'];
    let worst: StepStatus | undefined;
    for (const ts of tc.testSteps) {
      const result = done.get(ts.id);
      if (!result) continue;
      const status = result.status as StepStatus;
      const text = this.stepText(ts) ?? '(step)';
      const message = status === 'UNDEFINED' ? `undefined step: ${text}` : result.exception?.message ?? result.message;
      // Hooks that passed are noise in a compliance record; steps always count.
      if (ts.hookId && status === 'PASSED') continue;
      steps.push({ text, kind: ts.hookId ? 'hook' : 'step', status: STATUS[status], durationMs: toMillis(result.duration), ...(status !== 'PASSED' && message ? { message: redact(message) } : {}) });
      if (!worst || SEVERITY.indexOf(status) < SEVERITY.indexOf(worst)) worst = status;
      if (!failure && status !== 'PASSED' && status !== 'SKIPPED') {
        failure = { step: text, message: redact(message ?? status.toLowerCase()), ...(result.exception?.type ? { type: result.exception.type } : {}) };
      }
    }
    const finished = started ? this.query.findTestCaseFinishedBy(started) : undefined;
    const scenarioStatus: ScenarioStatus = !started ? 'not-run' : worst ? STATUS[worst] : 'passed';
    return {
      id: pickle.id,
      name: pickle.name,
      ...(row ? { example: row.cells.map((c, i) => `${header[i] ?? i}: ${c.value}`).join(', ') } : {}),
      feature: lineage?.feature?.name ?? pickle.uri,
      uri: pickle.uri,
      line: row?.location.line ?? lineage?.scenario?.location.line ?? 1,
      ...(layer ? { layer } : {}),
      controls: controlIdsOf(tags),
      tags,
      status: scenarioStatus,
      ...(started ? { startedAt: toIso(started.timestamp) } : {}),
      ...(started && finished ? { durationMs: toMillis(finished.timestamp) - toMillis(started.timestamp) } : {}),
      ...(started && started.attempt > 0 ? { attempts: started.attempt + 1 } : {}),
      steps,
      ...(failure ? { failure } : {}),
      evidence: started ? this.evidenceOf(started) : [],
    };
  }
}
