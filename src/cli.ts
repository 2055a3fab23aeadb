/**
 * crossgate's command line: `run` the features, `serve` the embedded AWS, `report merge`
 * sharded compliance reports.
 * Exit codes: 0 all passed, 1 a check (control) failed, 2 a usage or configuration error,
 * 130 interrupted (SIGINT/SIGTERM; the reports written are partial and say so).
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG_FILE, loadConfig } from './config/load.ts';
import { interruption, watchInterrupts } from './util/interrupt.ts';
import { redact, redactError } from './secrets/redact.ts';
import { UserError } from './util/userError.ts';
import { parseShard } from './cli/shard.ts';
import { completeReports, printRunSummary, type Comparison, type Completed } from './cli/runOutputs.ts';
import { isLoopback } from './util/isLoopback.ts';

const USAGE = `usage:
  crossgate run   [--profile default|aws] [--config FILE] [--reports DIR] [--shard i/n]
                  [--features PATH…] [--controls FILE] [--estate FILE] [--compare-to OLD.json [--accept FILE]]
                  [-- cucumber-js options…]
  crossgate serve [--port 4577] [--host 127.0.0.1] [--estate estates/seed.json] [--faults FILE]
  crossgate steps [--markdown]
  crossgate report merge <compliance.json…> [--out DIR]
  crossgate report formats [--markdown]
  crossgate report diff OLD.json NEW.json [--accept FILE] [--out DIR]
  crossgate report verify DIR [--expect SHA256]
  crossgate report pdf [DIR|compliance.html] [--out FILE]
  crossgate estate generate --accounts N --apis M --routes R --roles K [--seed S] [--out DIR]
  crossgate estate import cloudformation|terraform|aws …
  crossgate init  [--estate estate.json] [--out DIR]`;


/**
 * The environment Cucumber runs in and forks its --parallel workers with: the workers
 * load TypeScript (steps, support, formatters) through tsx, like this process.
 */
function workerEnvironment(): NodeJS.ProcessEnv {
  const tsx = `--import ${import.meta.resolve('tsx')}`;
  const current = process.env.NODE_OPTIONS ?? '';
  return { ...process.env, NODE_OPTIONS: current.includes(tsx) ? current : `${current} ${tsx}`.trim() };
}

