/**
 * The decision procedure behind every access check: is the set
 *
 *   (∪ positive[0]) ∩ (∪ positive[1]) ∩ … ∩ ∁(∪ negative[0]) ∩ ∁(∪ negative[1]) ∩ …
 *
 * empty? Each group of globs is a union automaton, determinised on the fly (a set
 * of positions per group), and the product is searched breadth first. The alphabet
 * is infinite, but every character that appears in no glob behaves alike, so the
 * literal characters, ':' and one fresh character represent all of them.
 *
 * The search is bounded by a budget shared by one API call: when it runs out the
 * answer is 'unknown', which every caller turns into the cautious answer.
 */
import { ANY, ANY_NO_COLON, COLON, ONE, ONE_NO_COLON, type Glob, fromCodePoints } from './glob.ts';

export type Emptiness = { empty: true } | { empty: false; witness: string } | { empty: 'unknown' };

/** Work allowed for one API call, counted in explored product states. */
export class Budget {
  constructor(public remaining = 200_000) {}
  spend(n = 1): boolean {
    this.remaining -= n;
    return this.remaining >= 0;
  }
  get exhausted(): boolean {
    return this.remaining < 0;
  }
}

const END = -100;

/** One union automaton: every glob's positions laid end to end. */
interface Automaton {
  symbols: number[];
  /** Position is the end of a glob. */
  final: boolean[];
  /** From this position every continuation is accepted (only ANY remains). */
  universal: boolean[];
  starts: number[];
}

function automaton(globs: readonly Glob[]): Automaton {
  const a: Automaton = { symbols: [], final: [], universal: [], starts: [] };
  for (const glob of globs) {
    a.starts.push(a.symbols.length);
    const base = a.symbols.length;
    for (const s of glob) {
      a.symbols.push(s);
      a.final.push(false);
      a.universal.push(false);
    }
    a.symbols.push(END);
    a.final.push(true);
    a.universal.push(false);
    // Universal: an ANY followed only by ANYs up to the end.
    let onlyAnyAfter = true;
    for (let i = glob.length - 1; i >= 0; i--) {
      onlyAnyAfter = onlyAnyAfter && glob[i] === ANY;
      a.universal[base + i] = onlyAnyAfter;
    }
  }
  return a;
}

/**
 * Adds the positions an ANY can skip to. Positions are sorted and distinct, and the
 * successors of a position form a run up to the first non-ANY symbol, so one pass
 * keeps the result sorted.
 */
function close(a: Automaton, positions: readonly number[]): number[] {
  const out: number[] = [];
  let reached = -1;
  for (const p of positions) {
    if (p <= reached) continue;
    let q = p;
    out.push(q);
    for (let s = a.symbols[q]; s === ANY || s === ANY_NO_COLON; s = a.symbols[q]) out.push(++q);
    reached = q;
  }
  return out;
}

function step(a: Automaton, positions: readonly number[], c: number): number[] {
  // Each position moves to itself (ANY) or the next one, so the result stays sorted.
  const next: number[] = [];
  for (const p of positions) {
    const s = a.symbols[p] as number;
    let q = -1;
    if (s === END) continue;
    if (s >= 0) q = s === c ? p + 1 : -1;
    else if (s === ONE) q = p + 1;
    else if (s === ONE_NO_COLON) q = c !== COLON ? p + 1 : -1;
    else if (s === ANY) q = p;
    else if (s === ANY_NO_COLON) q = c !== COLON ? p : -1;
    if (q >= 0 && next[next.length - 1] !== q) next.push(q);
  }
  return close(a, next);
}

const PREFERRED_FRESH = [0x78, 0x71, 0x7a, 0x6a, 0x6b, 0x77, 0x30, 0x39]; // x q z j k w 0 9

function alphabet(automata: readonly Automaton[]): number[] {
  const literal = new Set<number>([COLON]);
  for (const a of automata) for (const s of a.symbols) if (s >= 0) literal.add(s);
  let fresh = PREFERRED_FRESH.find((c) => !literal.has(c));
  for (let c = 0x4e00; fresh === undefined; c++) if (!literal.has(c)) fresh = c;
  // The fresh character first: witnesses then fill wildcards with 'x'.
  return [fresh, ...[...literal].sort((x, y) => x - y)];
}

interface Node {
  sets: number[][];
  parent: number;
  char: number;
}

export function emptiness(positive: readonly (readonly Glob[])[], negative: readonly (readonly Glob[])[], budget: Budget): Emptiness {
  if (positive.some((g) => g.length === 0)) return { empty: true };
  const groups = [...positive, ...negative].map(automaton);
  const negativeFrom = positive.length;
  const chars = alphabet(groups);

  const dead = (sets: number[][]): boolean =>
    sets.some((set, g) => (g < negativeFrom ? set.length === 0 : set.some((p) => groups[g]?.universal[p] === true)));
  const goal = (sets: number[][]): boolean =>
    sets.every((set, g) => {
      const accepting = set.some((p) => groups[g]?.final[p] === true);
      return g < negativeFrom ? accepting : !accepting;
    });

  const start = groups.map((a) => close(a, [...a.starts].sort((x, y) => x - y)));
  if (dead(start)) return { empty: true };
  const nodes: Node[] = [{ sets: start, parent: -1, char: -1 }];
  const seen = new Set<string>([key(start)]);
  for (let head = 0; head < nodes.length; head++) {
    if (!budget.spend()) return { empty: 'unknown' };
    const node = nodes[head] as Node;
    if (goal(node.sets)) return { empty: false, witness: witness(nodes, head) };
    for (const c of chars) {
      const sets = node.sets.map((set, g) => step(groups[g] as Automaton, set, c));
      if (dead(sets)) continue;
      const k = key(sets);
      if (seen.has(k)) continue;
      seen.add(k);
      nodes.push({ sets, parent: head, char: c });
    }
  }
  return { empty: true };
}

function key(sets: number[][]): string {
  return sets.map((s) => s.join(',')).join('|');
}

function witness(nodes: Node[], at: number): string {
  const chars: number[] = [];
  for (let i = at; i > 0; i = (nodes[i] as Node).parent) chars.push((nodes[i] as Node).char);
  return fromCodePoints(chars.reverse());
}
