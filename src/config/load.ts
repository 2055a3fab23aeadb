import { dirname, resolve } from 'node:path';
import { readJsonFile, validateOrThrow } from '../util/jsonFile.ts';
import { schemaValidator } from '../util/schemas.ts';
import { UserError } from '../util/userError.ts';
import type { CrossgateConfig, ResolvedConfig } from './types.ts';

/**
 * `${env:NAME}` anywhere in a string value is replaced by the environment variable, so one
 * config serves dev, staging and prod (e.g. "apiId": "${env:ORDERS_API_ID}"). An unset
 * variable is an error naming the file and JSON path; `$${env:X}` keeps the text as is.
 */
export function substituteEnv(file: string, data: unknown, env: NodeJS.ProcessEnv, path = ''): unknown {
  if (typeof data === 'string') {
    return data.replace(/(\$?)\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, escaped: string, name: string) => {
      if (escaped) return whole.slice(1);
      const value = env[name];
      if (value === undefined || value === '') throw new UserError(`${file}: ${path || '/'}: environment variable ${name} is not set`);
      return value;
    });
  }
  if (Array.isArray(data)) return data.map((x, i) => substituteEnv(file, x, env, `${path}/${i}`));
  if (data && typeof data === 'object') {
    return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, substituteEnv(file, v, env, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`)]));
  }
  return data;
}

/** The config file of the default profile. */
export const DEFAULT_CONFIG_FILE = 'crossgate.config.json';

/** The config file to read: the one named, else $CROSSGATE_CONFIG, else DEFAULT_CONFIG_FILE. */
export function configFile(named?: string, env: Record<string, string | undefined> = process.env): string {
  return named ?? env.CROSSGATE_CONFIG ?? DEFAULT_CONFIG_FILE;
}

/** Load and validate a config file; every problem names the file and JSON path. */
export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): ResolvedConfig {
  const config = validateOrThrow<CrossgateConfig>(file, substituteEnv(file, readJsonFile(file), env), schemaValidator('config'));
  if (config.world !== undefined) {
    // The key's old name, read for one release.
    process.stderr.write(`crossgate: ${file}: /world is deprecated; name the estate file in /estate\n`);
    if (config.estate === undefined) config.estate = config.world;
    delete config.world;
  }
  const problems: string[] = [];
  const account = (alias: string, path: string) => {
    if (!(alias in config.accounts) && !/^\d{12}$/.test(alias)) problems.push(`${file}: ${path}: unknown account alias '${alias}' (known: ${Object.keys(config.accounts).join(', ')})`);
  };
  for (const [name, api] of Object.entries(config.apis)) account(api.account, `/apis/${name}/account`);
  for (const [name, role] of Object.entries(config.roles)) account(role.account, `/roles/${name}/account`);
  for (const [name, p] of Object.entries(config.principals)) {
    account(p.account, `/principals/${name}/account`);
    if (p.credentials.source === 'estate' && config.target !== 'embedded') {
      problems.push(`${file}: /principals/${name}/credentials/source: 'estate' credentials exist only for the embedded target`);
    }
  }
  for (const [acct, principal] of Object.entries(config.auditors ?? {})) {
    account(acct, `/auditors/${acct}`);
    if (!config.principals[principal]) problems.push(`${file}: /auditors/${acct}: unknown principal '${principal}'`);
  }
  if (config.target === 'embedded' && !config.estate && !env.CROSSGATE_ESTATE) problems.push(`${file}: /estate: the embedded target needs an estate file`);
  if (problems.length > 0) throw new UserError(problems.join('\n'));
  const resolved: ResolvedConfig = { ...config, file: resolve(file) };
  if (config.estate) resolved.estateFile = resolve(dirname(file), config.estate);
  // `crossgate run --estate FILE` (and CROSSGATE_ESTATE) replaces the config's estate.
  if (env.CROSSGATE_ESTATE) {
    resolved.estateFile = resolve(env.CROSSGATE_ESTATE);
    resolved.estate = env.CROSSGATE_ESTATE;
  }
  return resolved;
}

/** The 12-digit id an alias (or an id) names. */
export function accountId(config: CrossgateConfig, aliasOrId: string): string {
  const id = config.accounts[aliasOrId] ?? (/^\d{12}$/.test(aliasOrId) ? aliasOrId : undefined);
  if (!id) throw new UserError(`unknown account '${aliasOrId}' (known: ${Object.keys(config.accounts).join(', ')})`);
  return id;
}
