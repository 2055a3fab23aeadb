/**
 * An AWS error as a service returns it: a code, an HTTP status and a message.
 * Each protocol serialises it its own way (Query XML, REST-JSON, execute-api JSON).
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** Query protocol: 'Sender' (client fault) or 'Receiver' (server fault). */
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}
