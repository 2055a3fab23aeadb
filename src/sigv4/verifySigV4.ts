/**
 * Verifies a parsed SigV4 signature with the caller's secret key, in AWS's
 * order: credential scope, time window, then the signature itself, compared in
 * constant time. The access key, its session token and the expiry of session
 * credentials are the caller's business (between parseSigV4 and this).
 */
import { timingSafeEqual } from 'node:crypto';
import { type CanonicalRequestOptions, canonicalRequest } from './canonicalRequest.ts';
import { checkRequestTime } from './checkRequestTime.ts';
import { checkScope } from './checkScope.ts';
import { computeSignature } from './computeSignature.ts';
import { HOST_HEADER, HOST_NOT_SIGNED, SIGNATURE_DOES_NOT_MATCH } from './constants.ts';
import { fail } from './fail.ts';
import { payloadHashes } from './payloadHashes.ts';
import { signingKey } from './signingKey.ts';
import { stringToSign } from './stringToSign.ts';
import type { SigV4Failure, SigV4Parameters, SigV4Verified, VerifyOptions, WireRequest } from './types.ts';

/** Constant-time equality of two signatures (as ASCII strings). */
function sameSignature(expected: string, provided: string): boolean {
  const a = Buffer.from(expected, 'latin1');
  const b = Buffer.from(provided, 'latin1');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function verifySigV4(
  req: WireRequest,
  params: SigV4Parameters,
  opts: VerifyOptions,
): SigV4Verified | SigV4Failure {
  const early = checkScope(params, opts) ?? checkRequestTime(params, opts);
  if (early) return early;
  // parseSigV4 already refuses this; checked again for hand-built parameters.
  if (!params.signedHeaders.includes(HOST_HEADER)) return fail('incompleteSignature', HOST_NOT_SIGNED);

  const payload = payloadHashes(req, params.location);
  if (!payload.ok) return fail('signatureMismatch', SIGNATURE_DOES_NOT_MATCH, { detail: payload.detail });

  const key = signingKey(opts.secretAccessKey, params.scope.date, params.scope.region, params.scope.service);
  let first: { canonicalRequest: string; stringToSign: string } | undefined;
  for (const variant of variants(params, payload.candidates, opts.normalizePath ?? true)) {
    const canonical = canonicalRequest(req, params, variant);
    const toSign = stringToSign(canonical, params);
    if (sameSignature(computeSignature(key, toSign), params.signature)) {
      return { ok: true, params, canonicalRequest: canonical, stringToSign: toSign, payloadHash: variant.payloadHash! };
    }
    first ??= { canonicalRequest: canonical, stringToSign: toSign };
  }
  return fail('signatureMismatch', SIGNATURE_DOES_NOT_MATCH, first);
}

/**
 * The canonical forms a legitimate signer may have used, most common first.
 * Each one is fully determined by the request, so accepting any of them lets
 * no one change a signed part. A presigned URL's session token may have been
 * appended after signing (AWS IoT style); the caller still checks that the
 * token is the one issued with the access key.
 */
function variants(params: SigV4Parameters, payloadHashes: string[], normalizePath: boolean): CanonicalRequestOptions[] {
  const tokenModes = params.location === 'query' && params.securityToken !== undefined ? [false, true] : [false];
  // Plain loops: this runs for every request the embedded AWS authenticates.
  const out: CanonicalRequestOptions[] = [];
  for (const tokenAddedAfterSigning of tokenModes) {
    for (const payloadHash of payloadHashes) out.push({ normalizePath, payloadHash, tokenAddedAfterSigning });
  }
  return out;
}
