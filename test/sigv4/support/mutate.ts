/** Small edits of a WireRequest, for "changing a signed part is rejected" tests. */
import type { WireRequest } from '../../../src/sigv4/index.ts';
import { sha256 } from './rawRequest.ts';

export type Wire = WireRequest & { body: string };

export function withBody(req: Wire, body: string): Wire {
  return { ...req, body, bodySha256: sha256(body) };
}

/** Replace the value of every field of a header (case-insensitive name). */
export function withHeader(req: Wire, name: string, value: (old: string) => string): Wire {
  return {
    ...req,
    headers: req.headers.map(([n, v]): [string, string] => [n, n.toLowerCase() === name ? value(v) : v]),
  };
}

export function withoutHeader(req: Wire, name: string): Wire {
  return { ...req, headers: req.headers.filter(([n]) => n.toLowerCase() !== name) };
}

/** Set a query parameter's raw value, matched by its raw name; appended when absent. */
export function withQueryParam(req: Wire, name: string, value: string): Wire {
  const parts = req.query === '' ? [] : req.query.split('&');
  let found = false;
  const next = parts.map((p) => {
    if (p.split('=')[0] !== name) return p;
    found = true;
    return `${name}=${value}`;
  });
  if (!found) next.push(`${name}=${value}`);
  return { ...req, query: next.join('&') };
}

export function queryParam(req: Wire, name: string): string | undefined {
  const hit = req.query.split('&').find((p) => p.split('=')[0] === name);
  return hit === undefined ? undefined : hit.slice(name.length + 1);
}

/** A different character of the same kind (hex stays hex, digit stays digit). */
export function otherChar(c: string): string {
  if (/[0-9]/.test(c)) return c === '9' ? '0' : String(Number(c) + 1);
  if (/[a-f]/.test(c)) return c === 'f' ? 'a' : String.fromCharCode(c.charCodeAt(0) + 1);
  if (/[a-zA-Z]/.test(c)) return c === 'z' ? 'y' : c === 'Z' ? 'Y' : String.fromCharCode(c.charCodeAt(0) + 1);
  return 'x';
}

export function replaceAt(s: string, i: number, c: string): string {
  return s.slice(0, i) + c + s.slice(i + 1);
}
