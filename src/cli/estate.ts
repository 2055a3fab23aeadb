/**
 * `crossgate estate generate --accounts N --apis M --routes R --roles K --seed S [--out DIR]`:
 * a deterministic estate of that size, with its config, features and controls.
 */
import { parseArgs } from 'node:util';
import { join, relative } from 'node:path';
import { CONFIG_FILE, CONTROLS_FILE, FEATURES_DIR, generateEstate, writeGenerated } from '../estategen/index.ts';
import { UserError } from '../util/userError.ts';

export const ESTATE_USAGE = 'usage: crossgate estate generate --accounts N --apis M --routes R --roles K [--seed S] [--region us-east-1] [--out reports/estate]\n       crossgate estate import cloudformation|terraform|aws … (crossgate estate import --help)';

function whole(name: string, value: string | undefined): number {
  if (value === undefined) throw new UserError(`estate generate: --${name} is required\n${ESTATE_USAGE}`);
  if (!/^\d+$/.test(value)) throw new UserError(`--${name}: '${value}' is not a whole number`);
  return Number(value);
}

export async function estate(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === 'import') {
    const { estateImport } = await import('./estateImport.ts');
    return estateImport(rest);
  }
  if (verb !== 'generate') throw new UserError(`${verb ? `unknown estate command '${verb}'` : 'estate: which command?'}\n${ESTATE_USAGE}`);
  const { values } = parseArgs({
    args: rest,
    options: {
      accounts: { type: 'string' }, apis: { type: 'string' }, routes: { type: 'string' }, roles: { type: 'string' },
      seed: { type: 'string', default: '1' }, region: { type: 'string' }, out: { type: 'string', default: join('reports', 'estate') },
    },
  });
  const generated = generateEstate({
    accounts: whole('accounts', values.accounts), apis: whole('apis', values.apis), routes: whole('routes', values.routes), roles: whole('roles', values.roles),
    seed: values.seed!, region: values.region,
  });
  const dir = values.out!;
  writeGenerated(generated, dir);
  const s = generated.summary;
  const rel = (f: string) => relative(process.cwd(), join(dir, f)) || '.';
  process.stdout.write(
    `wrote ${rel('.')}: ${s.accounts} accounts, ${s.apis} APIs, ${s.routes} routes, ${s.roles} roles, ${s.users} users, ${s.policies} policies; ${s.scenarios} scenarios\n` +
      `run it: npx crossgate run --config ${rel(CONFIG_FILE)} --features ${rel(FEATURES_DIR)} --controls ${rel(CONTROLS_FILE)} --reports ${rel('reports')}\n`,
  );
  return 0;
}
