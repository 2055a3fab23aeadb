/**
 * A small seeded PRNG (mulberry32 over an FNV-1a hash of the seed): the same seed
 * gives the same estate on every machine and every Node.js version.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
  /** n characters drawn from the alphabet. */
  chars(alphabet: string, n: number): string;
  /** k distinct indexes of [0, n), in ascending order. */
  sample(n: number, k: number): number[];
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function seededRandom(seed: string | number): Random {
  let a = fnv1a(String(seed));
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[int(xs.length)] as T,
    chars: (alphabet, n) => {
      let out = '';
      for (let i = 0; i < n; i++) out += alphabet[int(alphabet.length)];
      return out;
    },
    sample: (n, k) => {
      // Selection sampling (Knuth's algorithm S): ordered, no duplicates, one pass.
      const out: number[] = [];
      for (let i = 0; i < n && out.length < k; i++) if (int(n - i) < k - out.length) out.push(i);
      return out;
    },
  };
}
