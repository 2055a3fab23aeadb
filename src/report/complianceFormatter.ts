/**
 * The compliance report as a Cucumber formatter plugin. In cucumber.json:
 *
 *   "format": ["./src/report/complianceFormatter.ts:reports/compliance.json"],
 *   "formatOptions": { "compliance": { "controls": "controls.json" } }
 *
 * It reads the same message stream as Cucumber's html/junit/message formatters (from
 * every parallel worker), writes compliance.json to its target and compliance.md,
 * .html and .sarif beside it. `crossgate run` adds the config file and profile to
 * its options.
 */
import { localSecrets } from '../estate/localCredentials.ts';
import { loadEstateFile } from '../estate/load.ts';
import { configFile as configFileOf, loadConfig } from '../config/load.ts';
import { assembleReport } from './assemble.ts';
import type { Envelope } from '@cucumber/messages';
import { ScenarioCollector, toIso, toMillis } from './collect.ts';
import { DEFAULT_CONTROLS_FILE, loadControlCatalogs } from './controls.ts';
import type { ControlCatalog, RunMetadata, RunSelection } from './model.ts';
import { runIdentity } from './identity.ts';
import { redact, registerSecret } from '../secrets/redact.ts';
import { ciInfo, crossgateVersion, gitInfo, targetFromConfig } from './runMetadata.ts';
import { writeReports } from './writeReports.ts';
import { interruption } from '../util/interrupt.ts';

export interface ComplianceFormatterOptions {
  /** The crossgate config file (default: $CROSSGATE_CONFIG or crossgate.config.json). */
  config?: string;
  /** The cucumber.json profile, for the record. */
  profile?: string;
  /** The controls catalogue (default controls.json); several are merged. */
  controls?: string | string[];
  /** What the run was asked to check (crossgate run fills it in). */
  selection?: RunSelection;
  /** Digests of config, estate and controls (crossgate run fills them in). */
  digests?: RunMetadata['digests'];
}

interface FormatterContext {
  on(key: 'message', handler: (m: Envelope) => void): void;
  options: ComplianceFormatterOptions;
  logger: { warn(message: string): void; error(message: string): void };
  write(text: string): void;
  directory?: string;
}

/** Register the estate's keys too: a failure message could quote them from the estate file. */
function registerEstateSecrets(configFile: string): void {
  try {
    const config = loadConfig(configFile);
    if (!config.estateFile) return;
    const estate = loadEstateFile(config.estateFile);
    for (const account of estate.accounts) {
      for (const user of account.users ?? []) for (const key of user.accessKeys ?? []) registerSecret(key.secretAccessKey);
    }
    for (const secret of localSecrets(estate)) registerSecret(secret);
  } catch {
    // the run reports a broken config or estate itself; patterns still apply
  }
}

export function buildRunMetadata(collector: ScenarioCollector, options: ComplianceFormatterOptions, cwd: string, env: Record<string, string | undefined>): { run: RunMetadata; problems: string[] } {
  const configFile = configFileOf(options.config, env);
  const { problem, ...target } = targetFromConfig(configFile, cwd);
  const ci = ciInfo(env);
  const git = gitInfo(cwd, ci);
  const meta = collector.meta;
  const run: RunMetadata = {
    crossgateVersion: crossgateVersion(),
    ...(options.profile ? { profile: options.profile } : {}),
    ...target,
    ...(collector.startedAt ? { startedAt: toIso(collector.startedAt) } : {}),
    ...(collector.finishedAt ? { finishedAt: toIso(collector.finishedAt) } : {}),
    ...(collector.startedAt && collector.finishedAt ? { durationMs: toMillis(collector.finishedAt) - toMillis(collector.startedAt) } : {}),
    success: collector.success ?? false,
    ...(git ? { git } : {}),
    ...(ci ? { ci } : {}),
    ...(options.selection ? { selection: options.selection } : {}),
    ...(options.digests ? { digests: options.digests } : {}),
    environment: {
      ...(meta?.runtime.version ? { node: meta.runtime.version } : {}),
      ...(meta?.os ? { os: `${meta.os.name}${meta.os.version ? ` ${meta.os.version}` : ''}` } : {}),
      ...(meta?.implementation.version ? { cucumber: meta.implementation.version } : {}),
    },
  };
  run.identity = runIdentity(run);
  return { run, problems: problem ? [problem] : [] };
}

/** A run stopped by SIGINT/SIGTERM says so: its results are incomplete (src/util/interrupt.ts). */
function interruptionProblems(): string[] {
  const why = interruption();
  return why ? [`the run was ${why}: its results are incomplete (scenarios not run are failed as "not checked")`] : [];
}

export default {
  type: 'formatter' as const,
  optionsKey: 'compliance',
  formatter({ on, options, logger, write, directory }: FormatterContext) {
    const collector = new ScenarioCollector();
    on('message', (m) => collector.onMessage(m));
    registerEstateSecrets(configFileOf(options.config));
    return async () => {
      if (!collector.startedAt) return; // the run never started (a parse error): Cucumber says why
      const cwd = process.cwd();
      const problems: string[] = [];
      let catalog: ControlCatalog = {};
      try {
        const files = options.controls ?? DEFAULT_CONTROLS_FILE;
        catalog = loadControlCatalogs(Array.isArray(files) ? files : [files]);
      } catch (err) {
        problems.push(`controls catalogue: ${(err as Error).message}`);
      }
      const { run, problems: runProblems } = buildRunMetadata(collector, options, cwd, process.env);
      // Without the catalogue nobody can tell which controls did not run: fail closed.
      if (problems.length > 0) run.success = false;
      const report = assembleReport({
        run,
        scenarios: collector.scenarioResults(),
        catalog,
        problems: [...problems, ...runProblems, ...collector.problems, ...interruptionProblems()],
        generatorVersion: run.crossgateVersion,
      });
      if (!directory) {
        write(redact(`${JSON.stringify(report, null, 2)}\n`));
        logger.warn('compliance formatter: writing to stdout, so compliance.md/.html/.sarif are not written (give it a file, e.g. reports/compliance.json)');
        return;
      }
      const { problems: writeProblems } = writeReports(report, { dir: directory, cwd, env: process.env, writeJson: write });
      for (const p of writeProblems) logger.warn(`compliance report: ${p}`);
    };
  },
};
