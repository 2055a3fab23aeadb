/**
 * Access Analyzer's heavy work off the request path. Analyzing a large policy takes
 * up to about a second of CPU; run inline, a few such requests at once would keep
 * every other client (GET /health, the execute-api data plane) waiting. Large
 * requests therefore run in a worker thread, one job per worker at a time.
 *
 * Bounded: at most MAX_QUEUED jobs wait; a job that would start after waiting
 * MAX_WAIT_MS, or that runs longer than MAX_RUN_MS (its worker is then replaced),
 * is answered as AWS answers overload: ThrottlingException, 429, "Rate exceeded"
 * (https://docs.aws.amazon.com/access-analyzer/latest/APIReference/CommonErrors.html),
 * which SDKs retry. Never a 5xx.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { InputObject } from '../../operation/read.ts';
import type { AnalysisName } from './analyses.ts';

/** An analysis's answer, as a worker sends it back. */
export interface Answer {
  status: number;
  body: string;
  errorType?: string;
}

export const POOL_LIMITS = {
  /** Jobs waiting for a worker. */
  maxQueued: 64,
  /** A job not started within this is answered ThrottlingException. */
  maxWaitMs: 4_000,
  /** A job running longer than this is stopped and answered ThrottlingException. */
  maxRunMs: 5_000,
} as const;

const THROTTLED: Answer = { status: 429, body: JSON.stringify({ message: 'Rate exceeded' }), errorType: 'ThrottlingException' };

interface Job {
  id: number;
  name: AnalysisName;
  input: InputObject;
  queuedAt: number;
  resolve: (a: Answer) => void;
}

interface Slot {
  worker: Worker | undefined;
  job: Job | undefined;
  timer: NodeJS.Timeout | undefined;
}

/** Loads worker.ts; from sources (tsx) the worker registers tsx itself first. */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})();
`;

function spawn(): Worker {
  const entry = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url).href;
  const tsx = entry.endsWith('.ts') ? import.meta.resolve('tsx/esm/api') : undefined;
  // No inherited flags (a test runner's --test would stop the worker): tsx is registered by the bootstrap.
  return new Worker(BOOTSTRAP, { eval: true, workerData: { entry, tsx }, execArgv: [] });
}

class AnalyzerPool {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(size: number) {
    this.slots = Array.from({ length: size }, () => ({ worker: undefined, job: undefined, timer: undefined }));
  }

  run(name: AnalysisName, input: InputObject): Promise<Answer> {
    if (this.queue.length >= POOL_LIMITS.maxQueued) return Promise.resolve(THROTTLED);
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, name, input, queuedAt: Date.now(), resolve });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.job !== undefined) continue;
      let job = this.queue.shift();
      while (job !== undefined && Date.now() - job.queuedAt > POOL_LIMITS.maxWaitMs) {
        job.resolve(THROTTLED);
        job = this.queue.shift();
      }
      if (job === undefined) return;
      this.start(slot, job);
    }
  }

  private start(slot: Slot, job: Job): void {
    if (slot.worker === undefined) {
      const worker = spawn();
      slot.worker = worker;
      worker.on('message', (m: { id: number; ok: boolean; answer?: Answer; message?: string }) => {
        if (slot.job?.id !== m.id) return;
        // An operation that threw something unexpected is answered as a validation
        // failure of the request (the analyzer's own faults never grant anything).
        this.finish(slot, m.ok ? m.answer! : { status: 400, body: JSON.stringify({ message: 'The request could not be analyzed.', reason: 'other' }), errorType: 'ValidationException' });
      });
      worker.on('error', () => this.replace(slot, worker));
      worker.on('exit', () => this.replace(slot, worker));
    }
    slot.job = job;
    slot.worker.ref(); // busy: the answer is awaited
    slot.timer = setTimeout(() => {
      const w = slot.worker;
      this.finish(slot, THROTTLED);
      if (w !== undefined) {
        slot.worker = undefined;
        void w.terminate();
      }
    }, POOL_LIMITS.maxRunMs);
    slot.timer.unref();
    slot.worker.postMessage({ id: job.id, name: job.name, input: job.input });
  }

  private finish(slot: Slot, answer: Answer): void {
    const job = slot.job;
    if (slot.timer !== undefined) clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    slot.worker?.unref(); // idle: keeps no process alive
    job?.resolve(answer);
    this.pump();
  }

  /** A worker that died: its job is answered, the next job gets a fresh worker. */
  private replace(slot: Slot, worker: Worker): void {
    if (slot.worker !== worker) return;
    slot.worker = undefined;
    if (slot.job !== undefined) this.finish(slot, THROTTLED);
  }
}

let shared: AnalyzerPool | undefined;

/** One pool per process, its size one less than the cores (at least one), at most four. */
export function analyzerPool(): AnalyzerPool {
  shared ??= new AnalyzerPool(Math.max(1, Math.min(4, availableParallelism() - 1)));
  return shared;
}
