/**
 * `crossgate run`: preflight, then the features, then one verdict.
 *
 * Exit codes: 0 every control of the catalogue ran and passed (or, in a run declared
 * partial, every control that ran passed); 1 a control failed, or a catalogue control
 * did not run in a run not declared partial; 2 a usage or configuration error, found
 * before any scenario runs (flags, tag expression, config, estate, controls,
 * credentials, roles and APIs, undefined steps), or a run that checked nothing;
 * 130 interrupted.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/load.ts';
import type { ResolvedConfig } from '../config/types.ts';
import { loadEstateFile } from '../emulator/index.ts';
import { canonicalJson, fileDigest, sha256 } from '../report/identity.ts';
import { controlIdsOf, DEFAULT_CONTROLS_FILE, loadControlCatalogs } from '../report/controls.ts';
import type { ControlCatalog, PartialReason, RunSelection } from '../report/model.ts';
import { interruption, watchInterrupts } from '../util/interrupt.ts';
import { UserError } from '../util/userError.ts';
import { parseShard, type Shard } from './shard.ts';
import { completeReports, printRunSummary, type Comparison, type Completed } from './runOutputs.ts';
import { firstLine, namesInSteps, renderProblems, unknownNames, type PreflightProblem } from './preflight.ts';

import { RUN_USAGE } from './runUsage.ts';

export { RUN_USAGE };

function workerEnvironment(): NodeJS.ProcessEnv {
  const tsx = `--import ${import.meta.resolve('tsx')}`;
  const current = process.env.NODE_OPTIONS ?? '';
  return { ...process.env, NODE_OPTIONS: current.includes(tsx) ? current : `${current} ${tsx}`.trim() };
}

const isGlob = (p: string) => /[*?[\]{}]/.test(p);

/** The profiles a user may name: the project's Cucumber file's, else the built-in ones. */
function profilesOf(file: string | undefined, builtIn: string[]): string[] {
  if (!file) return builtIn;
  try {
    return file.endsWith('.json') ? Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object) : [];
  } catch {
    return [];
  }
}

interface Planned {
  pickles: Map<string, { name: string; uri: string; line?: number; tags: string[]; steps: { id: string; text: string; table?: string[][] }[] }>;
  /** Pickle ids that have a test case: the scenarios the run would execute. */
  planned: Set<string>;
  undefinedSteps: { pickleId: string; text: string }[];
  ambiguousSteps: { pickleId: string; text: string }[];
  parseErrors: string[];
}

const devNull = () => new Writable({ write: (_c, _e, cb) => cb() });

