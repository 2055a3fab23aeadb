/**
 * The CanonicalURI line of the canonical request.
 *
 * For every service but S3, AWS and its SDKs (@smithy/signature-v4, botocore,
 * and aws4 alike) sign the path *as sent on the wire*, normalized (dot segments
 * removed, empty segments merged), then URI-encoded once more. A wire path that
 * is already percent-encoded is therefore encoded twice: `/orders/%7Bid%7D` is
 * signed as `/orders/%257Bid%257D`. Decoding first would break every
 * SDK-signed request whose path holds an escape (test/sigv4/signers.test.ts
 * shows it). Raw bytes that should have been escaped (a space, UTF-8) come out
 * encoded once, which is what AWS's test suite expects. (curl 7.x signs the
 * path as sent, without the second encoding; AWS rejects that too.)
 *
 * S3 (`normalizePath: false`) signs the path as it is, encoded exactly once:
 * each segment is decoded and re-encoded, so `%20` and a raw space sign alike
 * and an escaped slash (`%2F`) stays escaped.
 */
import { normalizePathSegments } from './normalizePathSegments.ts';
import { uriDecodeBytes } from './uriDecode.ts';
import { uriEncode } from './uriEncode.ts';

export function canonicalUri(path: string, normalizePath = true): string {
  if (path === '') return '/';
  if (normalizePath) {
    const normalized = normalizePathSegments(path);
    return normalized === '' ? '/' : uriEncode(normalized, true);
  }
  return path
    .split('/')
    .map((segment) => uriEncode(uriDecodeBytes(segment)))
    .join('/');
}
