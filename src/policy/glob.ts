import { matchPattern, type Pattern } from './pattern.ts';

/** A compiled test of `value` from index `from` (default 0) to its end. */
export type Matcher = (value: string, from?: number) => boolean;

const ALWAYS: Matcher = () => true;

/** A run between two '*': literal text, or text with '?' marked as null. */
type Segment = { text: string; ones: false } | { parts: (string | null)[]; length: number; ones: true };

function segmentOf(tokens: readonly Pattern[number][]): Segment {
  if (tokens.every((t) => t.kind === 'text')) return { text: tokens.map((t) => (t.kind === 'text' ? t.text : '')).join(''), ones: false };
  const parts: (string | null)[] = [];
  let length = 0;
  for (const t of tokens) {
    if (t.kind === 'one') {
      parts.push(null);
      length += 1;
    } else if (t.kind === 'text') {
      parts.push(t.text);
      length += t.text.length;
    }
  }
  return { parts, length, ones: true };
}

function segmentLength(s: Segment): number {
  return s.ones ? s.length : s.text.length;
}

/**
 * Does `text` occur in `value` at `at`? (indexOf is a fast search in V8, where
 * startsWith compares character by character: several times slower on long ARNs.)
 */
export function occursAt(value: string, text: string, at: number): boolean {
  const n = text.length;
  if (n === 0) return true;
  // Most misses differ at one end: two character reads settle them.
  if (value.length < at + n || value.charCodeAt(at) !== text.charCodeAt(0) || value.charCodeAt(at + n - 1) !== text.charCodeAt(n - 1)) return false;
  return value.indexOf(text, at) === at;
}

/** Does `value` end with `text`, at or after `from`? */
function endsWithFrom(value: string, text: string, from: number): boolean {
  const at = value.length - text.length;
  return at >= from && occursAt(value, text, at);
}

/** Does the segment match `value` at `at` (UTF-16 units)? */
function segmentAt(s: Segment, value: string, at: number): boolean {
  if (!s.ones) return occursAt(value, s.text, at);
  let i = at;
  for (const p of s.parts) {
    if (p === null) {
      if (i >= value.length) return false;
      i += 1;
    } else {
      if (!occursAt(value, p, i)) return false;
      i += p.length;
    }
  }
  return true;
}

/** The leftmost place ≥ from where the segment matches and ends by `limit`, or -1. */
function segmentFind(s: Segment, value: string, from: number, limit: number): number {
  const len = segmentLength(s);
  if (!s.ones) {
    const at = value.indexOf(s.text, from);
    return at >= 0 && at + len <= limit ? at : -1;
  }
  for (let at = from; at + len <= limit; at++) if (segmentAt(s, value, at)) return at;
  return -1;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Compiles a pattern ('*' any run, '?' one character, the rest literal) into a
 * matcher. '*'-separated runs are matched greedily from the left, which is exact
 * for this pattern language and linear in practice: no regular expressions, no
 * backtracking blow-up. '?' counts code points, so values with astral characters
 * fall back to the code-point matcher.
 */
export function compileGlob(pattern: Pattern, options: { ignoreCase?: boolean } = {}): Matcher {
  if (options.ignoreCase !== true) return compileTokens(pattern);
  const lowered = pattern.map((t) => (t.kind === 'text' ? { kind: 'text' as const, text: t.text.toLowerCase() } : t));
  const matcher = compileTokens(lowered);
  return (value, from = 0) => matcher((from === 0 ? value : value.slice(from)).toLowerCase());
}

/** For patterns with '?': a value holding astral characters goes to the code-point matcher. */
function codePointSafe(tokens: Pattern, m: Matcher): Matcher {
  return (v, from = 0) => {
    const rest = from === 0 ? v : v.slice(from);
    return SURROGATE.test(rest) ? matchPattern(tokens, rest) : m(rest);
  };
}

function compileTokens(tokens: Pattern): Matcher {
  const segments: Segment[] = [];
  let run: Pattern[number][] = [];
  let stars = 0;
  for (const t of tokens) {
    if (t.kind === 'any') {
      segments.push(segmentOf(run));
      run = [];
      stars++;
    } else {
      run.push(t);
    }
  }
  segments.push(segmentOf(run));
  const hasOne = tokens.some((t) => t.kind === 'one');

  if (stars === 0) {
    const only = segments[0] as Segment;
    if (!only.ones) {
      const text = only.text;
      return (v, from = 0) => (from === 0 ? v === text : v.length - from === text.length && occursAt(v, text, from));
    }
    return codePointSafe(tokens, (v) => v.length === only.length && segmentAt(only, v, 0));
  }
  const head = segments[0] as Segment;
  const tail = segments[segments.length - 1] as Segment;
  const middle = segments.slice(1, -1).filter((s) => segmentLength(s) > 0);
  const headLength = segmentLength(head);
  const tailLength = segmentLength(tail);
  if (headLength === 0 && tailLength === 0 && middle.length === 0) return ALWAYS;
  if (middle.length === 0 && !head.ones && !tail.ones) {
    const h = head.text;
    const t = tail.text;
    if (t === '') return (v, from = 0) => occursAt(v, h, from);
    if (h === '') return (v, from = 0) => endsWithFrom(v, t, from);
    return (v, from = 0) => endsWithFrom(v, t, from + h.length) && occursAt(v, h, from);
  }
  const general: Matcher = (v, from = 0) => {
    const limit = v.length - tailLength;
    if (limit < from + headLength) return false;
    if (!segmentAt(head, v, from) || !segmentAt(tail, v, limit)) return false;
    let at = from + headLength;
    for (const s of middle) {
      const found = segmentFind(s, v, at, limit);
      if (found < 0) return false;
      at = found + segmentLength(s);
    }
    return true;
  };
  return hasOne ? codePointSafe(tokens, general) : general;
}

/** True when a pattern has no wildcard: it then matches exactly its text. */
export function isLiteral(pattern: Pattern): boolean {
  return pattern.every((t) => t.kind === 'text');
}
