/**
 * How long crossgate waits for AWS and how often it tries again. Every attempt is
 * bounded in time; transient faults (network errors, timeouts, throttling, 5xx,
 * answers that cannot be read) are retried with capped exponential backoff and full
 * jitter; nothing else is retried. The same policy governs the SDK clients and the
 * execute-api requests.
 *
 * Environment (for CI tuning and tests): CROSSGATE_AWS_TIMEOUT_MS (per attempt),
 * CROSSGATE_AWS_CONNECT_TIMEOUT_MS, CROSSGATE_AWS_MAX_ATTEMPTS, CROSSGATE_AWS_RETRY_BASE_MS.
 */
import { UserError } from '../util/userError.ts';

export interface CallPolicy {
  /** Time to open a connection. */
  connectTimeoutMs: number;
  /** Time for one attempt: from sending the request to the end of the answer. */
  requestTimeoutMs: number;
  /** Attempts per call, the first included. */
  maxAttempts: number;
  /** Backoff base: retry n waits a random time in [0, min(cap, base·2ⁿ)); throttling waits 5× longer. */
  retryBaseMs: number;
  retryCapMs: number;
}

export const DEFAULT_CALL_POLICY: Readonly<CallPolicy> = {
  connectTimeoutMs: 5_000,
  requestTimeoutMs: 15_000,
  maxAttempts: 3,
  retryBaseMs: 100,
  retryCapMs: 5_000,
};

const ENV: Record<string, { key: keyof CallPolicy; min: number; max: number }> = {
  CROSSGATE_AWS_TIMEOUT_MS: { key: 'requestTimeoutMs', min: 100, max: 600_000 },
  CROSSGATE_AWS_CONNECT_TIMEOUT_MS: { key: 'connectTimeoutMs', min: 100, max: 120_000 },
  CROSSGATE_AWS_MAX_ATTEMPTS: { key: 'maxAttempts', min: 1, max: 10 },
  CROSSGATE_AWS_RETRY_BASE_MS: { key: 'retryBaseMs', min: 1, max: 10_000 },
};

/** The policy in force: the defaults, overridden by the environment. */
export function callPolicy(env: Record<string, string | undefined> = process.env): CallPolicy {
  const policy: CallPolicy = { ...DEFAULT_CALL_POLICY };
  for (const [name, { key, min, max }] of Object.entries(ENV)) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) throw new UserError(`${name}: '${text}' is not a whole number from ${min} to ${max}`);
    policy[key] = value;
  }
  return policy;
}

/** The wait before retry number `retry` (0 for the first retry): full jitter over a capped exponential. */
export function backoffDelay(policy: CallPolicy, retry: number, throttled: boolean, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.retryCapMs, policy.retryBaseMs * (throttled ? 5 : 1) * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/** The longest one call can take with every attempt timing out and every backoff at its ceiling. */
export function worstCallMs(policy: CallPolicy): number {
  let total = 0;
  for (let i = 0; i < policy.maxAttempts; i++) {
    total += policy.connectTimeoutMs + policy.requestTimeoutMs;
    if (i > 0) total += Math.min(policy.retryCapMs, policy.retryBaseMs * 5 * 2 ** (i - 1));
  }
  return total;
}

/**
 * Cucumber's step timeout: long enough that a step always ends by crossgate's own
 * timeouts (which name the operation and the fault), never by Cucumber's.
 */
export function stepTimeoutMs(policy: CallPolicy): number {
  return Math.max(60_000, 4 * worstCallMs(policy));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
