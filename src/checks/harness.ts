/**
 * A run's harness: the configuration, the target and, for the embedded target,
 * the embedded AWS started from the configured world. One per process.
 */
import { accountId, loadConfig } from '../config/load.ts';
import type { ResolvedConfig } from '../config/types.ts';
import { loadWorldFile, buildState, startEmulator, type RunningEmulator, type World } from '../emulator/index.ts';
import { roleArn } from '../arn/index.ts';
import type { Target } from '../aws/types.ts';
import { UserError } from '../util/userError.ts';

export interface Harness {
  config: ResolvedConfig;
  target: Target;
  world?: World;
  emulator?: RunningEmulator;
  close(): Promise<void>;
}

export async function startHarness(configFile: string): Promise<Harness> {
  const config = loadConfig(configFile);
  if (config.target === 'aws') {
    return { config, target: { kind: 'aws', region: config.region }, close: async () => {} };
  }
  const worldFile = config.worldFile!;
  const world = loadWorldFile(worldFile);
  const emulator = await startEmulator({ state: buildState(world, worldFile) });
  return {
    config, world, emulator,
    target: { kind: 'embedded', region: config.region, endpoint: emulator.url },
    close: () => emulator.close(),
  };
}

/** The ARN of a configured role alias. */
export function configuredRoleArn(h: Harness, alias: string): string {
  const role = h.config.roles[alias];
  if (!role) throw new UserError(`unknown role '${alias}' (configured roles: ${Object.keys(h.config.roles).join(', ')})`);
  return roleArn(accountId(h.config, role.account), role.name ?? alias, role.path ?? '/');
}

/** The base URL of a configured API, as a client of the real API would use it. */
export function apiBaseUrl(h: Harness, alias: string): { url: URL; stage: string; apiId: string } {
  const api = h.config.apis[alias];
  if (!api) throw new UserError(`unknown API '${alias}' (configured APIs: ${Object.keys(h.config.apis).join(', ')})`);
  const stage = api.stage ?? '$default';
  const base = api.baseUrl ?? `https://${api.apiId}.execute-api.${h.config.region}.amazonaws.com`;
  const withStage = stage === '$default' || api.baseUrl ? base : `${base.replace(/\/$/, '')}/${stage}`;
  return { url: new URL(withStage), stage, apiId: api.apiId };
}
