/**
 * What Cucumber runs with: crossgate's own step definitions and compliance formatter
 * (compiled JavaScript in an installed package, TypeScript in a checkout run from its
 * sources), its built-in profiles, and whatever a project's own Cucumber configuration
 * file adds (steps of its own, more formatters, other feature paths).
 */
import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPLIANCE_JSON, cucumberFormatArgs } from '../report/formats.ts';
import { PACKAGE_ROOT } from '../util/packageRoot.ts';
import { UserError } from '../util/userError.ts';
import { DEFAULT_CONFIG_FILE } from '../config/load.ts';

/** Built-in profiles: the config file each one reads unless --config names another. */
export const PROFILES: Record<string, string> = { default: DEFAULT_CONFIG_FILE, aws: 'crossgate.aws.json' };

/** The files Cucumber looks for, in its own order (cucumber-js docs/configuration.md). */
const CUCUMBER_CONFIG_FILES = ['cucumber.js', 'cucumber.cjs', 'cucumber.mjs', 'cucumber.json', 'cucumber.yaml', 'cucumber.yml'];

/** Is this module running compiled (dist/) rather than from the TypeScript sources? */
export const COMPILED = fileURLToPath(import.meta.url).endsWith('.js');

/** crossgate's own step definitions (a glob) and compliance formatter (a path; its sibling modules wrap Cucumber's formatters). */
export function crossgateSupport(): { steps: string; formatter: string } {
  return COMPILED
    ? { steps: join(PACKAGE_ROOT, 'dist', 'steps', '**', '*.js'), formatter: join(PACKAGE_ROOT, 'dist', 'src', 'report', 'complianceFormatter.js') }
    : { steps: join(PACKAGE_ROOT, 'steps', '**', '*.ts'), formatter: join(PACKAGE_ROOT, 'src', 'report', 'complianceFormatter.ts') };
}

/** The project's own Cucumber configuration file, if it has one. */
export function projectCucumberFile(cwd = process.cwd()): string | undefined {
  return CUCUMBER_CONFIG_FILES.map((f) => join(cwd, f)).find((f) => existsSync(f));
}

export interface CucumberSources {
  /** For loadConfiguration: the project's file (or none) and the profile. */
  file: string | false;
  profiles: string[];
  /** crossgate's part, as cucumber-js arguments merged after the file's (Cucumber concatenates import and format). */
  argv: string[];
}

/**
 * The configuration for a profile. Without a project Cucumber file the built-in profiles
 * apply (default, aws); with one, its profiles do, and crossgate adds its steps and
 * compliance report to them.
 */
export function cucumberSources(profile: string, cwd = process.cwd()): CucumberSources {
  const { steps, formatter } = crossgateSupport();
  const file = projectCucumberFile(cwd);
  // The console never prints evidence attachments (Cucumber's progress and summary would): they are for the reports.
  const own = ['--import', steps, '--format', `"${formatter}":"reports/${COMPLIANCE_JSON}"`, '--format-options', JSON.stringify({ printAttachments: false })];
  if (file) return { file, profiles: [profile], argv: own };
  if (!(profile in PROFILES)) {
    throw new UserError(`--profile: unknown profile '${profile}' (built-in profiles: ${Object.keys(PROFILES).join(', ')}; a cucumber.json of the project's own may define more)`);
  }
  return {
    file: false,
    profiles: [],
    argv: [
      ...own,
      // JUnit through crossgate's wrapper: test names carry the control ids and an outline row's values.
      ...['progress', ...cucumberFormatArgs('reports', (name) => join(dirname(formatter), `${name}${extname(formatter)}`))].flatMap((f) => ['--format', f]),
      '--format-options', JSON.stringify({ junit: { suiteName: 'crossgate' }, compliance: { controls: 'controls.json' } }),
    ],
  };
}

/** The feature paths of the built-in profiles, when none are given. */
export const DEFAULT_FEATURE_PATHS = ['features/**/*.feature'];

/** Does the run load TypeScript (crossgate's sources, or step files of the project's own)? */
export function needsTypeScript(importPaths: string[]): boolean {
  const { steps } = crossgateSupport();
  return !COMPILED || importPaths.some((p) => p !== steps && !/\.(m|c)?js$/.test(p));
}
