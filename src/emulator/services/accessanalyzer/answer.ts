/**
 * One Access Analyzer analysis on validated input, to its answer (status, JSON body,
 * error type). Pure of the request's identity: authorization and validation are done
 * before, on the main thread, so this runs in a worker thread.
 */
import { AwsError } from '../../errors.ts';
import type { InputObject } from '../../operation/read.ts';
import { ValidationException, errorReply } from './errors.ts';
import { ANALYSES, type AnalysisName } from './analyses.ts';
import type { Answer } from './pool.ts';


export function answer(name: AnalysisName, input: InputObject): Answer {
  try {
    return { status: 200, body: JSON.stringify(ANALYSES[name](input)) };
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
