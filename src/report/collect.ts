/**
 * Builds scenario results from Cucumber's message stream: the same envelopes the
 * html, junit and message formatters receive, from every parallel worker. Evidence
 * is read from attachments of EVIDENCE_MEDIA_TYPE; a retried scenario counts by its
 * last attempt.
 */
import { EVIDENCE_MEDIA_TYPE, type Evidence } from '../evidence/types.ts';
import { controlIdsOf, layerOf } from './controls.ts';
import type { ReportEvidence, ScenarioResult, ScenarioStatus, StepResult } from './model.ts';
import { toIso, toMillis, type Envelope, type FeatureChild, type GherkinStep, type Hook, type Pickle, type StepStatus, type TestCase, type Timestamp } from './messages.ts';
import { redact, redactDeep } from '../secrets/redact.ts';

interface AstScenario { name: string; line: number; feature: string }
interface AstRow { line: number; example: string }

interface Attempt {
  testCaseId: string;
  attempt: number;
  started: Timestamp;
  finished?: Timestamp;
  steps: Map<string, { status: StepStatus; durationMs: number; message?: string; exceptionType?: string; exceptionMessage?: string }>;
  evidence: ReportEvidence[];
}

const STATUS: Record<StepStatus, Exclude<ScenarioStatus, 'not-run'>> = {
  PASSED: 'passed', FAILED: 'failed', SKIPPED: 'skipped', PENDING: 'pending', UNDEFINED: 'undefined', AMBIGUOUS: 'ambiguous', UNKNOWN: 'unknown',
};
const HOOK_KIND: Record<string, string> = {
  BEFORE_TEST_RUN: 'BeforeAll', AFTER_TEST_RUN: 'AfterAll', BEFORE_TEST_CASE: 'Before', AFTER_TEST_CASE: 'After', BEFORE_TEST_STEP: 'BeforeStep', AFTER_TEST_STEP: 'AfterStep',
};
/** Worst first: a scenario's status is its worst step's. */
const SEVERITY: StepStatus[] = ['FAILED', 'AMBIGUOUS', 'UNDEFINED', 'PENDING', 'UNKNOWN', 'SKIPPED', 'PASSED'];

export class ScenarioCollector {
  private readonly features = new Map<string, string>();
  private readonly scenarios = new Map<string, AstScenario>();
  private readonly rows = new Map<string, AstRow>();
  private readonly gherkinSteps = new Map<string, GherkinStep>();
  private readonly pickles = new Map<string, Pickle>();
  private readonly hooks = new Map<string, Hook>();
  private readonly testCases = new Map<string, TestCase>();
  /** testCaseStartedId → attempt. */
  private readonly attempts = new Map<string, Attempt>();
  private readonly runHooks = new Map<string, string>();
  readonly problems: string[] = [];
  meta?: Envelope['meta'];
  startedAt?: Timestamp;
  finishedAt?: Timestamp;
  success?: boolean;

