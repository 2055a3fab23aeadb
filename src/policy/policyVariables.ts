import { concatPatterns, literalPattern, wildcardPattern, type Pattern } from './pattern.ts';

/** Looks up a single-valued context key for a policy variable; undefined when absent or multi-valued. */
export type VariableLookup = (key: string) => string | undefined;

export type Substitution = { ok: true; pattern: Pattern } | { ok: false; missing: string };

const ESCAPES: Record<string, string> = { '*': '*', '?': '?', $: '$' };

/**
 * Resolves `${key}` and `${key, 'default'}` in a Resource or condition value.
 * Substituted text and the escapes `${*}`, `${?}`, `${$}` are literal; the policy's
 * own text keeps '*' and '?' as wildcards when `wildcards` is set. A key that is
 * absent and has no default makes the value unusable: it then matches nothing,
 * as AWS documents.
 *
 * Only policies with Version '2012-10-17' have variables; under older versions
 * (or none) `${…}` is plain text, so pass `variables: false`.
 */
export function substituteVariables(
  text: string,
  lookup: VariableLookup,
  options: { wildcards: boolean; variables: boolean },
): Substitution {
  const own = (s: string) => (options.wildcards ? wildcardPattern(s) : literalPattern(s));
  if (!options.variables || !text.includes('${')) return { ok: true, pattern: own(text) };

  const parts: Pattern[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('${', i);
    const close = open < 0 ? -1 : text.indexOf('}', open + 2);
    if (open < 0 || close < 0) {
      parts.push(own(text.slice(i)));
      break;
    }
    parts.push(own(text.slice(i, open)));
    const body = text.slice(open + 2, close).trim();
    const escaped = ESCAPES[body];
    if (escaped !== undefined) {
      parts.push(literalPattern(escaped));
    } else {
      const { key, fallback } = splitDefault(body);
      const value = lookup(key) ?? fallback;
      if (value === undefined) return { ok: false, missing: key };
      parts.push(literalPattern(value));
    }
    i = close + 1;
  }
  return { ok: true, pattern: concatPatterns(parts) };
}

/** `aws:username, 'nobody'` → key and default; the default is quoted with single quotes. */
function splitDefault(body: string): { key: string; fallback?: string } {
  const m = /^([^,]*?)\s*,\s*'(.*)'$/s.exec(body);
  if (m === null) return { key: body };
  return { key: m[1] ?? '', fallback: m[2] ?? '' };
}

/** True when the text uses policy variables (so static checks cannot resolve it alone). */
export function hasPolicyVariables(text: string): boolean {
  return /\$\{[^}]*\}/.test(text);
}

/** The context keys a text's policy variables read, and whether each has a default. Escapes are not keys. */
export function variableKeys(text: string): { key: string; hasDefault: boolean }[] {
  const out: { key: string; hasDefault: boolean }[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('${', i);
    const close = open < 0 ? -1 : text.indexOf('}', open + 2);
    if (open < 0 || close < 0) break;
    const body = text.slice(open + 2, close).trim();
    if (ESCAPES[body] === undefined) {
      const { key, fallback } = splitDefault(body);
      out.push({ key, hasDefault: fallback !== undefined });
    }
    i = close + 1;
  }
  return out;
}

/** A text's policy variables, read once: their keys (lower-cased too) for a per-request cache key. */
export interface VariableSlots {
  keys: readonly { key: string; lower: string }[];
}

export function variableSlots(text: string | readonly string[]): VariableSlots {
  const seen = new Map<string, string>();
  for (const t of typeof text === 'string' ? [text] : text) {
    for (const { key } of variableKeys(t)) if (!seen.has(key.toLowerCase())) seen.set(key.toLowerCase(), key);
  }
  return { keys: [...seen].map(([lower, key]) => ({ key, lower })) };
}

/** The values a request gives the slots, as one string: equal strings substitute equally. */
export function slotValues(slots: VariableSlots, get: (lowerKey: string) => string | string[] | undefined): string {
  let out = '';
  for (const { lower } of slots.keys) {
    const v = get(lower);
    out += typeof v === 'string' ? `${v}\u0000` : '\u0001';
  }
  return out;
}
