/**
 * The SDK clients' retry strategy: the SDK classifies each error (throttling,
 * transient, server, client) and this decides. Throttling and transient errors
 * (timeouts, resets, 500/502/503/504, answers that cannot be read) are retried with
 * crossgate's backoff, up to the policy's attempts; client errors never are.
 */
import { backoffDelay, type CallPolicy } from './callPolicy.ts';

interface RetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
}

interface RetryErrorInfo {
  errorType: 'THROTTLING' | 'TRANSIENT' | 'SERVER_ERROR' | 'CLIENT_ERROR';
}

function token(count: number, delay: number): RetryToken {
  return { getRetryCount: () => count, getRetryDelay: () => delay };
}

export class BackoffRetryStrategy {
  readonly mode = 'standard';

  constructor(private readonly policy: CallPolicy) {}

  async acquireInitialRetryToken(_scope: string): Promise<RetryToken> {
    return token(0, 0);
  }

  async refreshRetryTokenForRetry(previous: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const retryable = info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT';
    const retries = previous.getRetryCount();
    if (!retryable || retries + 1 >= this.policy.maxAttempts) throw new Error('No retry token available');
    return token(retries + 1, backoffDelay(this.policy, retries, info.errorType === 'THROTTLING'));
  }

  recordSuccess(_token: RetryToken): void {}
}
