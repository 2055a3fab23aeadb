/**
 * From scenario results to a whole report: each control's status and cause, the
 * summary and the verdict. Both a run and a merge of sharded runs end here, so a
 * merged report decides exactly as a single run would.
 */
import {
  SCHEMA_VERSION, type ComplianceReport, type ControlCatalog, type ControlResult, type ControlStatus, type Layer,
  type RunMetadata, type ScenarioResult, type ScenarioStatus, type Summary, type Verdict,
} from './model.ts';
import { policyDigests } from './policyDigests.ts';

const FAILING: ReadonlySet<ScenarioStatus> = new Set(['failed', 'pending', 'undefined', 'ambiguous', 'unknown']);

export function isFailing(status: ScenarioStatus): boolean {
  return FAILING.has(status);
}

/** Collapse a multi-line message into one line of at most `max` characters (no limit by default). */
export function oneLine(text: string, max = Infinity): string {
  const line = text.split('\n').map((l) => l.trim()).filter(Boolean).join('; ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function scenarioLabel(s: Pick<ScenarioResult, 'name' | 'example'>): string {
  return s.example ? `${s.name} [${s.example}]` : s.name;
}

export function controlStatus(scenarios: readonly Pick<ScenarioResult, 'status'>[]): ControlStatus {
  if (scenarios.length === 0) return 'not-run';
  if (scenarios.some((s) => isFailing(s.status))) return 'failed';
  if (scenarios.every((s) => s.status === 'passed')) return 'passed';
  return 'skipped';
}

function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

export function assembleControls(scenarios: readonly ScenarioResult[], catalog: ControlCatalog): { controls: ControlResult[]; problems: string[] } {
  const byControl = new Map<string, ScenarioResult[]>();
  for (const id of Object.keys(catalog)) byControl.set(id, []);
  for (const s of scenarios) for (const id of s.controls) byControl.set(id, [...(byControl.get(id) ?? []), s]);
  const problems: string[] = [];
  const controls = [...byControl.entries()]
    .sort(([a], [b]) => naturalCompare(a, b))
    .map(([id, list]): ControlResult => {
      const entry = catalog[id];
      if (!entry) problems.push(`@control:${id} (${list.map((s) => `${s.uri}:${s.line}`).join(', ')}) has no entry in the controls catalogue`);
      const status = controlStatus(list);
      const firstFailed = list.find((s) => isFailing(s.status));
      // The whole cause, however long: a cut one drops what matters (often the resource at its end).
      const layers = [...new Set(list.map((s) => s.layer).filter((l): l is Layer => !!l))];
      return {
        id,
        title: entry?.title ?? id,
        ...(entry?.description ? { description: entry.description } : {}),
        ...(entry?.layer ? { layer: entry.layer } : {}),
        layers,
        catalogued: !!entry,
        status,
        scenarios: list.map((s) => s.id),
        ...(firstFailed ? { cause: oneLine(`${scenarioLabel(firstFailed)}: ${firstFailed.failure?.message ?? firstFailed.status}`) } : {}),
      };
    });
  return { controls, problems };
}

/**
 * The run's verdict. A run passes only when it checked something and every control of
 * the catalogue ran and passed. A catalogue control that did not run fails the run,
 * unless the run was declared partial (tag or name filter, feature paths, shard,
 * --partial): then the verdict says 'partial'. A dry run, or a run without scenarios,
 * checked nothing and says so ('not-checked'), whatever Cucumber thought of it.
 * Adds the reason to `problems`.
 */
export function decideVerdict(run: RunMetadata, summary: Summary, controls: readonly ControlResult[], problems: string[]): Verdict {
  const failed = summary.controls.failed > 0 || summary.scenarios.failed > 0 || !run.success;
  if (run.selection?.dryRun) {
    problems.push('a dry run: steps were matched to their definitions, nothing was checked against AWS');
    return failed ? 'failed' : 'not-checked';
  }
  if (summary.scenarios.total === 0) {
    problems.push('nothing was checked: no scenario ran (check the feature paths, --tags and --name)');
    return 'not-checked';
  }
  if (failed) return 'failed';
  const notApplicable = new Set(run.selection?.notApplicable ?? []);
  const unchecked = controls.filter((c) => c.catalogued && !notApplicable.has(c.id) && (c.status === 'not-run' || c.status === 'skipped')).map((c) => c.id);
  if (unchecked.length === 0) return 'passed';
  if (run.selection?.partial) {
    problems.push(`partial run (${run.selection.partialBecause.join(', ')}): ${unchecked.length} control(s) not checked: ${unchecked.join(', ')}`);
    return 'partial';
  }
  problems.push(`${unchecked.length} control(s) of the catalogue did not run, and the run was not declared partial: ${unchecked.join(', ')} (tag a scenario @control:<ID>, or pass --partial)`);
  return 'failed';
}

export function assembleReport(input: {
  run: RunMetadata;
  scenarios: ScenarioResult[];
  catalog: ControlCatalog;
  problems?: string[];
  generatorVersion: string;
}): ComplianceReport {
  const { controls, problems: controlProblems } = assembleControls(input.scenarios, input.catalog);
  const problems = [...(input.problems ?? []), ...controlProblems];
  const count = (status: ControlStatus) => controls.filter((c) => c.status === status).length;
  const scenarios = input.scenarios;
  const summary = {
    controls: { total: controls.length, passed: count('passed'), failed: count('failed'), skipped: count('skipped'), notRun: count('not-run') },
    scenarios: {
      total: scenarios.length,
      passed: scenarios.filter((s) => s.status === 'passed').length,
      failed: scenarios.filter((s) => isFailing(s.status)).length,
      skipped: scenarios.filter((s) => s.status === 'skipped' || s.status === 'not-run').length,
    },
  };
  const verdict = decideVerdict(input.run, summary, controls, problems);
  return {
    schemaVersion: SCHEMA_VERSION,
    generator: { name: 'crossgate', version: input.generatorVersion },
    verdict,
    run: input.run,
    summary,
    controls,
    scenarios,
    problems,
    policies: policyDigests(scenarios),
  };
}
