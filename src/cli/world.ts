/**
 * `crossgate world generate --accounts N --apis M --routes R --roles K --seed S [--out DIR]`:
 * a deterministic world of that size, with its config, features and controls.
 */
import { parseArgs } from 'node:util';
import { join, relative } from 'node:path';
import { CONFIG_FILE, CONTROLS_FILE, FEATURES_DIR, generateWorld, writeGenerated } from '../worldgen/index.ts';
import { UserError } from '../util/userError.ts';

export const WORLD_USAGE = 'usage: crossgate world generate --accounts N --apis M --routes R --roles K [--seed S] [--region us-east-1] [--out reports/world]';

function whole(name: string, value: string | undefined): number {
  if (value === undefined) throw new UserError(`world generate: --${name} is required\n${WORLD_USAGE}`);
  if (!/^\d+$/.test(value)) throw new UserError(`--${name}: '${value}' is not a whole number`);
  return Number(value);
}

export async function world(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb !== 'generate') throw new UserError(`${verb ? `unknown world command '${verb}'` : 'world: which command?'}\n${WORLD_USAGE}`);
  const { values } = parseArgs({
    args: rest,
    options: {
      accounts: { type: 'string' }, apis: { type: 'string' }, routes: { type: 'string' }, roles: { type: 'string' },
      seed: { type: 'string', default: '1' }, region: { type: 'string' }, out: { type: 'string', default: join('reports', 'world') },
    },
  });
  const generated = generateWorld({
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
