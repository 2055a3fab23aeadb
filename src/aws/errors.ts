/**
 * An AWS call that failed, described by what was asked, by whom, and what AWS (or the
 * network) said. Messages never include credentials.
 */
export class AwsCallError extends Error {
  constructor(
    readonly operation: string,
    readonly principal: string,
    readonly code: string,
    readonly awsMessage: string,
    readonly status?: number,
    readonly requestId?: string,
    /** How many attempts were made (retries included), when more than one. */
    readonly attempts?: number,
  ) {
    super(
      `${operation} as ${principal} failed${attempts && attempts > 1 ? ` after ${attempts} attempts` : ''}: ` +
        `${code}${status ? ` (HTTP ${status})` : ''}: ${awsMessage}${requestId ? ` [request id ${requestId}]` : ''}`,
    );
    this.name = 'AwsCallError';
    // The message says everything; frames of crossgate's own code would only hide it.
    this.stack = `${this.name}: ${this.message}`;
  }
}

interface SdkErrorShape {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
}

/** Node's codes for a connection that failed or broke (the SDK reports some of them as TimeoutError). */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

/** The SDK appends this to errors it met while parsing; the raw answer is not kept anyway. */
const DESERIALIZATION_HINT = /\n\s*Deserialization error: to see the raw response.*$/s;

/** Turn whatever the SDK threw into an AwsCallError. */
export function fromSdkError(operation: string, principal: string, err: unknown): AwsCallError {
  if (err instanceof AwsCallError) return err;
  const e = (err ?? {}) as SdkErrorShape;
  let code = e.Code ?? e.name ?? e.code ?? 'UnknownError';
  let message = (e.message ?? String(err)).replace(DESERIALIZATION_HINT, '');
  if (e.code && NETWORK_CODES.has(e.code)) {
    code = 'NetworkError';
    message = `${e.code}: ${message}`;
  } else if (code === 'TimeoutError' && !/\d+ ?ms/.test(message)) {
    message = `no answer in time: ${message}`;
  }
  const status = e.$metadata?.httpStatusCode;
  return new AwsCallError(operation, principal, code, message, status && status > 0 ? status : undefined, e.$metadata?.requestId, e.$metadata?.attempts);
}

/** A readable-but-incomplete answer (a required member missing): an error, never a default. */
export function malformedResponse(message: string): Error {
  return Object.assign(new Error(message), { name: 'MalformedResponse' });
}
