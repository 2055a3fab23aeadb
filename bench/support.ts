/**
 * What every benchmark shares: the entry shape of reports/bench.json, timing by
 * rounds with a median, and merging entries into the report.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One line of reports/bench.json; ratio > 1 means crossgate is better. */
export interface BenchEntry {
  name: string;
  unit: string;
  crossgate: number;
  baseline: number;
  ratio: number;
}

export interface BenchOptions {
  /** Fewer rounds and a sample of the baseline's work, for a fast look. */
  quick: boolean;
  log: (line: string) => void;
}

/** A benchmark module: bench/<name>.bench.ts default-exports one of these. */
export interface Bench {
  name: string;
  run(options: BenchOptions): Promise<BenchEntry[]>;
}

export const REPORT = join(import.meta.dirname, '..', 'reports', 'bench.json');

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Runs `round` (which returns the units of work it did) `warmup + rounds` times;
 * the median rate of the timed rounds, per second of this process's CPU time
 * (user + system), so that other load on the machine does not count against it.
 */
export function ratePerSecond(round: () => number, rounds: number, warmup = 1): { rate: number; rates: number[] } {
  for (let i = 0; i < warmup; i++) round();
  const rates: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const before = process.cpuUsage();
    const work = round();
    const used = process.cpuUsage(before);
    rates.push(work / ((used.user + used.system) / 1e6));
  }
  return { rate: median(rates), rates };
}

/** reports/bench.json as it stands ([] when absent or unreadable: a bench run rewrites it). */
export function readReport(file = REPORT): unknown {
  if (!existsSync(file)) return [];
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
}

/** Merges entries into reports/bench.json by name (a list of entries; an { entries } object is kept as such). */
export function writeEntries(entries: readonly BenchEntry[], file = REPORT): void {
  const existing = readReport(file);
  const wrapped = !Array.isArray(existing) && typeof existing === 'object' && existing !== null && Array.isArray((existing as { entries?: unknown }).entries);
  const list: BenchEntry[] = Array.isArray(existing) ? (existing as BenchEntry[]) : wrapped ? (existing as { entries: BenchEntry[] }).entries : [];
  const byName = new Map(list.map((e) => [e.name, e]));
  for (const e of entries) byName.set(e.name, e);
  const merged = [...byName.values()];
  mkdirSync(dirname(file), { recursive: true });
  const out = wrapped ? { ...(existing as object), entries: merged } : merged;
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
}

export function formatRate(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(0);
}
