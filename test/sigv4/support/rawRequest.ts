/**
 * Reads a raw HTTP/1.1 request as AWS's SigV4 test suite writes it into a
 * WireRequest. Header values are kept as written, including the folded
 * continuation lines of get-header-value-multiline (joined with '\n').
 */
import { createHash } from 'node:crypto';
import type { WireRequest } from '../../../src/sigv4/index.ts';

export function parseRawRequest(raw: string): WireRequest & { body: string } {
  const lines = raw.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const requestLine = lines[0] ?? '';
  // The target may hold spaces (get-space-*): method is the first word, version the last.
  const method = requestLine.slice(0, requestLine.indexOf(' '));
  const target = requestLine.slice(method.length + 1, requestLine.lastIndexOf(' '));
  const q = target.indexOf('?');

  const headers: Array<[string, string]> = [];
  let i = 1;
  for (; i < lines.length && lines[i] !== ''; i++) {
    const line = lines[i]!;
    const last = headers[headers.length - 1];
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      last[1] += `\n${line}`; // obsolete line folding, kept as sent
      continue;
    }
    const colon = line.indexOf(':');
    headers.push([line.slice(0, colon), line.slice(colon + 1)]);
  }
  const body = lines.slice(i + 1).join('\n');
  return {
    method,
    path: q < 0 ? target : target.slice(0, q),
    query: q < 0 ? '' : target.slice(q + 1),
    headers,
    body,
    bodySha256: sha256(body),
  };
}

export function sha256(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}
