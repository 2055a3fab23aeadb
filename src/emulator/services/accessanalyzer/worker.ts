/** A worker thread of the Access Analyzer pool (pool.ts): answers one operation per message. */
import { parentPort } from 'node:worker_threads';
import { answerByPath } from './answer.ts';

interface Job {
  id: number;
  path: string;
  body: Uint8Array;
  query: Array<[string, string]>;
}

parentPort!.on('message', (job: Job) => {
  try {
    parentPort!.postMessage({ id: job.id, ok: true, answer: answerByPath(job.path, Buffer.from(job.body), job.query) });
  } catch (err) {
    parentPort!.postMessage({ id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
});
