/**
 * What `crossgate run` checks before the first scenario: a mistake in the command
 * line, the config, the estate, the controls, the credentials or the features is a
 * usage or configuration error (exit 2), listed whole with its fix, never a failing
 * control. A compliance breach is only ever reported by a scenario that ran.
 */
import { accountId } from '../config/load.ts';
import type { ResolvedConfig } from '../config/types.ts';
import { redact } from '../secrets/redact.ts';

export interface PreflightProblem {
  /** What is wrong, naming the file, flag, principal, role or step. */
  problem: string;
  /** What to do about it. */
  fix: string;
}

export class PreflightFailure extends Error {
  constructor(readonly problems: PreflightProblem[]) {
    super(`${problems.length} problem(s) before the run`);
    this.name = 'PreflightFailure';
  }
}

export function renderProblems(problems: readonly PreflightProblem[]): string {
  const lines = [`crossgate: nothing was run: ${problems.length === 1 ? 'a problem' : `${problems.length} problems`} to fix first (exit 2, no control was checked)`];
  for (const p of problems) lines.push(`  - ${redact(p.problem)}`, `    fix: ${redact(p.fix)}`);
  return `${lines.join('\n')}\n`;
}

/** The first line of an error message (SDK messages run long). */
export function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]!.trim();
}

/** Role and API names the steps of the planned scenarios mention (best effort, from the step text and tables). */
export function namesInSteps(steps: readonly { text: string; table?: string[][] }[]): { roles: Set<string>; apis: Set<string> } {
  const roles = new Set<string>();
  const apis = new Set<string>();
  for (const s of steps) {
    for (const m of s.text.matchAll(/\b(?:the role|through the role|assumed the role|assume the role) ([A-Za-z][\w+=,.@-]*[\w+=@-])/g)) roles.add(m[1]!);
    for (const m of s.text.matchAll(/\bHTTP API "([^"]+)"/g)) apis.add(m[1]!);
    if (s.table && s.table.length > 1) {
      const column = s.table[0]!.findIndex((h) => h.trim() === 'role');
      if (column !== -1) for (const row of s.table.slice(1)) if (row[column]?.trim()) roles.add(row[column]!.trim());
    }
  }
  return { roles, apis };
}

/** Feature names of roles and APIs that the config does not know. */
export function unknownNames(config: ResolvedConfig, names: { roles: Set<string>; apis: Set<string> }): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  for (const r of names.roles) {
    if (!config.roles[r]) problems.push({ problem: `the features name the role ${r}, which ${config.file} does not configure`, fix: `add "roles": { "${r}": { "account": "<alias>" } } to ${config.file}, or correct the name in the feature` });
  }
  for (const a of names.apis) {
    if (!config.apis[a]) problems.push({ problem: `the features name the HTTP API "${a}", which ${config.file} does not configure`, fix: `add "apis": { "${a}": { "account": "<alias>", "apiId": "<id>" } } to ${config.file}, or correct the name in the feature` });
  }
  return problems;
}

/** The account a configured principal should be in, as an id. */
export function expectedAccount(config: ResolvedConfig, principal: string): string | undefined {
  const p = config.principals[principal];
  try {
    return p ? accountId(config, p.account) : undefined;
  } catch {
    return undefined;
  }
}
