/** Header lookup over the wire headers (names compared case-insensitively). */
import type { WireRequest } from './types.ts';

// Verifying one signature looks headers up a dozen times: the lower-cased index of
// a header list is built once and kept as long as the list lives.
const indexes = new WeakMap<object, Map<string, string[]>>();

function indexOf(headers: WireRequest['headers']): Map<string, string[]> {
  let index = indexes.get(headers);
  if (!index) {
    index = new Map();
    for (const [name, value] of headers) {
      const key = String(name).toLowerCase();
      const list = index.get(key);
      if (list) list.push(String(value));
      else index.set(key, [String(value)]);
    }
    indexes.set(headers, index);
  }
  return index;
}

/** Every value of the named header fields, in arrival order. */
export function headerValues(req: Pick<WireRequest, 'headers'>, lowerName: string): string[] {
  const found = indexOf(req.headers).get(lowerName);
  return found ? found.slice() : [];
}
