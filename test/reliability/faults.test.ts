/**
 * Fail closed, proven by fault injection: the bundled features run on the seed estate
 * with the embedded AWS misbehaving, and every scenario's outcome is compared with a
 * fault-free run of the same features.
 *
 * - transient faults (the first calls of every operation) are retried with backoff, and
 *   every scenario ends exactly as it did without faults;
 * - persistent faults fail every scenario they touch, with a message naming the
 *   operation and the fault; a scenario they did not touch ends as without faults;
 * - so no scenario ever passes because a check was skipped, timed out, or read a
 *   malformed answer.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FaultEvent, FaultKind, FaultPlan } from '../../src/emulator/faults.ts';
import { limited, runWithFaults, type FaultRun, type ScenarioRun } from './support/faultRuns.ts';

/** What a failure message must say for each kind of fault. */
const FAULT_WORDS: Record<FaultKind, RegExp> = {
  serverError: /InternalFailure|ServiceUnavailable|InternalServerException|ServerError|\(HTTP 50\d\)/,
  throttling: /Throttling|TooManyRequests|\(HTTP 429\)/,
  slow: /TimeoutError/,
  reset: /NetworkError/,
  truncated: /MalformedResponse( \(HTTP \d+\))?: the answer (to \w+ )?cannot be read/,
  malformed: /MalformedResponse( \(HTTP \d+\))?: the answer (to \w+ )?cannot be read/,
  wrongContentType: /MalformedResponse( \(HTTP \d+\))?: the answer (to \w+ )?cannot be read: .*(content type text\/html|did not come from API Gateway)/,
  missingFields: /MalformedResponse/,
};

/** How crossgate names the operation of an injected fault in its messages. */
function operationWords(e: FaultEvent): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (e.service === 'execute-api') {
    const [method, path] = e.operation.split(' ', 2) as [string, string];
    return new RegExp(`execute-api:Invoke ${esc(method)} \\S*${esc(path)}`);
  }
  return new RegExp(`${esc(e.service)}:${esc(e.operation)}\\b`);
}

function describeRun(run: FaultRun): string {
  return [...run.scenarios.values()].map((s) => `${s.status} ${s.key} (${s.faults.length} faults) ${s.messages.join(' | ').slice(0, 300)}`).join('\n');
}

let baseline: FaultRun;

/** Every scenario a fault touched failed, naming one of the faults it met; the others ended as without faults. */
function assertFailsClosed(label: string, run: FaultRun): { touched: number; untouched: number } {
  assert.ok(run.injected.length > 0, `${label}: no fault was injected`);
  assert.notEqual(run.exitCode, 0, `${label}: the run passed under a persistent fault`);
  assert.equal(run.scenarios.size, baseline.scenarios.size, `${label}: ${run.scenarios.size} scenarios ran, ${baseline.scenarios.size} without faults\n${run.stderr}`);
  let touched = 0;
  for (const s of run.scenarios.values()) {
    const before = baseline.scenarios.get(s.key);
    assert.ok(before, `${label}: ${s.key} did not run without faults`);
    if (s.faults.length === 0) {
      assert.equal(s.status, before.status, `${label}: ${s.key} met no fault but ended ${s.status}, not ${before.status}: ${s.messages.join(' | ')}`);
      continue;
    }
    // A scenario whose only faults fall on the millisecond it shares with a neighbour
    // cannot be said to have met them; the neighbour that owns them is checked.
    if (s.ownFaults.length === 0) continue;
    touched++;
    assert.equal(s.status, 'FAILED', `${label}: ${s.key} "${s.name}" met ${s.faults.map((f) => `${f.fault} on ${f.service} ${f.operation}`).join(', ')} and ended ${s.status}`);
    const text = s.messages.join('\n');
    const named = s.faults.some((f) => operationWords(f).test(text) && FAULT_WORDS[f.fault].test(text));
    assert.ok(named, `${label}: ${s.key} "${s.name}" failed without naming the operation and the fault it met (${s.faults.map((f) => `${f.fault} on ${f.service} ${f.operation}`).join(', ')}):\n${text}`);
  }
  assert.ok(touched > 0, `${label}: no scenario met a fault`);
  return { touched, untouched: [...run.scenarios.values()].filter((s) => s.faults.length === 0).length };
}

/** Every scenario ended exactly as without faults (faults were met, and retried away). */
function assertRecovers(label: string, run: FaultRun): void {
  assert.ok(run.injected.length > 0, `${label}: no fault was injected`);
  assert.equal(run.exitCode, baseline.exitCode, `${label}: exit ${run.exitCode}, ${baseline.exitCode} without faults\n${describeRun(run)}`);
  assert.equal(run.scenarios.size, baseline.scenarios.size);
  for (const s of run.scenarios.values()) {
    const before = baseline.scenarios.get(s.key)!;
    assert.equal(s.status, before.status, `${label}: ${s.key} "${s.name}" ended ${s.status} (${before.status} without faults) after ${s.faults.map((f) => `${f.fault} on ${f.service} ${f.operation}`).join(', ')}: ${s.messages.join(' | ')}`);
  }
}

/** Slow faults cost a client timeout per attempt: a shorter one keeps those runs short. */
const FAST_TIMEOUT = { CROSSGATE_AWS_TIMEOUT_MS: '500' };

