/**
 * What a user waits for before anything is checked, against the floor of each:
 * - `crossgate --version` against `node -e 0` (the process alone);
 * - `crossgate run` on the seed (the bundled features, every layer, all reports) against a
 *   bare cucumber-js run of one empty scenario with the same formatters (Cucumber alone).
 * Both run from the compiled package when dist/ is current (as an installed crossgate
 * does). Rounds alternate; the ratio is the median over rounds of floor / crossgate,
 * so 1 would be a crossgate that costs nothing beyond its floor.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, scratchDir, timedCrossgate, timedNode, type TimedRun } from './processes.ts';
import { median, type Bench, type BenchEntry } from './support.ts';

function check(run: TimedRun, what: string): TimedRun {
  if (run.exitCode !== 0) throw new Error(`${what} exited ${run.exitCode}:\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
  return run;
}

function entry(name: string, crossgate: TimedRun[], floor: TimedRun[]): BenchEntry {
  return {
    name, unit: 'ms',
    crossgate: median(crossgate.map((r) => r.wallMs)),
    baseline: median(floor.map((r) => r.wallMs)),
    ratio: median(crossgate.map((c, i) => floor[i]!.wallMs / c.wallMs)),
  };
}

const bench: Bench = {
  name: 'start-up: crossgate --version vs node -e 0; crossgate run on the seed vs cucumber-js on one empty scenario',
  async run({ quick, log }) {
    const rounds = quick ? 3 : 7;
    const dir = scratchDir('startup');
    // The floor of a run: cucumber-js itself, one empty scenario, the formatters crossgate's profile uses.
    const empty = join(dir, 'empty');
    mkdirSync(join(empty, 'features'), { recursive: true });
    writeFileSync(join(empty, 'features', 'empty.feature'), 'Feature: empty\n  Scenario: nothing\n');
    const cucumber = join(REPO, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
    const bare = (r: number) => [cucumber, '--format', 'progress', '--format', `html:${join(dir, `bare-${r}`, 'cucumber.html')}`,
      '--format', `junit:${join(dir, `bare-${r}`, 'junit.xml')}`, '--format', `message:${join(dir, `bare-${r}`, 'messages.ndjson')}`];

    const version: TimedRun[] = [];
    const node: TimedRun[] = [];
    const run: TimedRun[] = [];
    const floor: TimedRun[] = [];
    for (let r = 0; r <= rounds; r++) {
      const v = check(await timedCrossgate(['--version']), 'crossgate --version');
      const n = check(await timedNode(['-e', '0']), 'node -e 0');
      const c = check(await timedCrossgate(['run', '--reports', join(dir, `run-${r}`)]), 'crossgate run');
      const b = check(await timedNode(bare(r), { cwd: empty }), 'cucumber-js on one empty scenario');
      if (r === 0) continue; // warm-up: the OS's file cache
      version.push(v);
      node.push(n);
      run.push(c);
      floor.push(b);
    }
    const ms = (xs: TimedRun[]) => xs.map((x) => `${x.wallMs.toFixed(0)}`).join(' ');
    log(`crossgate --version: ${ms(version)} ms; node -e 0: ${ms(node)} ms (target: within 2×, ratio ≥ 0.5)`);
    log(`crossgate run (seed): ${ms(run)} ms; cucumber-js, one empty scenario: ${ms(floor)} ms (target: within 1.5×, ratio ≥ 0.67)`);
    return [entry('startup.version', version, node), entry('startup.run.seed', run, floor)];
  },
};

export default bench;
