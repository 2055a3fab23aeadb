/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command line),
 * prints what each measures, and merges their entries into reports/bench.json.
 * Add a benchmark: a file bench/<name>.bench.ts default-exporting a Bench.
 *
 *   npm run bench                 all benchmarks
 *   npm run bench -- policy       only bench/policy.bench.ts
 *   npm run bench -- --quick      fewer rounds, sampled baselines
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatRate, REPORT, writeEntries, type Bench, type BenchEntry } from './support.ts';

// Node.js 20 is crossgate's runtime; the SDK's notice about later versions is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.filter((a) => !a.startsWith('--'));
const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.bench\.ts$/, '')))
  .sort();

if (files.length === 0) {
  console.error(`no benchmark matches ${only.join(', ')}`);
  process.exit(2);
}

const all: BenchEntry[] = [];
let failed = false;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: Bench };
  const bench = mod.default;
  console.log(`\n== ${bench.name} (${file})`);
  try {
    const entries = await bench.run({ quick, log: (line) => console.log(`   ${line}`) });
    for (const e of entries) {
      console.log(`   ${e.name}: crossgate ${formatRate(e.crossgate)} ${e.unit}, baseline ${formatRate(e.baseline)} ${e.unit}, ratio ${e.ratio.toFixed(1)}×`);
    }
    all.push(...entries);
  } catch (err) {
    failed = true;
    console.error(`   FAILED: ${(err as Error).stack ?? String(err)}`);
  }
}
if (all.length > 0) {
  writeEntries(all);
  console.log(`\nwrote ${all.length} entr${all.length === 1 ? 'y' : 'ies'} to ${REPORT}`);
}
process.exit(failed ? 1 : 0);
