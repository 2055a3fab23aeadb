/**
 * Credentials reused for the run: a principal's own credentials and the role
 * sessions it assumes are obtained once and used until they are within five minutes
 * of their Expiration (then obtained again), so a suite of a thousand scenarios makes
 * one sts:AssumeRole per principal, role and options, not one per scenario.
 */
import { accountId } from '../config/load.ts';
import { resolveCredentials } from '../aws/credentials.ts';
import type { AwsCredentials } from '../aws/types.ts';
import type { Harness } from './harness.ts';

/** Credentials this close to their Expiration are not handed out again. */
export const REFRESH_WINDOW_MS = 5 * 60_000;

function fresh(expiration: Date | undefined, now: Date): boolean {
  return expiration === undefined || expiration.getTime() - now.getTime() > REFRESH_WINDOW_MS;
}

/**
 * The cached value under `key` while it is fresh, else a new one from `obtain`
 * (concurrent callers share one attempt; a failed attempt is not kept).
 */
export async function reuseUntilNearExpiry<T>(h: Harness, key: string, obtain: () => Promise<T>, expirationOf: (value: T) => Date | undefined): Promise<{ value: T; reused: boolean }> {
  const now = h.now?.() ?? new Date();
  const entry = h.cache.get(key) as Promise<T> | undefined;
  if (entry) {
    const value = await entry.catch(() => undefined);
    if (value !== undefined && fresh(expirationOf(value), now)) return { value, reused: true };
    if (h.cache.get(key) === entry) h.cache.delete(key);
    else return reuseUntilNearExpiry(h, key, obtain, expirationOf);
  }
  const p = obtain();
  h.cache.set(key, p);
  p.catch(() => {
    if (h.cache.get(key) === p) h.cache.delete(key);
  });
  return { value: await p, reused: false };
}

/** A configured principal's own credentials (estate keys, a profile, env, the default chain), for the run. */
export async function principalCredentials(h: Harness, name: string): Promise<AwsCredentials> {
  const principal = h.config.principals[name];
  if (!principal) throw new Error(`unknown principal '${name}'`);
  const { value } = await reuseUntilNearExpiry(h, `credentials:${name}`, () => resolveCredentials(name, principal.credentials, h.estate, accountId(h.config, principal.account)), (c) => c.expiration);
  return value;
}
