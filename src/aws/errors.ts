/**
 * An AWS call that failed, described by what was asked, by whom, and what AWS said.
 * Messages never include credentials.
 */
export class AwsCallError extends Error {
  constructor(
    readonly operation: string,
    readonly principal: string,
    readonly code: string,
    readonly awsMessage: string,
    readonly status?: number,
    readonly requestId?: string,
  ) {
    super(`${operation} as ${principal} failed: ${code}${status ? ` (HTTP ${status})` : ''}: ${awsMessage}${requestId ? ` [request id ${requestId}]` : ''}`);
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
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/** Turn whatever the SDK threw into an AwsCallError. */
export function fromSdkError(operation: string, principal: string, err: unknown): AwsCallError {
  const e = (err ?? {}) as SdkErrorShape;
  const code = e.Code ?? e.name ?? e.code ?? 'UnknownError';
  return new AwsCallError(operation, principal, code, e.message ?? String(err), e.$metadata?.httpStatusCode, e.$metadata?.requestId);
}
