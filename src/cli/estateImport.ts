/**
 * `crossgate estate import cloudformation|terraform|aws …`: an estate from the user's own
 * infrastructure. The result is validated against schemas/estate.schema.json and built
 * into emulator state before it is written, so what is written always loads.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { buildState } from '../emulator/estate/load.ts';
import type { Estate } from '../estate/types.ts';
import { validateOrThrow } from '../util/jsonFile.ts';
import { SCHEMA_DIR, schemaValidator } from '../util/schemas.ts';
import { UserError } from '../util/userError.ts';

export const IMPORT_USAGE = `usage:
  crossgate estate import cloudformation TEMPLATE|CDK.OUT… [--parameter K=V]… [--account ID] [--region R] [--stack-name NAME] [--out estate.json]
  crossgate estate import terraform PLAN.json… [--account-for-provider ALIAS=ID]… [--account ID] [--region R] [--out estate.json]
  crossgate estate import aws [--config crossgate.aws.json] [--principal NAME]… [--region R] [--endpoint URL] [--out estate.json]`;

/**
 * Live accounts through the config's auditing principals (or --principal): each reads the
 * account its credentials belong to. --endpoint sends every call to one AWS-compatible
 * endpoint (a served embedded AWS, moto); AWS_ENDPOINT_URL* apply as the SDK reads them.
 */
async function importLive(configFile: string, region: string | undefined, endpoint: string | undefined, principals: string[] | undefined): Promise<Estate> {
  const { loadConfig, accountId } = await import('../config/load.ts');
  const { resolveCredentials } = await import('../aws/credentials.ts');
  const { snapshotEstate } = await import('../aws/estateSnapshot.ts');
  const { loadEstateFile } = await import('../estate/load.ts');
  const config = loadConfig(configFile);
  const names = principals ?? [...new Set(Object.values(config.auditors ?? {}))];
  if (names.length === 0) throw new UserError(`${configFile}: /auditors: name the principal that reads each account (or pass --principal NAME)`);
  const estate = config.estateFile ? loadEstateFile(config.estateFile) : undefined;
  const readers = [];
  for (const name of names) {
    const p = config.principals[name];
    if (!p) throw new UserError(`--principal ${name}: ${configFile} has no principal '${name}'`);
    readers.push({ name, credentials: await resolveCredentials(name, p.credentials, estate, accountId(config, p.account)) });
  }
  const target = { kind: endpoint || config.target === 'embedded' ? ('embedded' as const) : ('aws' as const), region: region ?? config.region, ...(endpoint ? { endpoint } : {}) };
  if (target.kind === 'embedded' && !endpoint) throw new UserError('estate import aws: the config targets the embedded AWS; pass --endpoint URL of a served one (crossgate serve)');
  try {
    return await snapshotEstate(target, readers);
  } finally {
    const { closeClients } = await import('../aws/clients.ts');
    closeClients(target);
  }
}

function keyValues(list: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UserError(`${flag} '${item}': expected KEY=VALUE`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/** Input paths in the estate are made relative to the estate file's folder, so the estate can move with its inputs. */
function relocate(estate: Estate, outFile: string): void {
  const base = dirname(resolve(outFile));
  const rel = (file: string) => relative(base, isAbsolute(file) ? file : resolve(file)).split(sep).join('/');
  const imported = estate.imported;
  if (!imported) return;
  for (const f of imported.from) if (f.file) f.file = rel(f.file);
  for (const l of Object.values(imported.locations)) l.file = rel(l.file);
  for (const p of imported.placeholders) if (p.source) p.source.file = rel(p.source.file);
  for (const s of imported.skipped) if (s.source) s.source.file = rel(s.source.file);
}

function summary(estate: Estate, out: string): string {
  const n = (k: 'roles' | 'users' | 'policies' | 'apis') => estate.accounts.reduce((t, a) => t + (a[k]?.length ?? 0), 0);
  const routes = estate.accounts.reduce((t, a) => t + (a.apis ?? []).reduce((u, x) => u + x.routes.length, 0), 0);
  const imported = estate.imported!;
  const lines = [
    `wrote ${out}: ${estate.accounts.length} account(s), ${n('roles')} role(s), ${n('users')} user(s), ${n('policies')} managed polic(ies), ${n('apis')} HTTP API(s), ${routes} route(s)`,
  ];
  if (imported.placeholders.length) {
    lines.push(`placeholders (values known only after deploy; see /imported/placeholders):`);
    for (const p of imported.placeholders) lines.push(`  ${p.value}  ${p.name}: ${p.meaning}`);
  }
  if (imported.skipped.length) {
    lines.push(`not imported (see /imported/skipped):`);
    for (const s of imported.skipped) lines.push(`  ${s.resource} (${s.type}): ${s.reason}${s.source ? ` [${s.source.file}${s.source.line ? `:${s.source.line}` : ''}]` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Validate, prove it loads, write. */
export function writeImportedEstate(estate: Estate, out: string): void {
  relocate(estate, out);
  validateOrThrow<Estate>(`${out} (imported)`, JSON.parse(JSON.stringify(estate)), schemaValidator('estate'));
  buildState(estate, `${out} (imported)`);
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ $schema: relative(dirname(resolve(out)), join(SCHEMA_DIR, 'estate.schema.json')).split(sep).join('/'), ...estate }, null, 2)}\n`);
}

export async function estateImport(args: string[]): Promise<number> {
  const [source, ...rest] = args;
  if (source === '--help' || source === '-h' || rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${IMPORT_USAGE}\n`);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      parameter: { type: 'string', multiple: true }, account: { type: 'string' }, region: { type: 'string' }, 'stack-name': { type: 'string' },
      'account-for-provider': { type: 'string', multiple: true }, config: { type: 'string' }, endpoint: { type: 'string' }, principal: { type: 'string', multiple: true }, out: { type: 'string', default: 'estate.json' },
    },
  });
  let estate: Estate;
  switch (source) {
    case 'cloudformation':
    case 'cdk': {
      const { importCloudFormation } = await import('../estate/import/cloudformation/index.ts');
      estate = importCloudFormation(positionals, { parameters: keyValues(values.parameter, '--parameter'), account: values.account, region: values.region, stackName: values['stack-name'] });
      break;
    }
    case 'terraform': {
      const { importTerraform } = await import('../estate/import/terraform/index.ts');
      estate = importTerraform(positionals, { accountForProvider: keyValues(values['account-for-provider'], '--account-for-provider'), account: values.account, region: values.region });
      break;
    }
    case 'aws': {
      estate = await importLive(values.config ?? 'crossgate.aws.json', values.region, values.endpoint, values.principal);
      break;
    }
    default:
      throw new UserError(`${source ? `unknown import source '${source}'` : 'estate import: from what?'}\n${IMPORT_USAGE}`);
  }
  writeImportedEstate(estate, values.out!);
  process.stdout.write(summary(estate, values.out!));
  return 0;
}
