/** A raw query string cut into its key=value pairs, still percent-encoded. */

export interface RawQueryPair {
  key: string;
  /** '' when the pair has no '=' ("?flag"). */
  value: string;
}

export function queryPairs(query: string): RawQueryPair[] {
  const pairs: RawQueryPair[] = [];
  for (const part of query.split('&')) {
    if (part === '') continue; // "a=1&&b=2" and a trailing '&' carry nothing
    const eq = part.indexOf('=');
    pairs.push(eq < 0 ? { key: part, value: '' } : { key: part.slice(0, eq), value: part.slice(eq + 1) });
  }
  return pairs;
}