async function run(args: string[]): Promise<number> {
  const dashdash = args.indexOf('--');
  const own = dashdash === -1 ? args : args.slice(0, dashdash);
  const passthrough = dashdash === -1 ? [] : args.slice(dashdash + 1);
  const { values } = parseArgs({
    args: own,
    options: {
      profile: { type: 'string', default: 'default' }, config: { type: 'string' }, reports: { type: 'string', default: 'reports' },
      shard: { type: 'string' }, features: { type: 'string', multiple: true }, controls: { type: 'string' }, estate: { type: 'string' },
      'compare-to': { type: 'string' }, accept: { type: 'string' },
    },
  });
  // --estate replaces the config's estate file, for this run and its workers (CROSSGATE_ESTATE).
  if (values.estate !== undefined) process.env.CROSSGATE_ESTATE = resolvePath(values.estate);
  // A report to compare with, and the accepted new access, are read before any scenario runs.
  if (values.accept !== undefined && values['compare-to'] === undefined) throw new UserError('--accept goes with --compare-to OLD.json');
  const compare = values['compare-to'] === undefined ? undefined : await readComparison(values['compare-to'], values.accept);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  const profile = values.profile!;
  const { PROFILES } = await import('./cli/profiles.ts');
  const configFile = values.config ?? PROFILES[profile] ?? DEFAULT_CONFIG_FILE;
  const config = loadConfig(configFile); // fail early, with the file and JSON path, before any scenario runs
  if (config.estateFile) (await import('./emulator/index.ts')).loadEstate(config.estateFile); // and so does a broken estate file
  const { faultPlanFromEnv } = await import('./checks/harness.ts');
  if (faultPlanFromEnv() && config.target === 'aws') throw new UserError('CROSSGATE_FAULTS injects faults into the embedded AWS; this run targets real AWS');
  const reportsDir = values.reports!;
  mkdirSync(reportsDir, { recursive: true });

  const { loadConfiguration, runCucumber } = await import('@cucumber/cucumber/api');
  const { COMPILED, cucumberSources, DEFAULT_FEATURE_PATHS, needsTypeScript } = await import('./cli/profiles.ts');
  const sources = cucumberSources(profile);
  const { runConfiguration } = await loadConfiguration({
    file: sources.file,
    profiles: sources.profiles,
    provided: [...sources.argv, ...passthrough, '--world-parameters', JSON.stringify({ config: configFile })],
  });
  if (runConfiguration.sources.paths.length === 0) runConfiguration.sources.paths = DEFAULT_FEATURE_PATHS;
  const typescript = needsTypeScript(runConfiguration.support.importPaths ?? []);
  if (typescript) (await import('tsx/esm/api')).register();
  // The profile names report files under reports/; --reports moves them (sharded CI jobs, tests).
  // They are written into a private staging folder first and moved into place when the run ends,
  // each file by one rename: two runs sharing a reports folder never interleave their writes.
  const reportsRoot = reportsDir.replace(/\/$/, '') || '.';
  const staging = mkdtempSync(join(reportsRoot, '.crossgate-run-'));
  const finalFiles: Record<string, string> = {};
  const stagedFiles: Record<string, string> = {};
  for (const [path, formatter] of Object.entries(runConfiguration.formats.files)) {
    const inReports = /^(?:\.\/)?reports\/(.+)$/.exec(path);
    if (inReports) {
      stagedFiles[join(staging, inReports[1]!)] = formatter;
      finalFiles[join(reportsRoot, inReports[1]!)] = formatter;
    } else {
      stagedFiles[path] = formatter;
      finalFiles[path] = formatter;
    }
  }
  runConfiguration.formats.files = stagedFiles;
  // --features replaces the profile's feature paths (generated estates bring their own).
  if (values.features) runConfiguration.sources.paths = values.features;
  // --shard: this job's share of the scenarios (src/cli/shard.ts), after Cucumber's own filters.
  if (shard) {
    if (runConfiguration.sources.shard) throw new UserError("give crossgate's --shard or cucumber-js's --shard, not both");
    const { SHARD_OPTIONS_KEY } = await import('./cli/shardPlugin.ts');
    const plugins = runConfiguration.plugins ?? { specifiers: [], options: {} };
    runConfiguration.plugins = {
      specifiers: [...plugins.specifiers, new URL(COMPILED ? './cli/shardPlugin.js' : './cli/shardPlugin.ts', import.meta.url).href],
      options: { ...plugins.options, [SHARD_OPTIONS_KEY]: { shard: `${shard.index}/${shard.total}` } },
    };
  }
  // The compliance formatter records which config and profile the run used.
  const formatOptions = runConfiguration.formats.options as Record<string, unknown>;
  formatOptions.compliance = { ...(formatOptions.compliance as object | undefined), config: configFile, profile, ...(values.controls ? { controls: values.controls } : {}) };
  const startedAt = Date.now();
  const undefinedSteps = new Set<string>();
  const stepTexts = new Map<string, string>();
  watchInterrupts();
  let success: boolean;
  let completed: Completed = { problems: [] };
  try {
    ({ success } = await runCucumber(runConfiguration, { env: typescript ? workerEnvironment() : process.env }, (envelope) => {
      for (const s of envelope.pickle?.steps ?? []) stepTexts.set(s.id, s.text);
      const tc = envelope.testCase;
      if (tc) for (const ts of tc.testSteps) if (ts.pickleStepId && ts.stepDefinitionIds?.length === 0) undefinedSteps.add(stepTexts.get(ts.pickleStepId) ?? '');
    }));
  } finally {
    completed = completeReports(staging, complianceTarget(stagedFiles), compare);
    publishReports(staging, reportsRoot);
  }
  if (undefinedSteps.size > 0) await suggestSteps([...undefinedSteps], profile);
  printRunSummary(complianceTarget(finalFiles), startedAt, completed);
  const why = interruption();
  if (why) {
    process.stderr.write(`crossgate: the run was ${why}: its reports in ${reportsRoot} are partial and say so\n`);
    return 130;
  }
  if (completed.drift?.widened) return 1;
  return success ? 0 : 1;
}

/** The file the compliance formatter writes, among a run's report files. */
function complianceTarget(files: Record<string, string>): string | undefined {
  return Object.entries(files).find(([, formatter]) => formatter.includes('complianceFormatter'))?.[0];
}

async function readComparison(file: string, acceptFile: string | undefined): Promise<Comparison> {
  const { readReport } = await import('./report/merge.ts');
  const { readAcceptFile } = await import('./report/driftFiles.ts');
  return { file, report: readReport(file), ...(acceptFile ? { accept: readAcceptFile(acceptFile) } : {}) };
}

/** Move every file of the staging folder to the same place under the reports folder (one rename each). */
function publishReports(staging: string, reportsRoot: string): void {
  const move = (from: string, to: string) => {
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      const src = join(from, entry.name);
      const dst = join(to, entry.name);
      if (entry.isDirectory()) {
        mkdirSync(dst, { recursive: true });
        move(src, dst);
      } else {
        renameSync(src, dst);
      }
    }
  };
  move(staging, reportsRoot);
  rmSync(staging, { recursive: true, force: true });
}

