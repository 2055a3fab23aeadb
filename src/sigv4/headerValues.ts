/** Header lookup over the wire headers (names compared case-insensitively). */
import type { WireRequest } from './types.ts';

/** Every value of the named header fields, in arrival order. */
export function headerValues(req: Pick<WireRequest, 'headers'>, lowerName: string): string[] {
  const values: string[] = [];
  for (const [name, value] of req.headers) {
    if (String(name).toLowerCase() === lowerName) values.push(String(value));
  }
  return values;
}
