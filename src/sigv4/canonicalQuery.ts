/**
 * The CanonicalQueryString line: every pair decoded then re-encoded the SigV4
 * way (so `%E1%88%B4` and the raw UTF-8 bytes sign alike, and `+` is a literal
 * plus, `%2B`), sorted by encoded key then encoded value, joined with '&'.
 * A key without '=' signs as `key=`. For presigned requests X-Amz-Signature
 * is left out (it cannot sign itself); `omit` names other parameters to leave
 * out, by their decoded name.
 */
import { SIGNATURE_QUERY } from './constants.ts';
import { queryPairs } from './queryPairs.ts';
import { uriDecode, uriDecodeBytes } from './uriDecode.ts';
import { uriEncode } from './uriEncode.ts';

/** Byte-wise (here: ASCII) order, which is what AWS sorts by. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function canonicalQuery(query: string, omitSignature = false, omit: readonly string[] = []): string {
  const left = omitSignature ? [SIGNATURE_QUERY, ...omit] : omit;
  const encoded: Array<[string, string]> = [];
  for (const { key, value } of queryPairs(query)) {
    if (left.length > 0 && left.includes(uriDecode(key))) continue;
    encoded.push([uriEncode(uriDecodeBytes(key)), uriEncode(uriDecodeBytes(value))]);
  }
  encoded.sort(([ka, va], [kb, vb]) => compare(ka, kb) || compare(va, vb));
  return encoded.map(([k, v]) => `${k}=${v}`).join('&');
}
