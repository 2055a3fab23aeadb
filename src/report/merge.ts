/**
 * Merging the compliance reports of sharded CI jobs into one: all scenarios, the
 * controls decided again over all of them, the runs kept as shards.
 */
import { readJsonFile } from '../util/jsonFile.ts';
import { UserError } from '../util/userError.ts';
import { assembleReport } from './assemble.ts';
import type { ComplianceReport, ControlCatalog, RunMetadata, RunSelection } from './model.ts';
import { SCHEMA_VERSION } from './model.ts';
import { validateReport } from './writeReports.ts';

function major(version: string): string {
  return version.split('.')[0] ?? '';
}

/** Read and validate one report; a broken one is a usage error naming the file. */
export function readReport(file: string): ComplianceReport {
  const data = readJsonFile(file);
  const problems = validateReport(data, file);
  if (problems.length) throw new UserError(`${file} is not a crossgate compliance report:\n${problems.join('\n')}`);
  const report = data as ComplianceReport;
  if (major(report.schemaVersion) !== major(SCHEMA_VERSION)) {
    throw new UserError(`${file}: schema version ${report.schemaVersion} cannot be merged by this crossgate (schema ${SCHEMA_VERSION})`);
  }
  return report;
}

function earliest(values: (string | undefined)[]): string | undefined {
  return values.filter((v): v is string => !!v).sort()[0];
}

function latest(values: (string | undefined)[]): string | undefined {
  return values.filter((v): v is string => !!v).sort().at(-1);
}

/** The catalogue as the reports saw it: controls with their titles, descriptions and layers. */
function catalogOf(reports: ComplianceReport[]): ControlCatalog {
  const catalog: ControlCatalog = {};
  for (const r of reports) {
    for (const c of r.controls) {
      if (c.catalogued && c.layer && !catalog[c.id]) catalog[c.id] = { title: c.title, layer: c.layer, ...(c.description ? { description: c.description } : {}) };
    }
  }
  return catalog;
}

/** The shards together are the whole selection: partial only for the reasons besides the shard. */
function mergedSelection(s: RunSelection): RunSelection {
  const { shard: _shard, ...rest } = s;
  const partialBecause = s.partialBecause.filter((r) => r !== 'shard');
  return { ...rest, partial: partialBecause.length > 0, partialBecause };
}

function withoutShards(run: RunMetadata): Omit<RunMetadata, 'shards'> {
  const { shards: _shards, ...rest } = run;
  return rest;
}

/**
 * The reports must be the shards 1..n of one run, each exactly once: a missing shard
 * would hide its controls, a repeated one would count its scenarios twice.
 */
export function checkShards(reports: readonly ComplianceReport[], files: readonly string[] = reports.map((_, i) => `report ${i + 1}`)): void {
  const problems: string[] = [];
  const shards = reports.map((r, i) => ({ file: files[i]!, shard: r.run.selection?.shard, identity: r.run.identity, merged: !!r.run.shards }));
  for (const s of shards) {
    if (s.merged) problems.push(`${s.file} is already a merged report`);
    else if (!s.shard) problems.push(`${s.file} is not a shard (it was not run with --shard i/n)`);
    if (!s.identity) problems.push(`${s.file} carries no run identity (written by an older crossgate?)`);
  }
  if (problems.length === 0) {
    const identities = new Set(shards.map((s) => s.identity));
    if (identities.size > 1) {
      problems.push(`the reports come from different runs (selection, config, estate, controls or commit differ): ${shards.map((s) => `${s.file} ${s.identity!.slice(0, 12)}`).join(', ')}`);
    }
    const totals = new Set(shards.map((s) => s.shard!.total));
    if (totals.size > 1) problems.push(`the reports split the run differently: ${shards.map((s) => `${s.file} ${s.shard!.index}/${s.shard!.total}`).join(', ')}`);
    else {
      const total = [...totals][0]!;
      for (let i = 1; i <= total; i++) {
        const holders = shards.filter((s) => s.shard!.index === i);
        if (holders.length === 0) problems.push(`shard ${i}/${total} is missing`);
        if (holders.length > 1) problems.push(`shard ${i}/${total} is given ${holders.length} times (${holders.map((h) => h.file).join(', ')})`);
      }
    }
  }
  if (problems.length) throw new UserError(`report merge: these reports are not the complete shards of one run:\n  ${problems.join('\n  ')}`);
}

/** Problems a shard records about itself that the merged run decides again. */
const RUN_LEVEL = /^(partial run \(|nothing was checked|a dry run|\d+ control\(s\) of the catalogue did not run)/;

export function mergeReports(reports: ComplianceReport[], catalog?: ControlCatalog): ComplianceReport {
  if (reports.length === 0) throw new UserError('report merge: no reports given');
  checkShards(reports);
  const shards: Omit<RunMetadata, 'shards'>[] = reports.flatMap((r) => r.run.shards ?? [withoutShards(r.run)]);
  const first = reports[0]!.run;
  const startedAt = earliest(shards.map((s) => s.startedAt));
  const finishedAt = latest(shards.map((s) => s.finishedAt));
  const same = <K extends keyof Omit<RunMetadata, 'shards'>>(key: K): RunMetadata[K] | undefined =>
    shards.every((s) => JSON.stringify(s[key]) === JSON.stringify(first[key])) ? first[key] : undefined;
  const target = same('target') ?? 'unknown';
  const run: RunMetadata = {
    crossgateVersion: same('crossgateVersion') ?? shards.map((s) => s.crossgateVersion).join(', '),
    ...(same('profile') ? { profile: first.profile } : {}),
    target,
    ...(same('region') ? { region: first.region } : {}),
    ...(same('estate') ? { estate: first.estate } : {}),
    accounts: Object.assign({}, ...shards.map((s) => s.accounts)) as Record<string, string>,
    ...(startedAt ? { startedAt } : {}),
    ...(finishedAt ? { finishedAt } : {}),
    ...(startedAt && finishedAt ? { durationMs: Date.parse(finishedAt) - Date.parse(startedAt) } : {}),
    success: shards.every((s) => s.success),
    ...(same('git') && first.git ? { git: first.git } : {}),
    ...(same('ci') && first.ci ? { ci: first.ci } : {}),
    environment: same('environment') ?? {},
    ...(first.selection ? { selection: mergedSelection(first.selection) } : {}),
    ...(first.digests ? { digests: first.digests } : {}),
    ...(first.identity ? { identity: first.identity } : {}),
    shards,
  };
  const problems = [...new Set(reports.flatMap((r) => r.problems.filter((p) => !/has no entry in the controls catalogue$/.test(p) && !RUN_LEVEL.test(p))))];
  if (!same('git') && shards.some((s) => s.git)) problems.push(`the merged reports come from different commits: ${[...new Set(shards.map((s) => s.git?.commit ?? '?'))].join(', ')}`);
  const seen = new Map<string, number>();
  for (const s of reports.flatMap((r) => r.scenarios)) seen.set(s.id, (seen.get(s.id) ?? 0) + 1);
  const repeated = [...seen.entries()].filter(([, n]) => n > 1).length;
  if (repeated) problems.push(`${repeated} scenario(s) appear in more than one report (the same report merged twice?)`);
  return assembleReport({
    run,
    scenarios: reports.flatMap((r) => r.scenarios),
    catalog: catalog ?? catalogOf(reports),
    problems,
    generatorVersion: run.crossgateVersion,
  });
}
