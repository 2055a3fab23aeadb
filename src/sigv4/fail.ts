/** Builds a SigV4Failure. */
import type { SigV4Failure, SigV4FailureReason } from './types.ts';

export function fail(reason: SigV4FailureReason, message: string, extra: Partial<SigV4Failure> = {}): SigV4Failure {
  return { ...extra, ok: false, reason, message };
}
