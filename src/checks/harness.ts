/**
 * A run's harness: the configuration, the target and, for the embedded target,
 * the embedded AWS started from the configured estate. One per process.
 */
import { accountId, loadConfig } from '../config/load.ts';
import type { ResolvedConfig } from '../config/types.ts';
import { buildState, startEmulator, type RunningEmulator } from '../emulator/index.ts';
import { loadEstateFile } from '../estate/load.ts';
import type { Estate } from '../estate/types.ts';
import { roleArn } from '../arn/index.ts';
import type { Target } from '../aws/types.ts';
import { closeClients } from '../aws/clients.ts';
import { loadFaultPlan, type FaultPlan } from '../emulator/faults.ts';
import { UserError } from '../util/userError.ts';
import type { EvidenceSink } from './evidence.ts';

export interface Harness {
  config: ResolvedConfig;
  target: Target;
  estate?: Estate;
  emulator?: RunningEmulator;
  /** Per-run memo of control-plane reads (documents do not change during a run). */
  cache: Map<string, Promise<unknown>>;
  /**
   * Where checks record evidence: the current scenario's World. The run's harness has
   * none; each scenario works through a view of it that has (see steps/support/world.ts).
   */
  evidence?: EvidenceSink;
  /** The clock credential refreshes go by (default: the system's). */
  now?: () => Date;
  close(): Promise<void>;
}

/** Memoise an async read for the rest of the run; a failed read is not cached. */
export function cached<T>(h: Harness, key: string, read: () => Promise<T>): Promise<T> {
  let p = h.cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = read();
    h.cache.set(key, p);
    p.catch(() => h.cache.delete(key));
  }
  return p;
}

export interface HarnessOptions {
  /** Faults for the embedded AWS (default: CROSSGATE_FAULTS, inline JSON or a file); false: none. */
  faults?: FaultPlan | false;
  /** The clock of the embedded AWS and of credential refreshes (tests). */
  now?: () => Date;
}

/** CROSSGATE_FAULTS: a fault plan for the embedded AWS of a run (JSON, or a file path). */
export function faultPlanFromEnv(env: Record<string, string | undefined> = process.env): FaultPlan | undefined {
  const spec = env.CROSSGATE_FAULTS;
  return spec === undefined || spec.trim() === '' ? undefined : loadFaultPlan(spec, 'CROSSGATE_FAULTS');
}

/** Names a running embedded AWS (its base URL) for the run to use instead of starting its own. */
export const EMBEDDED_ENDPOINT_ENV = 'CROSSGATE_EMBEDDED_ENDPOINT';

function sharedEndpointFromEnv(env: Record<string, string | undefined> = process.env): string | undefined {
  const value = env[EMBEDDED_ENDPOINT_ENV]?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserError(`${EMBEDDED_ENDPOINT_ENV}: '${value}' is not a URL (e.g. http://127.0.0.1:4577)`);
  }
  if (url.protocol !== 'http:' || url.pathname !== '/' || url.search) throw new UserError(`${EMBEDDED_ENDPOINT_ENV}: '${value}' is not an embedded AWS base URL (e.g. http://127.0.0.1:4577)`);
  return url.origin;
}

export async function startHarness(configFile: string, opts: HarnessOptions = {}): Promise<Harness> {
  const config = loadConfig(configFile);
  const faults = opts.faults === false ? undefined : (opts.faults ?? faultPlanFromEnv());
  if (config.target === 'aws') {
    if (faults) throw new UserError('CROSSGATE_FAULTS injects faults into the embedded AWS; this run targets real AWS');
    const target: Target = { kind: 'aws', region: config.region };
    return { config, target, cache: new Map(), now: opts.now, close: async () => closeClients(target) };
  }
  const estateFile = config.estateFile!;
  const estate = loadEstateFile(estateFile);
  const shared = sharedEndpointFromEnv();
  if (shared) {
    // An embedded AWS already serving this estate (crossgate serve, or one process for all --parallel workers).
    if (faults) throw new UserError(`CROSSGATE_FAULTS injects faults into an embedded AWS this run starts; ${EMBEDDED_ENDPOINT_ENV} names one that is already running`);
    const target: Target = { kind: 'embedded', region: config.region, endpoint: shared };
    return { config, estate, cache: new Map(), now: opts.now, target, close: async () => closeClients(target) };
  }
  const emulator = await startEmulator({ state: buildState(estate, estateFile, opts.now?.()), faults, now: opts.now });
  return {
    config, estate, emulator, cache: new Map(), now: opts.now,
    target: { kind: 'embedded', region: config.region, endpoint: emulator.url },
    close: () => {
      closeClients({ kind: 'embedded', region: config.region, endpoint: emulator.url });
      return emulator.close();
    },
  };
}

