/**
 * Is the request within its time window?
 * - Authorization header: X-Amz-Date within now +/- the allowed skew (5 min).
 * - Presigned URL: not before X-Amz-Date - skew, and not after X-Amz-Date +
 *   X-Amz-Expires (+ skew when it has no X-Amz-Expires).
 * Times compare at whole seconds, the precision of X-Amz-Date.
 */
import { formatAmzDate, parseAmzDate } from './amzDate.ts';
import { DEFAULT_CLOCK_SKEW_SECONDS } from './constants.ts';
import { fail } from './fail.ts';
import { badAmzDate, signatureExpired, signatureNotYetCurrent } from './messages.ts';
import type { SigV4Failure, SigV4Parameters, VerifyOptions } from './types.ts';

export function checkRequestTime(
  params: Pick<SigV4Parameters, 'amzDate' | 'location' | 'expiresSeconds'>,
  opts: Pick<VerifyOptions, 'now' | 'clockSkewSeconds'>,
): SigV4Failure | undefined {
  const signedAt = parseAmzDate(params.amzDate);
  if (signedAt === undefined) return fail('incompleteSignature', badAmzDate(params.amzDate));
  const now = Math.floor(opts.now.getTime() / 1000) * 1000;
  const skew = opts.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;

  // Only failures quote the current time: it is formatted there, not for every request.
  if (signedAt > now + skew * 1000) {
    return fail('signatureNotYetCurrent', signatureNotYetCurrent(params.amzDate, formatAmzDate(now + skew * 1000), formatAmzDate(now), skew));
  }
  // A presigned URL lives X-Amz-Expires seconds; a header signature (or a
  // presigned URL without X-Amz-Expires), the allowed skew.
  const lifetime = params.location === 'query' ? (params.expiresSeconds ?? skew) : skew;
  if (signedAt < now - lifetime * 1000) {
    return fail('signatureExpired', signatureExpired(params.amzDate, formatAmzDate(now - lifetime * 1000), formatAmzDate(now), lifetime));
  }
  return undefined;
}