  onMessage(m: Envelope): void {
    if (m.meta) this.meta = m.meta;
    else if (m.gherkinDocument) this.indexDocument(m.gherkinDocument);
    else if (m.pickle) this.pickles.set(m.pickle.id, m.pickle);
    else if (m.hook) this.hooks.set(m.hook.id, m.hook);
    else if (m.testCase) this.testCases.set(m.testCase.id, m.testCase);
    else if (m.testCaseStarted) {
      const s = m.testCaseStarted;
      this.attempts.set(s.id, { testCaseId: s.testCaseId, attempt: s.attempt, started: s.timestamp, steps: new Map(), evidence: [] });
    } else if (m.testStepFinished) {
      const f = m.testStepFinished;
      const r = f.testStepResult;
      this.attempts.get(f.testCaseStartedId)?.steps.set(f.testStepId, {
        status: r.status, durationMs: toMillis(r.duration), message: r.message, exceptionType: r.exception?.type, exceptionMessage: r.exception?.message,
      });
    } else if (m.attachment) this.onAttachment(m.attachment);
    else if (m.testCaseFinished) {
      const a = this.attempts.get(m.testCaseFinished.testCaseStartedId);
      if (a) a.finished = m.testCaseFinished.timestamp;
    } else if (m.testRunStarted) this.startedAt = m.testRunStarted.timestamp;
    else if (m.testRunFinished) {
      this.finishedAt = m.testRunFinished.timestamp;
      this.success = m.testRunFinished.success;
      const why = m.testRunFinished.exception?.message ?? m.testRunFinished.message;
      if (why) this.problems.push(`the run ended early: ${redact(why)}`);
    } else if (m.testRunHookStarted) this.runHooks.set(m.testRunHookStarted.id, m.testRunHookStarted.hookId);
    else if (m.testRunHookFinished) {
      const r = m.testRunHookFinished.result;
      if (r.status !== 'PASSED' && r.status !== 'SKIPPED') {
        const hook = this.hooks.get(this.runHooks.get(m.testRunHookFinished.testRunHookStartedId) ?? '');
        this.problems.push(`${this.hookLabel(hook)} ${r.status.toLowerCase()}: ${redact(r.exception?.message ?? r.message ?? '')}`.trim());
      }
    }
  }

  private indexDocument(doc: NonNullable<Envelope['gherkinDocument']>): void {
    const feature = doc.feature;
    if (!feature || !doc.uri) return;
    this.features.set(doc.uri, feature.name);
    const visit = (children: FeatureChild[]) => {
      for (const child of children) {
        for (const step of child.background?.steps ?? []) this.gherkinSteps.set(step.id, step);
        const sc = child.scenario;
        if (sc) {
          this.scenarios.set(sc.id, { name: sc.name, line: sc.location.line, feature: feature.name });
          for (const step of sc.steps) this.gherkinSteps.set(step.id, step);
          for (const ex of sc.examples) {
            const header = ex.tableHeader?.cells.map((c) => c.value) ?? [];
            for (const row of ex.tableBody) {
              this.rows.set(row.id, { line: row.location.line, example: row.cells.map((c, i) => `${header[i] ?? i}: ${c.value}`).join(', ') });
            }
          }
        }
        if (child.rule) visit(child.rule.children);
      }
    };
    visit(feature.children);
  }

  private onAttachment(att: NonNullable<Envelope['attachment']>): void {
    if (att.mediaType !== EVIDENCE_MEDIA_TYPE || !att.testCaseStartedId) return;
    const attempt = this.attempts.get(att.testCaseStartedId);
    if (!attempt) return;
    let evidence: Evidence;
    try {
      const text = att.contentEncoding === 'BASE64' ? Buffer.from(att.body, 'base64').toString('utf8') : att.body;
      evidence = JSON.parse(text) as Evidence;
    } catch {
      this.problems.push(`an evidence attachment is not valid JSON (scenario attempt ${att.testCaseStartedId})`);
      return;
    }
    const step = att.testStepId ? this.stepText(this.testCases.get(attempt.testCaseId), att.testStepId) : undefined;
    // Redacted in the worker before it was attached; redacted again here, on principle.
    attempt.evidence.push(redactDeep({ ...evidence, ...(step ? { step } : {}) }));
  }

  /** 'BeforeAll hook (steps/support/hooks.ts:7)' */
  private hookLabel(hook: Hook | undefined): string {
    if (!hook) return 'a hook';
    const ref = hook.sourceReference;
    const where = ref.uri ? ` (${ref.uri}${ref.location ? `:${ref.location.line}` : ''})` : '';
    return `${hook.name ? `${hook.name}: ` : ''}${HOOK_KIND[hook.type ?? ''] ?? 'a'} hook${where}`;
  }

