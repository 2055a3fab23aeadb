/**
 * How cost grows with the estate, on generated estates (`crossgate estate generate`):
 *
 * - suite: the generated features (every layer, every role × route) at 1×, 10× and
 *   100× the seed's routes × roles: wall time, CPU time and peak memory of
 *   `crossgate run`, and the cost per role × route pair;
 * - start-up: the embedded AWS on estates of 100, 1,000 and 10,000 routes: time to
 *   load, listen and answer a first (signed) request, and the heap the state takes;
 * - parallel: the 100× suite alone, with `--parallel 2` where each worker starts its
 *   own embedded AWS (crossgate's default), and with `--parallel 2` on one shared
 *   embedded AWS (`crossgate serve` + CROSSGATE_EMBEDDED_ENDPOINT).
 *
 * The tables go to reports/bench.json (`tables`); the entries compare growth with
 * linear growth (ratio > 1: cost grew slower than the work).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CONFIG_FILE, CONTROLS_FILE, FEATURES_DIR, generateEstate, ESTATE_FILE, writeGenerated, type GenerateOptions } from '../src/estategen/index.ts';
import { routeRequests } from '../src/checks/static/routes.ts';
import { REPO, scratchDir, startEmbedded, timedCrossgate, type TimedRun } from './processes.ts';
import type { Bench, BenchEntry } from './support.ts';
import { formatTable, writeTable, type Row } from './tables.ts';

/** The seed: one API with 5 routes, 2 roles (10 pairs); the scales multiply routes × roles. */
export const SCALES: { scale: string; options: GenerateOptions }[] = [
  { scale: '1×', options: { accounts: 3, apis: 1, routes: 5, roles: 2, seed: 'bench' } },
  { scale: '10×', options: { accounts: 3, apis: 1, routes: 20, roles: 5, seed: 'bench' } },
  { scale: '100×', options: { accounts: 3, apis: 1, routes: 50, roles: 20, seed: 'bench' } },
];

const STARTUP: GenerateOptions[] = [100, 1_000, 10_000].map((routes) => ({ accounts: 12, apis: routes / 50, routes, roles: routes / 10, seed: 'bench' }));

function generate(options: GenerateOptions, dir: string) {
  const generated = generateEstate(options);
  writeGenerated(generated, dir);
  return generated;
}

function runArgs(dir: string, reports: string): string[] {
  return ['run', '--config', join(dir, CONFIG_FILE), '--features', join(dir, FEATURES_DIR), '--controls', join(dir, CONTROLS_FILE), '--reports', reports];
}

function passed(run: TimedRun, what: string): TimedRun {
  if (run.exitCode !== 0) throw new Error(`${what} exited ${run.exitCode}:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`);
  return run;
}

