/**
 * Globs: IAM patterns as sequences of symbols, so that sets of actions and
 * resources can be compared without sampling. A symbol is a literal code point
 * (>= 0) or one of four wildcards. The `…NoColon` wildcards come from the first
 * five fields of an ARN pattern, where IAM matches field by field, so a wildcard
 * there never spans a ':' (see resourceMatches in src/policy).
 */
export type Glob = readonly number[];

/** '*': any run of characters. */
export const ANY = -1;
/** '?': exactly one character. */
export const ONE = -2;
/** '*' inside an ARN field before the resource: any run without ':'. */
export const ANY_NO_COLON = -3;
/** '?' inside an ARN field before the resource: one character other than ':'. */
export const ONE_NO_COLON = -4;

export const COLON = 0x3a;

/** Every string. */
export const EVERYTHING: Glob = [ANY];

export function isWildcard(symbol: number): boolean {
  return symbol < 0;
}

export function isLiteralGlob(glob: Glob): boolean {
  return glob.every((s) => s >= 0);
}

/** Code points of a string (surrogate pairs kept together, as src/policy matches). */
export function codePoints(text: string): number[] {
  return Array.from(text, (ch) => ch.codePointAt(0) ?? 0);
}

export function fromCodePoints(points: readonly number[]): string {
  return String.fromCodePoint(...points);
}

/** '*' and '?' are wildcards, everything else literal. */
export function wildcardGlob(text: string): number[] {
  return codePoints(text).map((c) => (c === 0x2a ? ANY : c === 0x3f ? ONE : c));
}

/** Every character literal. */
export function literalGlob(text: string): number[] {
  return codePoints(text);
}

/** Does one symbol accept the character? */
export function accepts(symbol: number, c: number): boolean {
  if (symbol >= 0) return symbol === c;
  if (symbol === ANY || symbol === ONE) return true;
  return c !== COLON;
}

/** Whole-string match of a glob against a concrete string (code points). */
export function globMatches(glob: Glob, value: readonly number[]): boolean {
  // Positions reachable in the glob after reading a prefix of the value.
  let states = closure(glob, new Set([0]));
  for (const c of value) {
    const next = new Set<number>();
    for (const i of states) {
      const s = glob[i];
      if (s === undefined) continue;
      if (!accepts(s, c)) continue;
      next.add(s === ANY || s === ANY_NO_COLON ? i : i + 1);
    }
    if (next.size === 0) return false;
    states = closure(glob, next);
  }
  return states.has(glob.length);
}

function closure(glob: Glob, states: Set<number>): Set<number> {
  for (const i of states) {
    const s = glob[i];
    if (s === ANY || s === ANY_NO_COLON) states.add(i + 1);
  }
  return states;
}

/** The glob written back as IAM would read it ('*' and '?' for every kind of wildcard). */
export function globText(glob: Glob): string {
  return glob.map((s) => (s === ANY || s === ANY_NO_COLON ? '*' : s === ONE || s === ONE_NO_COLON ? '?' : String.fromCodePoint(s))).join('');
}
