/**
 * RFC 3986 percent-encoding as SigV4 wants it: every byte but the unreserved
 * characters (A-Z a-z 0-9 - . _ ~) as %XY with upper-case hex. Works on bytes,
 * so it never throws, whatever the input (lone surrogates, bad escapes).
 */

const HEX = '0123456789ABCDEF';

function isUnreserved(b: number): boolean {
  return (
    (b >= 0x41 && b <= 0x5a) || // A-Z
    (b >= 0x61 && b <= 0x7a) || // a-z
    (b >= 0x30 && b <= 0x39) || // 0-9
    b === 0x2d || b === 0x2e || b === 0x5f || b === 0x7e // - . _ ~
  );
}

/** Percent-encode bytes (or a string's UTF-8 bytes); '/' is kept when keepSlash. */
export function uriEncode(input: string | Uint8Array, keepSlash = false): string {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  let out = '';
  for (const b of bytes) {
    if (isUnreserved(b) || (keepSlash && b === 0x2f)) out += String.fromCharCode(b);
    else out += `%${HEX[b >> 4]}${HEX[b & 15]}`;
  }
  return out;
}