const everywhere = (fault: FaultKind, extra: Partial<FaultPlan['faults'][number]> = {}): FaultPlan => ({ faults: [{ service: '*', fault, ...extra }] });
/** The first call of every operation gets `first`, its first retry `second`; the second retry gets through. */
const twice = (first: FaultKind, second: FaultKind): FaultPlan => ({
  faults: [
    { service: '*', fault: first, times: 1, perOperation: true },
    { service: '*', fault: second, times: 1, perOperation: true },
  ],
});

const PERSISTENT: { label: string; plan: FaultPlan; env?: Record<string, string> }[] = [
  { label: 'serverError (500) everywhere', plan: everywhere('serverError') },
  { label: 'throttling everywhere', plan: everywhere('throttling') },
  { label: 'connection reset everywhere', plan: everywhere('reset') },
  { label: 'truncated bodies everywhere', plan: everywhere('truncated') },
  { label: 'malformed bodies everywhere', plan: everywhere('malformed') },
  { label: 'wrong content type everywhere', plan: everywhere('wrongContentType') },
  { label: 'missing required fields everywhere', plan: everywhere('missingFields') },
  {
    label: 'slow answers past the client timeout, on some operations',
    plan: {
      faults: [
        { service: 'apigateway', operation: 'GetRoutes', fault: 'slow', delayMs: 2_000 },
        { service: 'execute-api', operation: 'GET /health', fault: 'slow', delayMs: 2_000 },
        { service: 'access-analyzer', operation: 'CheckNoPublicAccess', fault: 'slow', delayMs: 2_000 },
      ],
    },
    env: FAST_TIMEOUT,
  },
  {
    label: 'AssumeRole unavailable (503), simulations without results, Access Analyzer answers cut short',
    plan: {
      faults: [
        { service: 'sts', operation: 'AssumeRole', fault: 'serverError', status: 503 },
        { service: 'iam', operation: 'Simulate*', fault: 'missingFields' },
        { service: 'access-analyzer', fault: 'truncated' },
      ],
    },
  },
];

const TRANSIENT: { label: string; plan: FaultPlan; env?: Record<string, string> }[] = [
  { label: 'a 5xx, then throttling, on the first call of every operation', plan: twice('serverError', 'throttling') },
  { label: 'a reset, then a truncated body, on the first call of every operation', plan: twice('reset', 'truncated') },
  { label: 'a malformed body, then a proxy page, on the first call of every operation', plan: twice('malformed', 'wrongContentType') },
  {
    label: 'one slow answer on an operation of each service',
    plan: {
      faults: [
        { service: 'sts', operation: 'AssumeRole', fault: 'slow', times: 1, delayMs: 2_000 },
        { service: 'iam', operation: 'GetRole', fault: 'slow', times: 1, delayMs: 2_000 },
        { service: 'iam', operation: 'Simulate*', fault: 'slow', times: 1, delayMs: 2_000 },
        { service: 'apigateway', operation: 'GetRoutes', fault: 'slow', times: 1, delayMs: 2_000 },
        { service: 'access-analyzer', fault: 'slow', times: 1, perOperation: true, delayMs: 2_000 },
        { service: 'execute-api', operation: 'GET /orders', fault: 'slow', times: 1, delayMs: 2_000 },
      ],
    },
    env: FAST_TIMEOUT,
  },
];

const results = new Map<string, FaultRun>();

describe('fail closed under faults of the embedded AWS', { concurrency: 1 }, () => {
  before(async () => {
    baseline = await runWithFaults(undefined);
    assert.ok(baseline.scenarios.size >= 10, `the fault-free run ran ${baseline.scenarios.size} scenarios\n${baseline.stdout}${baseline.stderr}`);
    // Three runs at a time: each is a separate `crossgate run` process, often waiting on a fault.
    const all = [...PERSISTENT, ...TRANSIENT];
    const runs = await limited(3, all.map((c) => () => runWithFaults(c.plan, c.env)));
    all.forEach((c, i) => results.set(c.label, runs[i]!));
  });

  for (const c of PERSISTENT) {
    test(`persistent: ${c.label} → every scenario it touches fails, naming operation and fault`, (t) => {
      const run = results.get(c.label)!;
      const { touched, untouched } = assertFailsClosed(c.label, run);
      t.diagnostic(`${run.injected.length} faults injected; ${touched} scenarios touched (all failed), ${untouched} untouched (as without faults); ${run.durationMs} ms`);
    });
  }

  for (const c of TRANSIENT) {
    test(`transient: ${c.label} → retried, and every scenario ends as without faults`, (t) => {
      const run = results.get(c.label)!;
      assertRecovers(c.label, run);
      const ops = new Set(run.injected.map((e) => `${e.service} ${e.operation}`));
      t.diagnostic(`${run.injected.length} faults injected on ${ops.size} operations, all retried away; ${run.durationMs} ms`);
    });
  }

  test('no scenario passed while meeting a persistent fault (summary)', (t) => {
    let passedUnderFault = 0;
    let met = 0;
    for (const c of PERSISTENT) {
      for (const s of results.get(c.label)!.scenarios.values() as IterableIterator<ScenarioRun>) {
        if (s.ownFaults.length === 0) continue;
        met++;
        if (s.status === 'PASSED') passedUnderFault++;
      }
    }
    t.diagnostic(`${PERSISTENT.length} persistent and ${TRANSIENT.length} transient fault plans; ${met} scenario runs met a persistent fault; passes among them: ${passedUnderFault}`);
    assert.equal(passedUnderFault, 0);
  });
});
