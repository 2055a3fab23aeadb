/**
 * The shape of a generated estate, decided by the seed: which account owns which
 * API, the routes of each API, each role's intent and its trusted caller account,
 * and the principals with their (local-only) access keys.
 */
import { UserError } from '../util/userError.ts';
import { seededRandom, type Random } from './random.ts';
import type { GenerateOptions, PlannedAccount, PlannedApi, PlannedPrincipal, PlannedRole, PlannedRoute, RoleKind, EstatePlan } from './types.ts';
import { ALPHANUMERIC_LOWER, ALPHANUMERIC_UPPER, API_NAMES, nth, pascal, RESOURCE_ROUTES, RESOURCES, SECRET_ALPHABET } from './vocabulary.ts';

/** Generated roles live under this path, so a caller's policy can name them all with one ARN per account. */
export const ROLE_PATH = '/xacct/';

const KIND_NAMES: Record<RoleKind, string> = { invoker: 'Invoker', reader: 'Reader', routes: 'Routes', noDelete: 'NoDelete', bounded: 'Bounded' };
/** After each API's first invoker and reader, roles are drawn with these weights. */
const KIND_WEIGHTS: [RoleKind, number][] = [['invoker', 2], ['reader', 2], ['routes', 3], ['noDelete', 2], ['bounded', 2]];

function check(options: GenerateOptions): void {
  const whole = (name: keyof GenerateOptions, min: number) => {
    const v = options[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new UserError(`--${name}: '${String(v)}' is not a whole number of at least ${min}`);
  };
  whole('accounts', 2);
  whole('apis', 1);
  whole('routes', 2);
  whole('roles', 1);
  if (options.routes < 2 * options.apis) throw new UserError(`--routes: ${options.routes} routes cannot give ${options.apis} APIs two routes each (GET /health and one AWS_IAM route)`);
  if (options.accounts > 100_000) throw new UserError('--accounts: at most 100000');
  if (options.region !== undefined && !/^[a-z]{2}(-gov)?-[a-z]+-[0-9]$/.test(options.region)) throw new UserError(`--region: '${options.region}' is not a region`);
}

function drawKind(rand: Random): RoleKind {
  const total = KIND_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let x = rand.next() * total;
  for (const [kind, w] of KIND_WEIGHTS) {
    x -= w;
    if (x < 0) return kind;
  }
  return 'invoker';
}

/** Draw until the value is new (ids and keys must be unique in an estate). */
function unique(seen: Set<string>, make: () => string): string {
  for (;;) {
    const v = make();
    if (!seen.has(v)) {
      seen.add(v);
      return v;
    }
  }
}

/** The routes of an API with n routes: GET /health (NONE), then each resource's routes in turn. */
function apiRoutes(n: number): PlannedRoute[] {
  const routes: PlannedRoute[] = [{ routeKey: 'GET /health', authorizationType: 'NONE' }];
  for (let r = 0; routes.length < n; r++) {
    const resource = nth(RESOURCES, r);
    for (const template of RESOURCE_ROUTES) {
      if (routes.length >= n) break;
      routes.push({ routeKey: template.replace('{r}', resource), authorizationType: 'AWS_IAM' });
    }
  }
  return routes;
}

function accounts(rand: Random, options: GenerateOptions): PlannedAccount[] {
  const outsiders = options.accounts >= 3 ? 1 : 0;
  const rest = options.accounts - outsiders;
  const owners = Math.min(options.apis, Math.max(1, Math.ceil(rest / 2)), rest - 1);
  // Account ids share a seeded three-digit prefix: distinct estates rarely share ids.
  const prefix = 100 + rand.int(900);
  const id = (i: number) => `${prefix}${String(i + 1).padStart(9, '0')}`;
  const out: PlannedAccount[] = [];
  for (let i = 0; i < owners; i++) out.push({ id: id(out.length), alias: `owner-${i + 1}`, kind: 'owner' });
  for (let i = 0; i < rest - owners; i++) out.push({ id: id(out.length), alias: `caller-${i + 1}`, kind: 'caller' });
  if (outsiders) out.push({ id: id(out.length), alias: 'outsider', kind: 'outsider' });
  return out;
}

export function planEstate(options: GenerateOptions): EstatePlan {
  check(options);
  const seed = String(options.seed);
  const rand = seededRandom(`crossgate-estate:${seed}`);
  const all = accounts(rand, options);
  const owners = all.filter((a) => a.kind === 'owner');
  const callers = all.filter((a) => a.kind === 'caller');

  const apiIds = new Set<string>();
  const apis: PlannedApi[] = [];
  for (let i = 0; i < options.apis; i++) {
    const n = Math.floor(options.routes / options.apis) + (i < options.routes % options.apis ? 1 : 0);
    apis.push({
      name: nth(API_NAMES, i),
      apiId: unique(apiIds, () => rand.chars(ALPHANUMERIC_LOWER, 10)),
      owner: owners[i % owners.length]!,
      routes: apiRoutes(n),
    });
  }

  const roles: PlannedRole[] = [];
  const perApi = new Map<PlannedApi, number>();
  for (let j = 0; j < options.roles; j++) {
    const api = apis[j % apis.length]!;
    const index = (perApi.get(api) ?? 0) + 1;
    perApi.set(api, index);
    const kind: RoleKind = index === 1 ? 'invoker' : index === 2 ? 'reader' : drawKind(rand);
    const iamRoutes = api.routes.filter((r) => r.authorizationType === 'AWS_IAM');
    const granted = kind === 'routes' ? rand.sample(iamRoutes.length, 1 + rand.int(Math.min(iamRoutes.length, 30))).map((k) => iamRoutes[k]!.routeKey) : [];
    roles.push({
      name: `${pascal(api.name)}${KIND_NAMES[kind]}${String(index).padStart(2, '0')}`,
      path: ROLE_PATH,
      api,
      kind,
      caller: callers[j % callers.length]!,
      externalId: index > 2 && rand.chance(0.2) ? `xacct-${rand.chars(ALPHANUMERIC_LOWER, 8)}` : undefined,
      grantedRoutes: granted,
      sourceIpCondition: kind === 'routes' && rand.chance(0.5),
      decommissionDeny: rand.chance(0.3),
    });
  }

  const keys = new Set<string>();
  const principal = (name: string, account: PlannedAccount, role: PlannedPrincipal['role']): PlannedPrincipal => ({
    name, account, role,
    accessKeyId: unique(keys, () => `AKIA${rand.chars(ALPHANUMERIC_UPPER, 16)}`),
    secretAccessKey: rand.chars(SECRET_ALPHABET, 40),
  });
  const principals: PlannedPrincipal[] = [];
  owners.forEach((a, i) => principals.push(principal(`auditor-${i + 1}`, a, 'auditor')));
  callers.forEach((a, i) => {
    principals.push(principal(`ci-${i + 1}`, a, 'ci'));
    principals.push(principal(`bystander-${i + 1}`, a, 'bystander'));
  });
  for (const a of all.filter((x) => x.kind === 'outsider')) principals.push(principal('outsider', a, 'outsider'));

  return {
    options: { accounts: options.accounts, apis: options.apis, routes: options.routes, roles: options.roles, seed, region: options.region ?? 'us-east-1' },
    accounts: all, apis, roles, principals,
  };
}