  private stepText(tc: TestCase | undefined, testStepId: string): string | undefined {
    const ts = tc?.testSteps.find((s) => s.id === testStepId);
    if (!ts) return undefined;
    if (ts.hookId) return this.hookLabel(this.hooks.get(ts.hookId));
    const pickle = tc ? this.pickles.get(tc.pickleId) : undefined;
    const ps = pickle?.steps.find((s) => s.id === ts.pickleStepId);
    if (!ps) return undefined;
    const keyword = this.gherkinSteps.get(ps.astNodeIds[0] ?? '')?.keyword.trim();
    return keyword ? `${keyword} ${ps.text}` : ps.text;
  }

  /** One result per scenario (pickle) that was scheduled to run, in feature order. */
  scenarioResults(): ScenarioResult[] {
    const lastAttempt = new Map<string, Attempt>();
    for (const a of this.attempts.values()) {
      const prev = lastAttempt.get(a.testCaseId);
      if (!prev || a.attempt >= prev.attempt) lastAttempt.set(a.testCaseId, a);
    }
    const results: ScenarioResult[] = [];
    for (const tc of this.testCases.values()) {
      const pickle = this.pickles.get(tc.pickleId);
      if (!pickle) continue;
      results.push(this.scenarioResult(pickle, tc, lastAttempt.get(tc.id)));
    }
    return results.sort((a, b) => a.uri.localeCompare(b.uri) || a.line - b.line);
  }

  private scenarioResult(pickle: Pickle, tc: TestCase, attempt: Attempt | undefined): ScenarioResult {
    const ast = this.scenarios.get(pickle.astNodeIds[0] ?? '');
    const row = pickle.astNodeIds.length > 1 ? this.rows.get(pickle.astNodeIds[pickle.astNodeIds.length - 1]!) : undefined;
    const tags = pickle.tags.map((t) => t.name);
    const layer = layerOf(tags);
    const steps: StepResult[] = [];
    let failure: ScenarioResult['failure'];
    let worst: StepStatus | undefined;
    for (const ts of tc.testSteps) {
      const done = attempt?.steps.get(ts.id);
      if (!done) continue;
      const text = this.stepText(tc, ts.id) ?? '(step)';
      const message = done.status === 'UNDEFINED' ? `undefined step: ${text}` : done.exceptionMessage ?? done.message;
      // Hooks that passed are noise in a compliance record; steps always count.
      if (ts.hookId && done.status === 'PASSED') continue;
      steps.push({ text, kind: ts.hookId ? 'hook' : 'step', status: STATUS[done.status], durationMs: done.durationMs, ...(done.status !== 'PASSED' && message ? { message: redact(message) } : {}) });
      if (!worst || SEVERITY.indexOf(done.status) < SEVERITY.indexOf(worst)) worst = done.status;
      if (!failure && done.status !== 'PASSED' && done.status !== 'SKIPPED') {
        failure = { step: text, message: redact(message ?? done.status.toLowerCase()), ...(done.exceptionType ? { type: done.exceptionType } : {}) };
      }
    }
    const status: ScenarioStatus = !attempt ? 'not-run' : worst ? STATUS[worst] : 'passed';
    return {
      id: pickle.id,
      name: pickle.name,
      ...(row ? { example: row.example } : {}),
      feature: ast?.feature ?? this.features.get(pickle.uri) ?? pickle.uri,
      uri: pickle.uri,
      line: row?.line ?? ast?.line ?? 1,
      ...(layer ? { layer } : {}),
      controls: controlIdsOf(tags),
      tags,
      status,
      ...(attempt ? { startedAt: toIso(attempt.started) } : {}),
      ...(attempt?.finished ? { durationMs: toMillis(attempt.finished) - toMillis(attempt.started) } : {}),
      ...(attempt && attempt.attempt > 0 ? { attempts: attempt.attempt + 1 } : {}),
      steps,
      ...(failure ? { failure } : {}),
      evidence: attempt?.evidence ?? [],
    };
  }
}
