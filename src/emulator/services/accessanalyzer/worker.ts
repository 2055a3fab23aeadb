/** A worker thread of the Access Analyzer pool (pool.ts): answers one operation per message. */
import { parentPort } from 'node:worker_threads';
import { answer } from './answer.ts';
import type { AnalysisName } from './analyses.ts';
import type { InputObject } from '../../operation/read.ts';

interface Job {
  id: number;
  name: AnalysisName;
  input: InputObject;
}

parentPort!.on('message', (job: Job) => {
  try {
    parentPort!.postMessage({ id: job.id, ok: true, answer: answer(job.name, job.input) });
  } catch (err) {
    parentPort!.postMessage({ id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
});
