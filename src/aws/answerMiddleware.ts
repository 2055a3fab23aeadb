/**
 * An SDK middleware between the transport and the deserializer: it reads the whole
 * answer (within the attempt's time budget) and refuses one that is not readable in
 * the client's protocol before the SDK's lenient parsers can make something of it.
 * The refusal is a MalformedResponse marked retryable, so a one-off corruption is
 * retried like any transient fault, and a persistent one fails the call.
 */
import { controlPlaneAnswerProblem, type AnswerProtocol } from './answers.ts';
import type { CallPolicy } from './callPolicy.ts';

interface RawResponse {
  statusCode: number;
  headers: Record<string, string>;
  body?: unknown;
}

type Next = (args: unknown) => Promise<{ response: unknown; output?: unknown }>;
type Middleware = (next: Next, context: { commandName?: string; clientName?: string }) => (args: unknown) => Promise<{ response: unknown; output?: unknown }>;

/** Reads a body stream (or bytes) to the end, failing after `timeoutMs`. */
async function readAll(body: unknown, timeoutMs: number): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array();
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return Buffer.from(body);
  const stream = body as AsyncIterable<Uint8Array> & { destroy?: (e?: Error) => void };
  const chunks: Uint8Array[] = [];
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = Object.assign(new Error(`the answer's body did not arrive within ${timeoutMs} ms`), { name: 'TimeoutError' });
      stream.destroy?.(err);
      reject(err);
    }, timeoutMs);
  });
  try {
    await Promise.race([
      (async () => {
        for await (const chunk of stream) chunks.push(chunk);
      })(),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks);
}

function malformed(operation: string, problem: string, response: RawResponse): Error {
  const headers = response.headers ?? {};
  const requestId = headers['x-amzn-requestid'] ?? headers['x-amz-request-id'];
  return Object.assign(new Error(`the answer to ${operation} cannot be read: ${problem}`), {
    name: 'MalformedResponse',
    $fault: 'server',
    // Retried like a transient fault (see retryStrategy.ts): a corrupted answer may be a one-off.
    $retryable: {},
    $metadata: { httpStatusCode: response.statusCode, requestId },
  });
}

export function answerMiddleware(protocol: AnswerProtocol, policy: CallPolicy): Middleware {
  return (next, context) => async (args) => {
    const result = await next(args);
    const response = result.response as RawResponse;
    const body = await readAll(response.body, policy.requestTimeoutMs);
    response.body = body;
    const problem = controlPlaneAnswerProblem(protocol, response.statusCode, response.headers ?? {}, body);
    if (problem) throw malformed((context.commandName ?? 'the call').replace(/Command$/, ''), problem, response);
    return result;
  };
}

/** Where it goes in a client's middleware stack: after the deserializer, so next to the transport. */
export const ANSWER_MIDDLEWARE_OPTIONS = { step: 'deserialize', priority: 'low', name: 'crossgateAnswerCheck' } as const;
