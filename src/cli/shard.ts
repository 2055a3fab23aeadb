/**
 * `crossgate run --shard i/n`: a deterministic partition of a run's scenarios for CI
 * matrix jobs. Every job sees the same scenarios (same features, same tag filter),
 * orders them by a hash of what each scenario is (its file, name, steps and their
 * arguments: not its line, not the order of the files) and takes every n-th one.
 * So the shards are disjoint, together they are the whole run, and their sizes
 * differ by at most one.
 */
import { UserError } from '../util/userError.ts';

export interface Shard {
  /** 1-based. */
  index: number;
  total: number;
}

export function parseShard(spec: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  const index = m ? Number(m[1]) : NaN;
  const total = m ? Number(m[2]) : NaN;
  if (!m || total < 1 || index < 1 || index > total) throw new UserError(`--shard: '${spec}' is not <index>/<total> with 1 ≤ index ≤ total (e.g. 1/3)`);
  return { index, total };
}

/** What a scenario is, for sharding: stable across machines, line moves and file order. */
export interface ShardableScenario {
  uri: string;
  name: string;
  steps: { text: string; argument?: unknown }[];
}

export function scenarioKey(s: ShardableScenario): string {
  return JSON.stringify([s.uri.replace(/\\/g, '/'), s.name, s.steps.map((x) => [x.text, x.argument ?? null])]);
}

/** FNV-1a, 32 bits: cheap, and the same everywhere. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The items of shard `index` of `total`, in their original order. */
export function selectShard<T>(items: readonly T[], keyOf: (item: T) => string, shard: Shard): T[] {
  const seen = new Map<string, number>();
  const keyed = items.map((item, position) => {
    const base = keyOf(item);
    // Identical scenarios (same file, name and steps) are told apart by their order of appearance.
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    const key = n === 0 ? base : `${base}#${n}`;
    return { item, position, key, h: hash32(key) };
  });
  const ranked = [...keyed].sort((a, b) => a.h - b.h || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const chosen = new Set(ranked.filter((_, rank) => rank % shard.total === shard.index - 1).map((k) => k.position));
  return keyed.filter((k) => chosen.has(k.position)).map((k) => k.item);
}
