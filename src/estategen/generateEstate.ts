/**
 * `crossgate estate generate`, pure: options → the files to write (estate, config,
 * features, controls catalogue), as text. The same options give the same bytes.
 */
import { DEFAULT_CONFIG_FILE } from '../config/load.ts';
import { buildConfig, buildEstate } from './buildEstate.ts';
import { buildControls, buildFeatures } from './features.ts';
import { planEstate } from './plan.ts';
import type { GenerateOptions, EstatePlan } from './types.ts';

export const ESTATE_FILE = 'estate.json';
/** The generated config is the folder's default config file. */
export const CONFIG_FILE = DEFAULT_CONFIG_FILE;
export const CONTROLS_FILE = 'controls.json';
export const FEATURES_DIR = 'features';

export interface GeneratedFiles {
  plan: EstatePlan;
  /** Relative path → content. */
  files: Map<string, string>;
  summary: { accounts: number; apis: number; routes: number; roles: number; users: number; policies: number; scenarios: number };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function generateEstate(options: GenerateOptions): GeneratedFiles {
  const plan = planEstate(options);
  const estate = buildEstate(plan);
  const files = new Map<string, string>();
  files.set(ESTATE_FILE, json({ $schema: 'https://crossgate.dev/schemas/estate.schema.json', ...estate }));
  files.set(CONFIG_FILE, json(buildConfig(plan, ESTATE_FILE)));
  files.set(CONTROLS_FILE, json(buildControls()));
  let scenarios = 0;
  for (const f of buildFeatures(plan)) {
    files.set(`${FEATURES_DIR}/${f.file}`, f.text);
    // Scenarios, and rows of outlines' examples (each runs as a scenario).
    scenarios += (f.text.match(/^ {2}Scenario:/gm) ?? []).length + countExampleRows(f.text);
  }
  const policies = estate.accounts.reduce((n, a) => n + (a.policies?.length ?? 0) + [...(a.users ?? []), ...(a.roles ?? [])].reduce((m, e) => m + Object.keys(e.inlinePolicies ?? {}).length, 0), 0);
  return {
    plan, files,
    summary: {
      accounts: plan.accounts.length, apis: plan.apis.length, routes: plan.apis.reduce((n, a) => n + a.routes.length, 0), roles: plan.roles.length,
      users: plan.principals.length, policies, scenarios,
    },
  };
}

function countExampleRows(text: string): number {
  let n = 0;
  for (const block of text.split(/^ {4}Examples:\n/m).slice(1)) {
    const lines = block.split('\n');
    const end = lines.findIndex((l) => !/^ {6}\|/.test(l));
    n += Math.max(0, (end === -1 ? lines.length : end) - 1);
  }
  return n;
}
