/**
 * Patterns as IAM matches them: '*' (any run of characters, '/' and ':' included)
 * and '?' (one character). Tokens keep text that must match literally apart from
 * wildcards, so a '*' that came from a policy variable or a '${*}' escape stays literal.
 */
export type PatternToken = { kind: 'text'; text: string } | { kind: 'any' } | { kind: 'one' };
export type Pattern = readonly PatternToken[];

/** Every character literal. */
export function literalPattern(text: string): Pattern {
  return text === '' ? [] : [{ kind: 'text', text }];
}

/** '*' and '?' are wildcards, everything else literal. */
export function wildcardPattern(text: string): Pattern {
  const tokens: PatternToken[] = [];
  let run = '';
  for (const ch of text) {
    if (ch === '*' || ch === '?') {
      if (run !== '') tokens.push({ kind: 'text', text: run });
      run = '';
      tokens.push({ kind: ch === '*' ? 'any' : 'one' });
    } else {
      run += ch;
    }
  }
  if (run !== '') tokens.push({ kind: 'text', text: run });
  return tokens;
}

/** Joins patterns, e.g. the pieces around a substituted policy variable. */
export function concatPatterns(parts: readonly Pattern[]): Pattern {
  return parts.flat();
}

/** The text of a pattern, wildcards written as '*' and '?'. */
export function patternText(p: Pattern): string {
  return p.map((t) => (t.kind === 'text' ? t.text : t.kind === 'any' ? '*' : '?')).join('');
}

const ANY = -1;
const ONE = -2;

/**
 * Whole-string match. Iterative with one backtrack point per '*', so the cost is
 * bounded by pattern length × value length (no regular expressions, no blow-up).
 */
export function matchPattern(p: Pattern, value: string, options: { ignoreCase?: boolean } = {}): boolean {
  const fold = (s: string) => (options.ignoreCase === true ? s.toLowerCase() : s);
  // Code points for text, negative sentinels for wildcards.
  const pat: number[] = [];
  for (const t of p) {
    if (t.kind === 'any') {
      if (pat[pat.length - 1] !== ANY) pat.push(ANY);
    } else if (t.kind === 'one') pat.push(ONE);
    else for (const ch of fold(t.text)) pat.push(ch.codePointAt(0) ?? 0);
  }
  const val = Array.from(fold(value), (ch) => ch.codePointAt(0) ?? 0);

  let pi = 0;
  let vi = 0;
  let starPi = -1;
  let starVi = 0;
  while (vi < val.length) {
    const pc = pat[pi];
    if (pc !== undefined && (pc === ONE || pc === val[vi])) {
      pi++;
      vi++;
    } else if (pc === ANY) {
      starPi = pi++;
      starVi = vi;
    } else if (starPi >= 0) {
      pi = starPi + 1;
      vi = ++starVi;
    } else {
      return false;
    }
  }
  while (pat[pi] === ANY) pi++;
  return pi === pat.length;
}

/** Matches a plain string pattern where '*' and '?' are wildcards. */
export function matchesWildcard(pattern: string, value: string, options: { ignoreCase?: boolean } = {}): boolean {
  return matchPattern(wildcardPattern(pattern), value, options);
}

/** Splits a pattern at its first `count` literal occurrences of `sep` (wildcards never split). */
export function splitPattern(p: Pattern, sep: string, count: number): Pattern[] {
  const out: PatternToken[][] = [[]];
  let splits = 0;
  for (const t of p) {
    if (t.kind !== 'text' || splits >= count) {
      (out[out.length - 1] as PatternToken[]).push(t);
      continue;
    }
    let rest = t.text;
    let at = rest.indexOf(sep);
    while (at >= 0 && splits < count) {
      if (at > 0) (out[out.length - 1] as PatternToken[]).push({ kind: 'text', text: rest.slice(0, at) });
      out.push([]);
      splits++;
      rest = rest.slice(at + sep.length);
      at = rest.indexOf(sep);
    }
    if (rest !== '') (out[out.length - 1] as PatternToken[]).push({ kind: 'text', text: rest });
  }
  return out;
}