const scenarios = (run: TimedRun) => Number(/(\d+) scenarios? \(/.exec(run.stdout)?.[1] ?? NaN);

const bench: Bench = {
  name: 'scaling: generated estates at 1×, 10×, 100× the seed',
  async run({ quick, log }) {
    const root = scratchDir('scaling');
    const entries: BenchEntry[] = [];

    // Suite time and memory by scale.
    const suiteRows: Row[] = [];
    const runs: { pairs: number; run: TimedRun }[] = [];
    for (const { scale, options } of SCALES) {
      const dir = join(root, scale);
      generate(options, dir);
      const pairs = options.routes * options.roles;
      const run = passed(await timedCrossgate(runArgs(dir, join(dir, 'reports'))), `the ${scale} suite`);
      runs.push({ pairs, run });
      suiteRows.push({
        scale, routes: options.routes, roles: options.roles, pairs, scenarios: scenarios(run),
        wallS: run.wallMs / 1000, cpuS: run.cpuMs / 1000, peakRssMb: run.maxRssMb,
      });
    }
    // Growth beyond the fixed cost of starting: the marginal CPU per pair from 1× to 10× and from 10× to 100×.
    const [a, b, c] = runs as [(typeof runs)[0], (typeof runs)[0], (typeof runs)[0]];
    const marginal1 = (b.run.cpuMs - a.run.cpuMs) / (b.pairs - a.pairs);
    const marginal2 = (c.run.cpuMs - b.run.cpuMs) / (c.pairs - b.pairs);
    for (const r of suiteRows) r.cpuMsPerPair = (r.cpuS as number) * 1000 / (r.pairs as number);
    log('suite by scale (CPU covers every process of the run):');
    for (const line of formatTable(suiteRows)) log(`  ${line}`);
    log(`marginal CPU per role × route pair: ${marginal1.toFixed(1)} ms (1×→10×), ${marginal2.toFixed(1)} ms (10×→100×)`);
    writeTable('scaling', suiteRows);
    const linear = a.run.cpuMs * (c.pairs / a.pairs);
    entries.push({ name: 'scaling.suite.cpu100xVsLinear', unit: 'ms', crossgate: c.run.cpuMs, baseline: linear, ratio: linear / c.run.cpuMs });
    entries.push({ name: 'scaling.suite.marginalCpuPerPair', unit: 'ms/pair', crossgate: marginal2, baseline: marginal1, ratio: marginal1 / marginal2 });

    // Start-up of the embedded AWS by estate size.
    const startupRows: Row[] = [];
    for (const options of quick ? STARTUP.slice(0, 2) : STARTUP) {
      const dir = join(root, `startup-${options.routes}`);
      const { plan } = generate(options, dir);
      const role = plan.roles.find((r) => r.kind === 'invoker' && !r.externalId)!;
      const ci = plan.principals.find((p) => p.role === 'ci' && p.account === role.caller)!;
      const iamRoute = role.api.routes.find((r) => r.authorizationType === 'AWS_IAM')!;
      const probe = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'probes', 'startup.ts'), join(dir, ESTATE_FILE), role.api.apiId,
        `arn:aws:iam::${role.api.owner.id}:role${role.path}${role.name}`, ci.accessKeyId, ci.secretAccessKey, routeRequests(iamRoute.routeKey)[0]!.path], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
      if (probe.status !== 0) throw new Error(`start-up probe on ${options.routes} routes failed:\n${probe.stderr}`);
      const m = JSON.parse(probe.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
      startupRows.push({
        routes: options.routes, roles: options.roles, accounts: options.accounts,
        loadMs: m.readAndValidateMs! + m.buildStateMs!, listenMs: m.listenMs!, firstAnswerMs: m.firstAnswerMs!, readyMs: m.readyMs!, assumeAndFirstSignedMs: m.firstAssumedAndSignedMs!,
        stateHeapMb: m.stateHeapMb!, rssMb: m.rssMb!,
      });
    }
    log('embedded AWS start-up by estate size (ready = loaded, listening and answered GET /health; then AssumeRole and a signed GET on an AWS_IAM route):');
    for (const line of formatTable(startupRows)) log(`  ${line}`);
    writeTable('startup', startupRows);

    // --parallel 2: a worker's own embedded AWS, or one shared.
    const big = join(root, '100×');
    const parallelRows: Row[] = [{ mode: 'sequential', wallS: c.run.wallMs / 1000, cpuS: c.run.cpuMs / 1000, processes: c.run.processes, sumRssMb: c.run.sumRssMb }];
    if (!quick) {
      const own = passed(await timedCrossgate([...runArgs(big, join(big, 'reports-own')), '--', '--parallel', '2']), '--parallel 2');
      parallelRows.push({ mode: '--parallel 2, one embedded AWS per worker', wallS: own.wallMs / 1000, cpuS: own.cpuMs / 1000, processes: own.processes, sumRssMb: own.sumRssMb });
      const server = await startEmbedded(join(big, ESTATE_FILE));
      try {
        const shared = passed(await timedCrossgate([...runArgs(big, join(big, 'reports-shared')), '--', '--parallel', '2'], { CROSSGATE_EMBEDDED_ENDPOINT: server.url }), '--parallel 2, shared');
        parallelRows.push({ mode: '--parallel 2, one shared embedded AWS (+ its process)', wallS: shared.wallMs / 1000, cpuS: shared.cpuMs / 1000, processes: shared.processes, sumRssMb: shared.sumRssMb });
      } finally {
        await server.stop();
      }
      log('the 100× suite, sequential and with --parallel 2 (CPU and memory of crossgate run\'s own processes):');
      for (const line of formatTable(parallelRows)) log(`  ${line}`);
      writeTable('parallel', parallelRows);
    }
    return entries;
  },
};

export default bench;