/** For each undefined step, the closest patterns crossgate has (Cucumber prints the snippet). */
async function suggestSteps(texts: string[], profile: string): Promise<void> {
  const { loadCatalogue } = await import('./cli/steps.ts');
  const { closestPatterns } = await import('./cli/suggest.ts');
  const { entries } = await loadCatalogue(profile);
  const patterns = entries.map((e) => e.pattern);
  for (const text of texts) {
    process.stderr.write(`\nUndefined step: "${text}". Closest crossgate steps:\n`);
    for (const p of closestPatterns(text, patterns)) process.stderr.write(`  ${p}\n`);
  }
  process.stderr.write('All steps: npx crossgate steps (or docs/steps.md)\n');
}

async function steps(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { markdown: { type: 'boolean', default: false }, profile: { type: 'string', default: 'default' } } });
  const { loadCatalogue, renderMarkdown, renderText } = await import('./cli/steps.ts');
  const { entries, undocumented } = await loadCatalogue(values.profile);
  process.stdout.write(values.markdown ? renderMarkdown(entries) : renderText(entries));
  for (const p of undocumented) process.stderr.write(`note: step '${p}' is not defined through step() and has no description\n`);
  return 0;
}

/** `baseline write`: record each role's permission policies as CheckNoNewAccess's baseline. */
async function baseline(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb !== 'write') throw new UserError(`unknown baseline command '${verb ?? ''}' (try: crossgate baseline write)`);
  const { values } = parseArgs({ args: rest, options: { config: { type: 'string', default: DEFAULT_CONFIG_FILE }, role: { type: 'string', multiple: true } } });
  const { startHarness } = await import('./checks/harness.ts');
  const { writeBaseline } = await import('./checks/analyzer.ts');
  const harness = await startHarness(values.config!);
  try {
    const roles = values.role ?? Object.keys(harness.config.roles);
    for (const role of roles) process.stdout.write(`wrote ${await writeBaseline(harness, role)}\n`);
  } finally {
    await harness.close();
  }
  return 0;
}

/** crossgate's own port: not LocalStack's 4566, so the two can run side by side. */
const DEFAULT_PORT = 4577;

async function serve(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: String(DEFAULT_PORT) }, host: { type: 'string', default: '127.0.0.1' }, estate: { type: 'string' },
      world: { type: 'string' }, faults: { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port: '${values.port}' is not a port number`);
  const host = values.host!;
  if (values.world !== undefined) deprecated('--world', '--estate');
  const { loadEstate, startEmulator } = await import('./emulator/index.ts');
  const { loadFaultPlan } = await import('./emulator/faults.ts');
  const state = loadEstate(values.estate ?? values.world ?? 'estates/seed.json');
  const faults = values.faults === undefined ? undefined : loadFaultPlan(values.faults, '--faults');
  if (!isLoopback(host)) {
    process.stderr.write(
      `WARNING: the embedded AWS is listening on ${host}, not on loopback. Its users' access keys are published in\n` +
      `crossgate's documentation: anyone who can reach this address can act as them. Use --host 127.0.0.1 unless you mean it.\n`,
    );
  }
  let emulator;
  try {
    emulator = await startEmulator({
      state, host, port, faults,
      onFault: (e) => process.stderr.write(`crossgate: fault injected: ${e.fault} on ${e.service} ${e.operation} (call ${e.call})\n`),
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') throw new UserError(`cannot listen on ${host}:${port}: ${code}`);
    throw err;
  }
  process.stdout.write(`crossgate embedded AWS listening on ${emulator.url}\n`);
  if (faults) process.stderr.write(`crossgate: injecting faults (${faults.faults.length} rule${faults.faults.length === 1 ? '' : 's'}) from ${values.faults}: answers are deliberately wrong\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void emulator.close().then(() => {
        process.stdout.write(`crossgate embedded AWS stopped (${signal})\n`);
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

/** Old names keep working for one release, with a line saying what replaces them. */
function deprecated(old: string, replacement: string): void {
  process.stderr.write(`crossgate: ${old} is deprecated and will be removed in the next release; use ${replacement}\n`);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await run(rest);
      case 'serve':
        return await serve(rest);
      case 'steps':
        return await steps(rest);
      case 'baseline':
        return await baseline(rest);
      case 'init': {
        const { init } = await import('./cli/init.ts');
        return await init(rest);
      }
      case 'report': {
        const { report } = await import('./cli/report.ts');
        return await report(rest);
      }
      case 'world':
      case 'estate': {
        if (command === 'world') deprecated("'crossgate world'", "'crossgate estate'");
        const { estate } = await import('./cli/estate.ts');
        return await estate(rest);
      }
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UserError(`unknown command '${command}'\n${USAGE}`);
    }
  } catch (err) {
    if (err instanceof UserError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`crossgate: ${redact((err as Error).message)}\n`);
      return 2;
    }
    throw redactError(err);
  }
}
