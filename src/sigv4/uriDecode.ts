/**
 * Percent-decoding that never throws: works on bytes, and a '%' not followed by
 * two hex digits stands for itself (a lenient reading, as servers commonly do).
 */

function hexValue(b: number | undefined): number {
  if (b === undefined) return -1;
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}

/**
 * The bytes a percent-encoded string stands for. A '%' not followed by two hex
 * digits stands for itself (a lenient reading, as servers commonly do), and
 * '+' stays '+' (paths: RFC 3986 gives '+' no special meaning there).
 */
export function uriDecodeBytes(input: string): Buffer {
  return decode(input, false);
}

/**
 * application/x-www-form-urlencoded decoding, for query strings and form bodies:
 * as uriDecodeBytes, and a '+' is a space.
 */
export function formDecodeBytes(input: string): Buffer {
  return decode(input, true);
}

function decode(input: string, plusIsSpace: boolean): Buffer {
  const src = Buffer.from(input, 'utf8');
  const out = Buffer.allocUnsafe(src.length);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const b = src[i]!;
    const hi = b === 0x25 ? hexValue(src[i + 1]) : -1;
    const lo = hi >= 0 ? hexValue(src[i + 2]) : -1;
    if (lo >= 0) {
      out[n++] = (hi << 4) | lo;
      i += 2;
    } else {
      out[n++] = plusIsSpace && b === 0x2b ? 0x20 : b;
    }
  }
  return out.subarray(0, n);
}

/** Decoded text of a percent-encoded string (invalid UTF-8 becomes U+FFFD). */
export function uriDecode(input: string): string {
  return uriDecodeBytes(input).toString('utf8');
}
