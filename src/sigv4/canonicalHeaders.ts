/**
 * The CanonicalHeaders block: for each signed header, `name:value` where the
 * value is every field of that name in arrival order, each trimmed with its
 * inner whitespace runs (including obsolete line folding) collapsed to one
 * space, joined with ','. Headers come in the order SignedHeaders gives, which
 * for every known signer is the sorted order the specification asks for.
 */
import { headerValues } from './headerValues.ts';
import type { WireRequest } from './types.ts';

/** Only HTTP's own whitespace: SP, HTAB and the CR/LF of a folded line. */
const WHITESPACE_RUN = /[ \t\r\n]+/g;

export function canonicalHeaderValue(value: string): string {
  // Not String#trim: that would also strip non-HTTP whitespace such as U+00A0.
  return value.replace(WHITESPACE_RUN, ' ').replace(/^ | $/g, '');
}

/** The block ends with a newline after each line, as the canonical request needs. */
export function canonicalHeaders(req: Pick<WireRequest, 'headers'>, signedHeaders: readonly string[]): string {
  return signedHeaders
    .map((name) => `${name}:${headerValues(req, name).map(canonicalHeaderValue).join(',')}\n`)
    .join('');
}
