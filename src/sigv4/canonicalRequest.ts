/**
 * The canonical request (AWS SigV4 "Create a canonical request"):
 *
 *   Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n HashedPayload
 *
 * built from the request as received. The method is taken as sent: HTTP methods
 * are case-sensitive and the signer signed what it sent.
 */
import { canonicalHeaders } from './canonicalHeaders.ts';
import { canonicalQuery } from './canonicalQuery.ts';
import { canonicalUri } from './canonicalUri.ts';
import { CONTENT_SHA256_HEADER, TOKEN_QUERY } from './constants.ts';
import { headerValues } from './headerValues.ts';
import { queryParameters } from './queryParameters.ts';
import type { SigV4Parameters, WireRequest } from './types.ts';

export interface CanonicalRequestOptions {
  /** Every service but S3 normalizes the path (and encodes it twice). Default true. */
  normalizePath?: boolean;
  /**
   * The HashedPayload line. Default: the x-amz-content-sha256 header when
   * present, else the body's SHA-256. verifySigV4 decides it (see payloadHashes.ts).
   */
  payloadHash?: string;
  /**
   * Presigned only: X-Amz-Security-Token was appended after signing and is not
   * part of the canonical query (AWS IoT's convention; one of AWS's test vectors).
   */
  tokenAddedAfterSigning?: boolean;
}

export function canonicalRequest(
  req: WireRequest,
  params: Pick<SigV4Parameters, 'location' | 'signedHeaders'>,
  opts: CanonicalRequestOptions = {},
): string {
  const payloadHash = opts.payloadHash ?? headerValues(req, CONTENT_SHA256_HEADER)[0]?.trim() ?? req.bodySha256;
  return [
    req.method,
    canonicalUri(req.path, opts.normalizePath ?? true),
    canonicalQuery(queryParameters(req), params.location === 'query', opts.tokenAddedAfterSigning ? [TOKEN_QUERY] : []),
    canonicalHeaders(req, params.signedHeaders),
    params.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
}