/** The ARN of a configured role alias. */
export function configuredRoleArn(h: Harness, alias: string): string {
  const role = h.config.roles[alias];
  if (!role) throw new UserError(`unknown role '${alias}' (configured roles: ${Object.keys(h.config.roles).join(', ')})`);
  return roleArn(accountId(h.config, role.account), role.name ?? alias, role.path ?? '/');
}

/** The base URL of a configured API, as a client of the real API would use it. */
/**
 * Where execute-api requests go, in this order: AWS_ENDPOINT_URL_EXECUTE_API, then
 * AWS_ENDPOINT_URL (the request keeps API Gateway's host name, which the endpoint routes
 * by, and is delivered to the endpoint), then the API's configured baseUrl (a custom
 * domain), then API Gateway's own host. The embedded target always delivers to its
 * embedded AWS.
 */
export function executeApiEndpoint(h: Harness, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (h.target.kind === 'embedded') return h.target.endpoint;
  const endpoint = env.AWS_ENDPOINT_URL_EXECUTE_API || env.AWS_ENDPOINT_URL;
  return endpoint ? new URL(endpoint).origin : undefined;
}

export function apiBaseUrl(h: Harness, alias: string, env: NodeJS.ProcessEnv = process.env): { url: URL; stage: string; apiId: string; connectTo?: string } {
  const api = h.config.apis[alias];
  if (!api) throw new UserError(`unknown API '${alias}' (configured APIs: ${Object.keys(h.config.apis).join(', ')})`);
  const stage = api.stage ?? '$default';
  const connectTo = executeApiEndpoint(h, env);
  // An endpoint from the environment takes precedence over a configured base URL.
  const baseUrl = h.target.kind === 'aws' && connectTo ? undefined : api.baseUrl;
  const base = baseUrl ?? `https://${api.apiId}.execute-api.${h.config.region}.amazonaws.com`;
  const withStage = stage === '$default' || baseUrl ? base : `${base.replace(/\/$/, '')}/${stage}`;
  return { url: new URL(withStage), stage, apiId: api.apiId, ...(connectTo ? { connectTo } : {}) };
}

/** The configured role alias as account id, name and path. */
export function configuredRole(h: Harness, alias: string): { accountId: string; name: string; path: string; arn: string } {
  const arn = configuredRoleArn(h, alias);
  const role = h.config.roles[alias]!;
  return { accountId: accountId(h.config, role.account), name: role.name ?? alias, path: role.path ?? '/', arn };
}

/** The configured API alias as the identity its ARNs must name. */
export function configuredApi(h: Harness, alias: string): { region: string; accountId: string; apiId: string; stage: string } {
  const api = h.config.apis[alias];
  if (!api) throw new UserError(`unknown API '${alias}' (configured APIs: ${Object.keys(h.config.apis).join(', ')})`);
  return { region: h.config.region, accountId: accountId(h.config, api.account), apiId: api.apiId, stage: api.stage ?? '$default' };
}

/** The principal alias that reads an account's control plane. */
export function auditorOf(h: Harness, account: string): string {
  for (const [alias, principal] of Object.entries(h.config.auditors ?? {})) {
    if (accountId(h.config, alias) === account) return principal;
  }
  throw new UserError(`no auditor is configured for account ${account}: add "auditors": { "<account alias>": "<principal alias>" } to ${h.config.file}`);
}
