/**
 * The one reading of a query string. Everything that looks at a request's query
 * (the canonical query string the signature covers, the presign parameters, the
 * Query protocol's parameters, REST-JSON query members) reads this parse, so what
 * is signed is exactly what is acted on.
 *
 * A query string is read as application/x-www-form-urlencoded, the way AWS reads
 * it: `%XY` is a byte, a `+` is a space (so `a+b`, `a%20b` and `a b` are one value,
 * canonicalized as `a%20b`), and a literal plus is `%2B`. AWS's SigV4 guide asks
 * signers to send spaces as `%20`, never `+`
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html,
 * "Create a canonical request"); a `+` on the wire is the form encoding of a space,
 * which is how S3 (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html)
 * and the Query APIs read it, and how curl and aws4 sign it.
 */
import type { WireRequest } from './types.ts';
import { formDecodeBytes } from './uriDecode.ts';

export interface QueryParameter {
  /** As sent, still encoded. */
  rawKey: string;
  rawValue: string;
  /**
   * The bytes they stand for (what the canonical query re-encodes); undefined when
   * that is just the raw text's UTF-8 (nothing escaped, no '+').
   */
  keyBytes: Buffer | undefined;
  valueBytes: Buffer | undefined;
  /** The same bytes as text (invalid UTF-8 becomes U+FFFD): what parsers read. */
  key: string;
  value: string;
}

/** Percent- and '+'-decoded bytes; undefined when there is nothing to decode (the common case). */
function decoded(raw: string): Buffer | undefined {
  return raw.indexOf('%') < 0 && raw.indexOf('+') < 0 ? undefined : formDecodeBytes(raw);
}

/** Every key=value pair in order; empty pairs ('&&') carry nothing, 'flag' is 'flag='. */
export function parseQueryString(query: string): QueryParameter[] {
  const out: QueryParameter[] = [];
  let start = 0;
  const n = query.length;
  while (start <= n) {
    let end = query.indexOf('&', start);
    if (end < 0) end = n;
    if (end > start) {
      const part = query.slice(start, end);
      const eq = part.indexOf('=');
      const rawKey = eq < 0 ? part : part.slice(0, eq);
      const rawValue = eq < 0 ? '' : part.slice(eq + 1);
      const keyBytes = decoded(rawKey);
      const valueBytes = decoded(rawValue);
      out.push({
        rawKey, rawValue, keyBytes, valueBytes,
        key: keyBytes === undefined ? rawKey : keyBytes.toString('utf8'),
        value: valueBytes === undefined ? rawValue : valueBytes.toString('utf8'),
      });
    }
    start = end + 1;
  }
  return out;
}

const parsed = new WeakMap<object, { query: string; parameters: readonly QueryParameter[] }>();

/** The request's query, parsed once per request object and shared by every reader. */
export function queryParameters(req: Pick<WireRequest, 'query'>): readonly QueryParameter[] {
  const query = String(req.query);
  const hit = parsed.get(req);
  if (hit !== undefined && hit.query === query) return hit.parameters;
  const parameters = Object.freeze(parseQueryString(query));
  parsed.set(req, { query, parameters });
  return parameters;
}
