/**
 * The HashedPayload line, and what the body must be for it to hold.
 *
 * - x-amz-content-sha256 present: its value is what was signed. A hex hash must
 *   also be the hash of the body received, else the body was swapped after
 *   signing; UNSIGNED-PAYLOAD leaves the body unsigned by the signer's choice.
 *   Other values (S3's STREAMING-* chunked uploads) are not supported.
 * - absent, Authorization header: the SHA-256 of the body.
 * - absent, presigned URL: the SHA-256 of the body is what every non-S3 signer
 *   signs (smithy, botocore SigV4QueryAuth, aws4, AWS's test suite), while S3
 *   presigners sign UNSIGNED-PAYLOAD; both are accepted. Each is a statement the
 *   signer made, so accepting either does not let anyone alter the request.
 */
import { CONTENT_SHA256_HEADER, UNSIGNED_PAYLOAD } from './constants.ts';
import { headerValues } from './headerValues.ts';
import type { SignatureLocation, WireRequest } from './types.ts';

export type PayloadHashes = { ok: true; candidates: string[] } | { ok: false; detail: string };

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

export function payloadHashes(req: WireRequest, location: SignatureLocation): PayloadHashes {
  const declared = headerValues(req, CONTENT_SHA256_HEADER);
  if (declared.length > 1) return { ok: false, detail: `more than one ${CONTENT_SHA256_HEADER} header` };
  const value = declared[0]?.trim();
  if (value === undefined) {
    return { ok: true, candidates: location === 'query' ? [req.bodySha256, UNSIGNED_PAYLOAD] : [req.bodySha256] };
  }
  if (value === UNSIGNED_PAYLOAD) return { ok: true, candidates: [value] };
  if (SHA256_HEX.test(value)) {
    return value.toLowerCase() === req.bodySha256.toLowerCase()
      ? { ok: true, candidates: [value] }
      : { ok: false, detail: `${CONTENT_SHA256_HEADER} does not match the SHA-256 of the body received` };
  }
  return { ok: false, detail: `unsupported ${CONTENT_SHA256_HEADER} value '${value.slice(0, 100)}'` };
}
