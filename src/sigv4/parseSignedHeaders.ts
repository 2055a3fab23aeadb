/**
 * SignedHeaders=host;x-amz-date: distinct lower-case header names. Signers all
 * send them lower-case, as the specification requires; anything else is
 * refused rather than guessed at.
 */
import { MAX_SIGNED_HEADERS } from './constants.ts';

const LOWER_TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

export function parseSignedHeaders(value: string): string[] | undefined {
  const names = value.split(';');
  if (names.length > MAX_SIGNED_HEADERS) return undefined;
  if (!names.every((n) => LOWER_TOKEN.test(n))) return undefined;
  return new Set(names).size === names.length ? names : undefined;
}
