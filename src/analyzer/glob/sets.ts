/**
 * Sets of strings described by globs: a union of globs, or the complement of one
 * (what NotAction and NotResource describe). Questions answer 'yes', 'no' or
 * 'unknown' (the search budget ran out); callers pick the cautious reading.
 */
import { Budget, emptiness } from './emptiness.ts';
import { ANY, EVERYTHING, type Glob, codePoints, globMatches, isLiteralGlob } from './glob.ts';

export interface GlobSet {
  /** false: the union of `globs`; true: everything except that union. */
  negated: boolean;
  globs: readonly Glob[];
}

export type Answer = 'yes' | 'no' | 'unknown';

export const UNIVERSE: GlobSet = { negated: true, globs: [] };
export const NOTHING: GlobSet = { negated: false, globs: [] };

export function union(globs: readonly Glob[]): GlobSet {
  return { negated: false, globs };
}

export function complement(set: GlobSet): GlobSet {
  return { negated: !set.negated, globs: set.globs };
}

export function single(glob: Glob): GlobSet {
  return { negated: false, globs: [glob] };
}

export interface Overlap {
  answer: Answer;
  /** A string in every set, when the answer is 'yes'. */
  witness?: string;
}

/** Is the intersection of the sets non-empty? */
export function intersects(sets: readonly GlobSet[], budget: Budget): Overlap {
  // Every question costs a little, so that huge policies end in 'unknown' rather than hang.
  if (!budget.spend()) return { answer: 'unknown' };
  // A positive group holding a glob of only '*' constrains nothing; a negative one excludes everything.
  const universal = (glob: Glob) => glob.length > 0 && glob.every((s) => s === ANY);
  const positive = sets.filter((s) => !s.negated && !s.globs.some(universal)).map((s) => s.globs);
  const negative = sets.filter((s) => s.negated && s.globs.length > 0).map((s) => s.globs);
  if (negative.some((g) => g.some(universal))) return { answer: 'no' };
  if (positive.some((g) => g.length === 0)) return { answer: 'no' };
  if (positive.length === 0) positive.push([EVERYTHING]);

  // Fast path: two single globs whose literal beginnings or endings differ never meet.
  const singles = positive.filter((g) => g.length === 1).map((g) => g[0] as Glob);
  for (let i = 0; i < singles.length; i++) {
    for (let j = i + 1; j < singles.length; j++) if (literalEndsClash(singles[i] as Glob, singles[j] as Glob)) return { answer: 'no' };
  }

  // Fast path: one side is a single concrete string; test membership directly.
  const concrete = positive.find((g) => g.length === 1 && isLiteralGlob(g[0] as Glob));
  if (concrete !== undefined) {
    const value = concrete[0] as Glob;
    const inAll = positive.every((g) => g.some((glob) => globMatches(glob, value)));
    const inNone = negative.every((g) => !g.some((glob) => globMatches(glob, value)));
    return inAll && inNone ? { answer: 'yes', witness: String.fromCodePoint(...value) } : { answer: 'no' };
  }

  const result = emptiness(positive, negative, budget);
  if (result.empty === 'unknown') return { answer: 'unknown' };
  return result.empty ? { answer: 'no' } : { answer: 'yes', witness: result.witness };
}

function literalEndsClash(a: Glob, b: Glob): boolean {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x < 0 || y < 0) break;
    if (x !== y) return true;
  }
  for (let i = 1; i <= a.length && i <= b.length; i++) {
    const x = a[a.length - i] as number;
    const y = b[b.length - i] as number;
    if (x < 0 || y < 0) break;
    if (x !== y) return true;
  }
  return false;
}

/** Is the intersection of `inner` contained in the union of `outer`? */
export function isSubset(inner: readonly GlobSet[], outer: readonly GlobSet[], budget: Budget): Answer {
  const overlap = intersects([...inner, ...outer.map(complement)], budget);
  return overlap.answer === 'unknown' ? 'unknown' : overlap.answer === 'yes' ? 'no' : 'yes';
}

/** Does the set contain this concrete string? */
export function contains(set: GlobSet, value: string): boolean {
  const points = codePoints(value);
  const hit = set.globs.some((g) => globMatches(g, points));
  return set.negated ? !hit : hit;
}

export { Budget };
