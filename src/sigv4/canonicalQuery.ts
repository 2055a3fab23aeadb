/**
 * The CanonicalQueryString line: every pair of the one query parse
 * (queryParameters.ts: `+` is a space, `%2B` a plus) re-encoded the SigV4 way
 * (RFC 3986, upper-case hex, so `%E1%88%B4` and the raw UTF-8 bytes sign alike),
 * sorted by encoded key then encoded value, joined with '&'. A key without '='
 * signs as `key=`. For presigned requests X-Amz-Signature is left out (it cannot
 * sign itself); `omit` names other parameters to leave out, by their decoded name.
 */
import { SIGNATURE_QUERY } from './constants.ts';
import { type QueryParameter, parseQueryString } from './queryParameters.ts';
import { uriEncode } from './uriEncode.ts';

/** Byte-wise (here: ASCII) order, which is what AWS sorts by. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function canonicalQuery(query: string | readonly QueryParameter[], omitSignature = false, omit: readonly string[] = []): string {
  const left = omitSignature ? [SIGNATURE_QUERY, ...omit] : omit;
  const parameters = typeof query === 'string' ? parseQueryString(query) : query;
  const encoded: Array<[string, string]> = [];
  for (const p of parameters) {
    if (left.length > 0 && left.includes(p.key)) continue;
    encoded.push([uriEncode(p.keyBytes ?? p.key), uriEncode(p.valueBytes ?? p.value)]);
  }
  encoded.sort(([ka, va], [kb, vb]) => compare(ka, kb) || compare(va, vb));
  return encoded.map(([k, v]) => `${k}=${v}`).join('&');
}
