/**
 * Authentication shared by every endpoint: find the SigV4 signature, look up the
 * key, check the session token and its expiry, then verify the signature.
 */
import { timingSafeEqual } from 'node:crypto';
import type { SigV4Failure, SigV4FailureReason, SigV4Parameters, SigV4Parsed, WireRequest } from '../sigv4/index.ts';
import { parseSigV4, SIGV4, verifySigV4 } from '../sigv4/index.ts';
import type { CredentialRecord, CredentialStore } from './credentials.ts';

export type AuthFailureReason =
  | SigV4FailureReason
  /** The access key id was never issued here (or was revoked). */
  | 'unknownAccessKey'
  /** A session token missing, extra or not the one issued with this key. */
  | 'invalidSessionToken'
  /** Session credentials past their Expiration. */
  | 'expiredToken';

export type AuthenticationResult =
  /** payloadSigned: the signature covers the body (false for UNSIGNED-PAYLOAD). */
  | { ok: true; caller: CredentialRecord; params: SigV4Parameters; payloadSigned: boolean }
  | { ok: false; reason: AuthFailureReason; message: string; params?: SigV4Parameters };

export interface AuthenticationExpectations {
  service: string;
  region?: string;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `parsed`: parseSigV4(req), when the caller already has it. */
export function authenticate(req: WireRequest, store: CredentialStore, now: Date, expect: AuthenticationExpectations, parsed: SigV4Parsed | SigV4Failure = parseSigV4(req)): AuthenticationResult {
  if (!parsed.ok) return { ok: false, reason: parsed.reason, message: parsed.message };
  const params = parsed.params;

  const caller = store.get(params.accessKeyId);
  if (!caller || caller.status !== 'Active') {
    return { ok: false, reason: 'unknownAccessKey', message: 'The security token included in the request is invalid.', params };
  }
  if (caller.sessionToken !== undefined || params.securityToken !== undefined) {
    if (caller.sessionToken === undefined || params.securityToken === undefined || !sameSecret(caller.sessionToken, params.securityToken)) {
      return { ok: false, reason: 'invalidSessionToken', message: 'The security token included in the request is invalid.', params };
    }
  }
  if (caller.expiration && caller.expiration.getTime() <= now.getTime()) {
    return { ok: false, reason: 'expiredToken', message: 'The security token included in the request is expired', params };
  }
  const verified = verifySigV4(req, params, {
    secretAccessKey: caller.secretAccessKey,
    now,
    service: expect.service,
    region: expect.region,
  });
  if (!verified.ok) return { ok: false, reason: verified.reason, message: verified.message, params };
  return { ok: true, caller, params, payloadSigned: verified.payloadHash !== SIGV4.UNSIGNED_PAYLOAD };
}
