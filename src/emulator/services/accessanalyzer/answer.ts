/**
 * One Access Analyzer operation, from its body and query members to its answer
 * (status, JSON body, error type). Pure of the request's identity: authorization is
 * done before, on the main thread, so this can run inline or in a worker thread.
 */
import { AwsError } from '../../errors.ts';
import { QueryParams } from '../../protocol/query.ts';
import { ValidationException, errorReply } from './errors.ts';
import { type Operation, route } from './operations.ts';

export interface Answer {
  status: number;
  body: string;
  errorType?: string;
}

export function answer(op: Operation, body: Buffer, query: ReadonlyArray<readonly [string, string]>): Answer {
  try {
    return { status: 200, body: JSON.stringify(op.run({ body }, new QueryParams(query))) };
  } catch (err) {
    let e: AwsError;
    if (err instanceof AwsError) e = err;
    // Client data nested beyond the engine's stack is the client's fault, not the service's.
    else if (err instanceof RangeError) e = new ValidationException('The request is too deeply nested to process.', 'other');
    else throw err;
    const reply = errorReply(e, '');
    return { status: reply.status, body: reply.body, errorType: e.code };
  }
}

/** The same, for an operation named by its path (how a worker is told which one). */
export function answerByPath(path: string, body: Buffer, query: ReadonlyArray<readonly [string, string]>): Answer {
  return answer(route('POST', path), body, query);
}
