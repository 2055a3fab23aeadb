/**
 * The bundled features on the seed estate, end to end (`crossgate run`: TypeScript
 * loading, the embedded AWS, every layer's checks, all reports), against the
 * framework's own floor: the same command with cucumber-js's --dry-run, which loads
 * the same code and features, matches every step and writes the same reports, but
 * runs nothing. Rounds alternate between the two; medians of wall time (and CPU
 * time, which other load on the machine does not inflate).
 */
import { join } from 'node:path';
import { scratchDir, timedCrossgate, type TimedRun } from './processes.ts';
import { median, type Bench } from './support.ts';

function check(run: TimedRun, what: string): TimedRun {
  if (run.exitCode !== 0) throw new Error(`${what} exited ${run.exitCode}:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`);
  return run;
}

const bench: Bench = {
  name: 'seed suite vs cucumber-js --dry-run (the floor)',
  async run({ quick, log }) {
    const rounds = quick ? 2 : 5;
    const dir = scratchDir('suite');
    const full: TimedRun[] = [];
    const dry: TimedRun[] = [];
    for (let r = 0; r <= rounds; r++) {
      const f = check(await timedCrossgate(['run', '--reports', join(dir, `full-${r}`)]), 'crossgate run');
      const d = check(await timedCrossgate(['run', '--reports', join(dir, `dry-${r}`), '--', '--dry-run']), 'crossgate run -- --dry-run');
      if (r === 0) continue; // warm-up: tsx's transpile cache, the OS's file cache
      full.push(f);
      dry.push(d);
    }
    const ms = (xs: number[]) => xs.map((x) => `${(x / 1000).toFixed(2)}s`).join(' ');
    log(`suite wall: ${ms(full.map((x) => x.wallMs))}; dry run wall: ${ms(dry.map((x) => x.wallMs))}`);
    log(`suite CPU: ${ms(full.map((x) => x.cpuMs))}; dry run CPU: ${ms(dry.map((x) => x.cpuMs))}`);
    const scenarios = /(\d+) scenarios? \(/.exec(full[0]!.stdout)?.[1] ?? '?';
    log(`${scenarios} scenarios; the ratio is floor / suite (1 would be a suite that costs nothing beyond loading)`);
    // Rounds pair a run with a dry run back to back: the median of the per-round ratios.
    const entry = (name: string, of: (r: TimedRun) => number) => ({
      name, unit: 'ms', crossgate: median(full.map(of)), baseline: median(dry.map(of)), ratio: median(full.map((f, i) => of(dry[i]!) / of(f))),
    });
    return [entry('suite.seed.wallTime', (r) => r.wallMs), entry('suite.seed.cpuTime', (r) => r.cpuMs)];
  },
};

export default bench;