export async function run(args: string[]): Promise<number> {
  const dashdash = args.indexOf('--');
  const own = dashdash === -1 ? args : args.slice(0, dashdash);
  const passthrough = dashdash === -1 ? [] : args.slice(dashdash + 1);
  const { values, positionals } = parseArgs({
    args: own,
    allowPositionals: true,
    options: {
      profile: { type: 'string', default: 'default' }, config: { type: 'string' }, estate: { type: 'string' }, reports: { type: 'string', default: 'reports' },
      shard: { type: 'string' }, features: { type: 'string', multiple: true }, controls: { type: 'string', multiple: true },
      tags: { type: 'string', multiple: true }, name: { type: 'string', multiple: true }, partial: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false }, 'fail-fast': { type: 'boolean', default: false }, parallel: { type: 'string' }, retry: { type: 'string' },
      'compare-to': { type: 'string' }, accept: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${RUN_USAGE}\n`);
    return 0;
  }
  watchInterrupts();
  const problems: PreflightProblem[] = [];
  const profile = values.profile!;
  // A report to compare with, and the accepted new access, are read before any scenario runs.
  let compare: Comparison | undefined;
  if (values.accept !== undefined && values['compare-to'] === undefined) problems.push({ problem: '--accept without --compare-to', fix: '--accept goes with --compare-to OLD.json' });
  else if (values['compare-to'] !== undefined) {
    try {
      compare = await readComparison(values['compare-to'], values.accept);
    } catch (err) {
      problems.push({ problem: `--compare-to: ${firstLine(err)}`, fix: 'name a compliance.json of an earlier run (and an accept file that exists)' });
    }
  }
  let shard: Shard | undefined;
  try {
    shard = values.shard === undefined ? undefined : parseShard(values.shard);
  } catch (err) {
    problems.push({ problem: firstLine(err), fix: 'give --shard as <index>/<total>, e.g. --shard 1/3' });
  }
  const { COMPILED, cucumberSources, DEFAULT_FEATURE_PATHS, needsTypeScript, PROFILES, projectCucumberFile } = await import('./profiles.ts');
  const configFile = values.config ?? PROFILES[profile] ?? 'crossgate.config.json';
  // --estate replaces the config's estate file, for this run and its workers (CROSSGATE_ESTATE).
  if (values.estate !== undefined) process.env.CROSSGATE_ESTATE = resolvePath(values.estate);

  // Cucumber's own options: those crossgate takes without '--', then the passthrough.
  const provided: string[] = [];
  for (const t of values.tags ?? []) provided.push('--tags', t);
  for (const n of values.name ?? []) provided.push('--name', n);
  if (values['dry-run']) provided.push('--dry-run');
  if (values['fail-fast']) provided.push('--fail-fast');
  if (values.parallel !== undefined) provided.push('--parallel', values.parallel);
  if (values.retry !== undefined) provided.push('--retry', values.retry);
  provided.push(...passthrough, '--world-parameters', JSON.stringify({ config: configFile }));

  const { loadConfiguration, runCucumber } = await import('@cucumber/cucumber/api');
  let runConfiguration: Awaited<ReturnType<typeof loadConfiguration>>['runConfiguration'] | undefined;
  try {
    const sources = cucumberSources(profile);
    ({ runConfiguration } = await withoutExit(() => loadConfiguration({ file: sources.file, profiles: sources.profiles, provided: [...sources.argv, ...provided] })));
    if (runConfiguration.sources.paths.length === 0) runConfiguration.sources.paths = DEFAULT_FEATURE_PATHS;
  } catch (err) {
    const message = firstLine(err).replace(/^crossgate: /, '');
    if (/profile/i.test(message)) problems.push({ problem: `--profile ${profile}: ${message}`, fix: `use one of the profiles: ${profilesOf(projectCucumberFile(), Object.keys(PROFILES)).join(', ') || '(none found)'}` });
    else problems.push({ problem: `cucumber-js options (${passthrough.join(' ') || provided.slice(0, -2).join(' ')}): ${message}`, fix: 'see npx cucumber-js --help for its options; crossgate run --help for the ones crossgate takes itself' });
  }
  const typescript = runConfiguration ? needsTypeScript(runConfiguration.support.importPaths ?? []) : false;
  if (typescript) (await import('tsx/esm/api')).register();
  const env = typescript ? workerEnvironment() : process.env;

  // Feature paths: positional and --features replace the profile's (and make the run partial).
  const givenPaths = [...(values.features ?? []), ...positionals];
  for (const p of givenPaths) {
    if (!isGlob(p) && !existsSync(p)) problems.push({ problem: `feature path ${p} does not exist`, fix: 'give a .feature file or a folder of them (e.g. features/trust.feature)' });
  }
  if (runConfiguration && givenPaths.length > 0) runConfiguration.sources.paths = givenPaths;

  if (runConfiguration) {
    const tagExpression = runConfiguration.sources.tagExpression;
    if (tagExpression) {
      const { default: parseTags } = await import('@cucumber/tag-expressions');
      try {
        parseTags(tagExpression);
      } catch (err) {
        problems.push({ problem: `--tags '${tagExpression}' is not a tag expression: ${firstLine(err)}`, fix: "write it as Cucumber does, e.g. '@static and not @e2e', '(@analyzer or @simulation)'" });
      }
    }
    if (runConfiguration.sources.shard && shard) problems.push({ problem: "both crossgate's --shard and cucumber-js's --shard were given", fix: 'give one, not both' });
  }

  let config: ResolvedConfig | undefined;
  try {
    config = loadConfig(configFile);
    if (config.estateFile) loadEstateFile(config.estateFile);
  } catch (err) {
    const missing = !existsSync(configFile);
    problems.push({
      problem: (err as Error).message,
      fix: missing ? `create ${configFile} (see crossgate.config.json, crossgate.aws.example.json), or give --config FILE` : 'correct the file at the JSON path named above',
    });
  }
  const { faultPlanFromEnv } = await import('../checks/harness.ts');
  try {
    if (faultPlanFromEnv() && config?.target === 'aws') problems.push({ problem: 'CROSSGATE_FAULTS injects faults into the embedded AWS; this run targets real AWS', fix: 'unset CROSSGATE_FAULTS' });
  } catch (err) {
    problems.push({ problem: firstLine(err), fix: 'correct CROSSGATE_FAULTS, or unset it' });
  }

  const profileControls = ((runConfiguration?.formats.options as Record<string, { controls?: string | string[] }> | undefined)?.compliance?.controls);
  const controlFiles = values.controls ?? (profileControls === undefined ? [DEFAULT_CONTROLS_FILE] : Array.isArray(profileControls) ? profileControls : [profileControls]);
  let catalog: ControlCatalog = {};
  try {
    catalog = loadControlCatalogs(controlFiles);
  } catch (err) {
    const missing = controlFiles.filter((f) => !existsSync(f));
    problems.push({ problem: `controls: ${(err as Error).message}`, fix: missing.length ? `give an existing controls catalogue (missing: ${missing.join(', ')})` : 'correct the catalogue at the JSON path named above' });
  }

  if (problems.length > 0 || !runConfiguration || !config) {
    process.stderr.write(renderProblems(problems));
    return 2;
  }

  // The plan: Cucumber's own filters (paths, tags, names, its shard) and crossgate's shard,
  // every step matched to its definition, nothing executed.
  if (shard) {
    const { SHARD_OPTIONS_KEY } = await import('./shardPlugin.ts');
    const plugins = runConfiguration.plugins ?? { specifiers: [], options: {} };
    runConfiguration.plugins = {
      specifiers: [...plugins.specifiers, new URL(COMPILED ? './shardPlugin.js' : './shardPlugin.ts', import.meta.url).href],
      options: { ...plugins.options, [SHARD_OPTIONS_KEY]: { shard: `${shard.index}/${shard.total}` } },
    };
  }
  const plan: Planned = { pickles: new Map(), planned: new Set(), undefinedSteps: [], ambiguousSteps: [], parseErrors: [] };
  let support;
  try {
    ({ support } = await runCucumber(
      { ...runConfiguration, runtime: { ...runConfiguration.runtime, dryRun: true, parallel: 0 }, formats: { stdout: 'summary', files: {}, publish: false, options: {} } },
      { stdout: devNull(), stderr: devNull(), env },
      (e) => collectPlan(plan, e as PlanEnvelope),
    ));
  } catch (err) {
    process.stderr.write(renderProblems([{ problem: `the features could not be loaded: ${firstLine(err)}`, fix: 'correct the feature files or step definitions named above' }]));
    return 2;
  }
  for (const e of plan.parseErrors) problems.push({ problem: e, fix: 'correct the Gherkin at that line' });
  if (plan.undefinedSteps.length > 0) problems.push(...(await undefinedStepProblems(plan, profile)));
  for (const a of plan.ambiguousSteps) problems.push({ problem: `${where(plan, a.pickleId)}: the step "${a.text}" matches more than one step definition`, fix: 'reword the step, or remove the duplicate definition' });
  const planned = [...plan.planned].map((id) => plan.pickles.get(id)!).filter(Boolean);
  const selection = selectionOf(runConfiguration.sources, givenPaths, shard, values.partial!, !!runConfiguration.runtime.dryRun);
  const notApplicable = notApplicableControls(catalog, config);
  if (notApplicable.length > 0) selection.notApplicable = notApplicable;
  if (planned.length === 0 && plan.parseErrors.length === 0) {
    problems.push({
      problem: `nothing to check: no scenario matches (paths ${selection.paths.join(', ') || '(none)'}${selection.tags ? `, tags '${selection.tags}'` : ''}${selection.names ? `, names ${selection.names.join(', ')}` : ''})`,
      fix: 'check the spelling of the tags (e.g. @static, @simulation, @analyzer, @e2e, @control:<ID>), the names and the feature paths',
    });
  }
  problems.push(...unknownNames(config, namesInSteps(planned.flatMap((p) => p.steps))));

  // Ask the target what it can answer before a scenario does: who each principal is, whether roles and APIs exist.
  if (problems.length === 0 && !selection.dryRun) {
    const { startHarness } = await import('../checks/harness.ts');
    const { preflightTarget } = await import('../checks/preflight.ts');
    let harness;
    try {
      // The preflight asks the target as configured, without injected faults: they are for the run's checks.
      harness = await startHarness(configFile, { faults: false });
      problems.push(...(await preflightTarget(harness)));
    } catch (err) {
      problems.push({ problem: firstLine(err), fix: err instanceof UserError ? 'correct the configuration named above' : 'check that the target is reachable' });
    } finally {
      await harness?.close();
    }
  }
  if (problems.length > 0) {
    process.stderr.write(renderProblems(problems));
    return 2;
  }
  if (interruption()) {
    process.stderr.write(`crossgate: ${interruption()} before any scenario ran: nothing was checked\n`);
    return 130;
  }

  // The run.
  const reportsDir = values.reports!;
  mkdirSync(reportsDir, { recursive: true });
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
  const formatOptions = runConfiguration.formats.options as Record<string, unknown>;
  formatOptions.compliance = {
    ...(formatOptions.compliance as object | undefined), config: configFile, profile, controls: controlFiles, selection,
    digests: digestsOf(config, catalog),
  };
  // One snippet per undefined step, not Cucumber's every permutation of parameter types.
  formatOptions.snippetSyntax = fileURLToPath(new URL(COMPILED ? './snippetSyntax.js' : './snippetSyntax.ts', import.meta.url));
  const startedAt = Date.now();
  const ran = new Set<string>();
  const ranPlan: Planned = { pickles: new Map(), planned: new Set(), undefinedSteps: [], ambiguousSteps: [], parseErrors: [] };
  watchInterrupts();
  let success: boolean;
  let completed: Completed = { problems: [] };
  try {
    ({ success } = await runCucumber({ ...runConfiguration, support }, { env }, (envelope) => {
      collectPlan(ranPlan, envelope as PlanEnvelope);
      const tc = (envelope as PlanEnvelope).testCase;
      if (tc) ran.add(tc.pickleId);
    }));
  } finally {
    completed = completeReports(staging, complianceTarget(stagedFiles), compare);
    publishReports(staging, reportsRoot);
  }
  printRunSummary(complianceTarget(finalFiles), startedAt, completed);
  const why = interruption();
  if (why) {
    process.stderr.write(`crossgate: the run was ${why}: its reports in ${reportsRoot} are partial and say so\n`);
    return 130;
  }
  if (selection.dryRun) {
    process.stdout.write(`crossgate: DRY RUN: ${ran.size} scenario(s), every step defined; nothing was checked\n`);
    return success ? 0 : 2;
  }
  if (ran.size === 0) {
    process.stderr.write('crossgate: nothing was checked: no scenario ran\n');
    return 2;
  }
  if (!success || completed.drift?.widened) return 1;
  const controlsRun = new Set([...ran].flatMap((id) => controlIdsOf(ranPlan.pickles.get(id)?.tags ?? [])));
  const unchecked = Object.keys(catalog).filter((id) => !controlsRun.has(id) && !notApplicable.includes(id));
  if (unchecked.length > 0 && !selection.partial) {
    process.stderr.write(`crossgate: FAILED: ${unchecked.length} control(s) of the catalogue did not run: ${unchecked.join(', ')} (tag a scenario @control:<ID>, or declare the run --partial)\n`);
    return 1;
  }
  return 0;
}

/**
 * cucumber-js parses its options with commander, which prints and exits the process on
 * an unknown option. Here that is a usage error like any other: thrown, with its message.
 */
async function withoutExit<T>(fn: () => Promise<T>): Promise<T> {
  const exit = process.exit;
  const write = process.stderr.write;
  let said = '';
  process.exit = ((code?: number) => {
    throw Object.assign(new Error(said.trim().replace(/^error: /, '') || `cucumber-js exited (${code ?? 0})`), { name: 'CucumberOptionError' });
  }) as typeof process.exit;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    said += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    return await fn();
  } finally {
    process.exit = exit;
    process.stderr.write = write;
  }
}

interface PlanEnvelope {
  pickle?: { id: string; uri: string; name: string; location?: { line: number }; tags: { name: string }[]; steps: { id: string; text: string; argument?: { dataTable?: { rows: { cells: { value: string }[] }[] } } }[] };
  testCase?: { pickleId: string; testSteps: { pickleStepId?: string; stepDefinitionIds?: string[] }[] };
  parseError?: { source: { uri?: string; location?: { line: number } }; message: string };
}

function collectPlan(plan: Planned, e: PlanEnvelope): void {
  if (e.pickle) {
    plan.pickles.set(e.pickle.id, {
      name: e.pickle.name, uri: e.pickle.uri, line: e.pickle.location?.line, tags: e.pickle.tags.map((t) => t.name),
      steps: e.pickle.steps.map((s) => ({ id: s.id, text: s.text, ...(s.argument?.dataTable ? { table: s.argument.dataTable.rows.map((r) => r.cells.map((c) => c.value)) } : {}) })),
    });
  }
  if (e.parseError) plan.parseErrors.push(`${e.parseError.source.uri ?? '?'}: ${e.parseError.message}`);
  if (e.testCase) {
    plan.planned.add(e.testCase.pickleId);
    const pickle = plan.pickles.get(e.testCase.pickleId);
    for (const ts of e.testCase.testSteps) {
      if (!ts.pickleStepId) continue;
      const text = pickle?.steps.find((s) => s.id === ts.pickleStepId)?.text ?? '';
      if (ts.stepDefinitionIds?.length === 0) plan.undefinedSteps.push({ pickleId: e.testCase.pickleId, text });
      else if ((ts.stepDefinitionIds?.length ?? 0) > 1) plan.ambiguousSteps.push({ pickleId: e.testCase.pickleId, text });
    }
  }
}

function where(plan: Planned, pickleId: string): string {
  const p = plan.pickles.get(pickleId);
  return p ? `${p.uri}${p.line ? `:${p.line}` : ''}` : '?';
}

/** Each undefined step once, with the closest crossgate step first. */
async function undefinedStepProblems(plan: Planned, profile: string): Promise<PreflightProblem[]> {
  const { loadCatalogue } = await import('./steps.ts');
  const { closestPatterns } = await import('./suggest.ts');
  const { entries } = await loadCatalogue(profile);
  const seen = new Set<string>();
  const out: PreflightProblem[] = [];
  for (const u of plan.undefinedSteps) {
    if (seen.has(u.text)) continue;
    seen.add(u.text);
    const [best, ...others] = closestPatterns(u.text, entries.map((e) => `${e.keyword} ${e.pattern}`), 3);
    out.push({
      problem: `${where(plan, u.pickleId)}: no crossgate step matches "${u.text}"`,
      fix: `did you mean: ${best ?? '(no step is close)'}${others.length ? `  (or: ${others.join(' | ')})` : ''}; all steps: npx crossgate steps`,
    });
  }
  return out;
}

/**
 * Controls whose `requires` the estate does not meet: organization controls on an
 * embedded estate without an organization. On real AWS crossgate cannot tell from the
 * config, so an organization control there applies only when a feature runs it.
 */
function notApplicableControls(catalog: ControlCatalog, config: ResolvedConfig): string[] {
  const hasOrganization = config.target === 'embedded' && config.estateFile ? !!loadEstateFile(config.estateFile).organization : false;
  return Object.entries(catalog).filter(([, c]) => c.requires?.includes('organization') && !hasOrganization).map(([id]) => id);
}

function selectionOf(sources: { paths: string[]; tagExpression: string; names: string[]; shard?: string }, givenPaths: string[], shard: Shard | undefined, explicit: boolean, dryRun: boolean): RunSelection {
  const cucumberShard = sources.shard ? parseShard(sources.shard) : undefined;
  const s = shard ?? cucumberShard;
  const because: PartialReason[] = [];
  if (sources.tagExpression) because.push('tags');
  if (sources.names.length > 0) because.push('names');
  if (givenPaths.length > 0) because.push('paths');
  if (s) because.push('shard');
  if (explicit) because.push('explicit');
  return {
    paths: sources.paths,
    ...(sources.tagExpression ? { tags: sources.tagExpression } : {}),
    ...(sources.names.length ? { names: sources.names } : {}),
    ...(s ? { shard: { index: s.index, total: s.total } } : {}),
    partial: because.length > 0,
    partialBecause: because,
    ...(dryRun ? { dryRun: true } : {}),
  };
}

function digestsOf(config: ResolvedConfig, catalog: ControlCatalog): { config?: string; estate?: string; controls?: string } {
  const out: { config?: string; estate?: string; controls?: string } = {};
  const c = fileDigest(config.file);
  if (c) out.config = c;
  if (config.estateFile) out.estate = sha256(canonicalJson(loadEstateFile(config.estateFile)));
  out.controls = sha256(canonicalJson(catalog));
  return out;
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

/** The file the compliance formatter writes, among a run's report files. */
function complianceTarget(files: Record<string, string>): string | undefined {
  return Object.entries(files).find(([, formatter]) => formatter.includes('complianceFormatter'))?.[0];
}

async function readComparison(file: string, acceptFile: string | undefined): Promise<Comparison> {
  const { readReport } = await import('../report/merge.ts');
  const { readAcceptFile } = await import('../report/driftFiles.ts');
  return { file, report: readReport(file), ...(acceptFile ? { accept: readAcceptFile(acceptFile) } : {}) };
}
