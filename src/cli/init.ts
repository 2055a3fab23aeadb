/**
 * `crossgate init [--estate FILE] [--out DIR]`: a starting project for an estate (hand
 * written or imported): crossgate.config.json for the embedded AWS, crossgate.aws.json
 * for real accounts (values that differ per environment read from ${env:…}),
 * controls.json, features that pin what the estate does today (who each role trusts,
 * which routes use IAM, which routes each role's policies allow), CheckNoNewAccess
 * baselines, and REVIEW.md. The features describe the estate as it is: a reviewer
 * decides whether that is what it should be. Every generated file says what to review.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { routeDecisions } from '../checks/static/routes.ts';
import type { CrossgateConfig, PrincipalConfig } from '../config/types.ts';
import { buildState } from '../emulator/estate/load.ts';
import { loadEstateFile } from '../estate/load.ts';
import type { Estate, EstateApi, EstateRole } from '../estate/types.ts';
import { UserError } from '../util/userError.ts';
import { SCHEMA_DIR } from '../util/schemas.ts';

export const INIT_USAGE = 'usage: crossgate init [--estate estate.json] [--out .] [--force]';

const CONTROLS = {
  'INIT-TRUST-01': { title: 'Each role trusts only the accounts it trusts today', layer: 'static', description: "The role's trust policy admits principals of the listed accounts and no others (generated from the estate; review the list)." },
  'INIT-TRUST-02': { title: 'No role is publicly assumable', layer: 'analyzer', description: 'access-analyzer:CheckNoPublicAccess on each trust policy that names AWS principals answers PASS.' },
  'INIT-BASE-01': { title: 'No role gains access beyond its baseline', layer: 'analyzer', description: "access-analyzer:CheckNoNewAccess: each role's permission policies grant nothing their committed baseline does not." },
  'INIT-ROUTE-01': { title: 'Routes require IAM authorization, except those listed', layer: 'static', description: 'Every route of the HTTP API uses AWS_IAM except the routes the feature lists (generated from the routes open today; review them).' },
  'INIT-ROUTE-02': { title: "Each role's policies allow exactly the routes they allow today", layer: 'static', description: "crossgate's evaluator, over the role's identity policies and each route's concrete ARN, allows exactly the listed routes." },
} as const;

const ESTATE_CONTROLS = {
  'INIT-ESTATE-01': { title: "No role can be assumed from outside the accounts that may assume an account's roles today", layer: 'static', description: 'Every role of the account (all of them, as discovery reads them) trusts no principal outside the listed accounts.' },
  'INIT-ESTATE-02': { title: 'Every route of every HTTP API requires IAM, except those open today', layer: 'static', description: 'Each route of each HTTP API of the account uses AWS_IAM, except the listed ones.' },
  'INIT-ESTATE-03': { title: 'Exactly these principals invoke the API, each exactly its routes', layer: 'static', description: "Decided by crossgate's engine for every role and user of the API's account on every AWS_IAM route." },
} as const;

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

function table(header: string[], rows: string[][], indent: string): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `${indent}| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), ...rows.map(line)].join('\n');
}

/** Principal kinds other than AWS a trust policy admits (Service, Federated, CanonicalUser). */
function otherPrincipals(role: EstateRole): string[] {
  const out = new Set<string>();
  const statements = ([] as unknown[]).concat((role.assumeRolePolicyDocument as { Statement?: unknown }).Statement ?? []);
  for (const s of statements as { Effect?: string; Principal?: unknown }[]) {
    if (s.Effect !== 'Allow' || !s.Principal || typeof s.Principal !== 'object') continue;
    for (const k of Object.keys(s.Principal)) if (k !== 'AWS') out.add(k);
  }
  return [...out];
}

/** Account ids a trust policy names as AWS principals ('*' as '*'). */
function trustedAccounts(role: EstateRole): string[] {
  const out = new Set<string>();
  const statements = ([] as unknown[]).concat((role.assumeRolePolicyDocument as { Statement?: unknown }).Statement ?? []);
  for (const s of statements as { Effect?: string; Principal?: unknown }[]) {
    if (s.Effect !== 'Allow') continue;
    const p = s.Principal;
    const aws = p === '*' ? ['*'] : ([] as unknown[]).concat((p as { AWS?: unknown } | undefined)?.AWS ?? []);
    for (const a of aws) {
      if (a === '*') out.add('*');
      else if (typeof a === 'string') {
        const id = /^\d{12}$/.test(a) ? a : /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(a)?.[1];
        if (id) out.add(id);
      }
    }
  }
  return [...out];
}

export interface InitResult { files: string[]; config: CrossgateConfig }

export async function initProject(estateFile: string, outDir: string, force = false): Promise<InitResult> {
  const estate: Estate = loadEstateFile(estateFile);
  const state = buildState(estate, estateFile);
  const files: string[] = [];
  const usedControls = new Set<string>();
  const write = (rel: string, text: string) => {
    for (const m of text.matchAll(/@control:([A-Z0-9-]+)/g)) usedControls.add(m[1]!);
    const file = join(outDir, rel);
    if (existsSync(file) && !force) throw new UserError(`${file}: exists; crossgate init writes new files only (--force overwrites)`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    files.push(file);
  };

  // Accounts: the estate's alias, else A, B, C… in order; accounts trusted but not in the estate get ext-<id>.
  const accounts: Record<string, string> = {};
  const aliasOf = new Map<string, string>();
  estate.accounts.forEach((a, i) => {
    const alias = a.alias && /^[A-Za-z0-9][\w-]*$/.test(a.alias) ? a.alias : i < 26 ? String.fromCharCode(65 + i) : `acct${i}`;
    accounts[alias] = a.id;
    aliasOf.set(a.id, alias);
  });
  const alias = (id: string) => {
    if (!aliasOf.has(id)) {
      aliasOf.set(id, `ext-${id}`);
      accounts[`ext-${id}`] = id;
    }
    return aliasOf.get(id)!;
  };

  const placeholders = new Map((estate.imported?.placeholders ?? []).map((p) => [p.value, p]));
  const apis: CrossgateConfig['apis'] = {};
  const awsApis: CrossgateConfig['apis'] = {};
  const apiKeys = new Map<EstateApi, string>();
  const envNames: string[] = [];
  for (const a of estate.accounts) {
    for (const api of a.apis ?? []) {
      let key = slug(api.name);
      while (key in apis) key = `${key}-${api.apiId.slice(0, 4)}`;
      apiKeys.set(api, key);
      const stage = (api.stages ?? ['$default'])[0]!;
      apis[key] = { account: aliasOf.get(a.id)!, apiId: api.apiId, stage };
      // On real accounts the id is the deployed one: a placeholder id comes from the environment.
      const env = `${key.toUpperCase().replace(/-/g, '_')}_API_ID`;
      if (placeholders.has(api.apiId)) envNames.push(env);
      awsApis[key] = { account: aliasOf.get(a.id)!, apiId: placeholders.has(api.apiId) ? `\${env:${env}}` : api.apiId, stage };
    }
  }

  const roles: CrossgateConfig['roles'] = {};
  const principals: Record<string, PrincipalConfig> = {};
  const awsPrincipals: Record<string, PrincipalConfig> = {};
  const auditors: Record<string, string> = {};
  const awsAuditors: Record<string, string> = {};
  for (const a of estate.accounts) {
    const acct = aliasOf.get(a.id)!;
    for (const r of a.roles ?? []) roles[r.name] = { account: acct, ...(r.path && r.path !== '/' ? { path: r.path } : {}) };
    for (const u of a.users ?? []) {
      const key = slug(u.name);
      if (!(key in principals)) principals[key] = { account: acct, credentials: { source: 'estate', user: u.name } };
    }
    // Each account is read by its local administrator on the embedded AWS, by an auditing profile on AWS.
    const auditor = `auditor-${slug(acct)}`;
    principals[auditor] = { account: acct, credentials: { source: 'estate' } };
    auditors[acct] = auditor;
    awsPrincipals[auditor] = { account: acct, credentials: { source: 'profile', profile: `\${env:CROSSGATE_PROFILE_${acct.toUpperCase().replace(/-/g, '_')}}` } };
    awsAuditors[acct] = auditor;
  }

  // Features.
  const review = (what: string) => `# Generated by crossgate init from ${basename(estateFile)}: it pins what the estate does today.\n# Review: ${what}\n`;
  const trustRoles = estate.accounts.flatMap((a) => (a.roles ?? []).map((r) => ({ r, trusted: trustedAccounts(r) }))).filter((x) => x.trusted.length > 0);
  if (trustRoles.length > 0) {
    const lines = [review('each role should trust exactly the accounts listed; remove a role or an account that should not be there, and a scenario fails until the estate agrees.'), 'Feature: Who may assume each role', '  Generated from the trust policies of the estate\'s roles that name AWS principals.', ''];
    for (const { r, trusted } of trustRoles) {
      const named = trusted.filter((t) => t !== '*').map(alias);
      const others = otherPrincipals(r);
      if (trusted.includes('*')) {
        // '*' passes the step only with a condition pinning accounts; whether it is public is the next scenario's question.
        lines.push(`  # Review: ${r.name} trusts '*' (any AWS principal, limited only by its conditions); no "trusts no account other than" scenario is generated for it.`, '');
      } else if (others.length) {
        // The step admits accounts only: a role that also trusts a service cannot pass it as it stands.
        lines.push(`  # Review: ${r.name} also trusts ${others.join(' and ')} principals; no "trusts no account other than" scenario is generated for it. Accounts it trusts: ${named.join(', ') || 'none'}.`, '');
      } else lines.push('  @static @control:INIT-TRUST-01', `  Scenario: ${r.name} trusts no account other than ${named.join(', ') || 'its own'}`, `    Then the role ${r.name} trusts no account other than ${named.length ? named.join(', ') : alias(estate.accounts.find((a) => a.roles?.includes(r))!.id)}`, '');
      lines.push('  @analyzer @control:INIT-TRUST-02', `  Scenario: ${r.name} is not publicly assumable`, `    Then the trust policy of the role ${r.name} is not publicly assumable`, '');
    }
    write('features/trust.feature', lines.join('\n'));
  }
  for (const a of estate.accounts) {
    for (const api of a.apis ?? []) {
      const key = apiKeys.get(api)!;
      if (api.routes.length === 0) continue;
      const open = api.routes.filter((r) => (r.authorizationType ?? 'NONE') !== 'AWS_IAM').map((r) => r.routeKey);
      const lines = [
        review(`the routes listed as open (not AWS_IAM) should be the ones meant to be public; each role should reach exactly the routes in its table.${placeholders.has(api.apiId) ? ` The API id ${api.apiId} is a placeholder: on AWS, set ${key.toUpperCase().replace(/-/g, '_')}_API_ID.` : ''}`),
        '@static', `Feature: The HTTP API ${api.name}`, `  Routes and the roles that reach them, as the estate has them.`, '', '  Background:', `    Given the HTTP API "${key}"`, '',
        '  @control:INIT-ROUTE-01', `  Scenario: Routes of ${api.name} require IAM authorization${open.length ? ', except the open ones' : ''}`,
        open.length ? `    Then every route of the HTTP API "${key}" uses AWS_IAM except "${open.join(', ')}"` : `    Then every route of the HTTP API "${key}" uses AWS_IAM`, '',
      ];
      // Roles of the API's account whose policies reach some route of it.
      for (const r of a.roles ?? []) {
        const role = state.iam.findRole(a.id, r.name);
        if (!role) continue;
        const policies = state.iam.identityPolicies(role);
        const decisions = routeDecisions({ accountId: a.id, name: r.name, path: r.path }, policies, { partition: 'aws', region: estate.region, accountId: a.id, apiId: api.apiId, stage: (api.stages ?? ['$default'])[0]! }, api.routes.map((x) => ({ routeKey: x.routeKey, authorizationType: x.authorizationType ?? 'NONE' })));
        const byRoute = new Map<string, boolean[]>();
        for (const d of decisions) byRoute.set(d.routeKey, [...(byRoute.get(d.routeKey) ?? []), d.result.decision === 'allowed']);
        const allowed = [...byRoute].filter(([, ds]) => ds.every(Boolean)).map(([k]) => k);
        const partial = [...byRoute].filter(([, ds]) => ds.some(Boolean) && !ds.every(Boolean)).map(([k]) => k);
        if (allowed.length === 0 && partial.length === 0) continue;
        if (partial.length) {
          lines.push(`  # Review: ${r.name} reaches only some methods of ${partial.join(', ')} (an ANY or $default route); no exact table is generated for it. Routes it reaches wholly: ${allowed.join(', ') || 'none'}.`, '');
          continue;
        }
        lines.push('  @control:INIT-ROUTE-02', `  Scenario: The policies of ${r.name} allow exactly their routes of ${api.name}`, `    Then the policies of the role ${r.name} allow exactly these routes of the HTTP API "${key}":`, table(['route'], allowed.map((k) => [k]), '      '), '');
      }
      write(`features/${key}.feature`, lines.join('\n'));
    }
  }

  const withPolicies = estate.accounts.flatMap((a) => (a.roles ?? []).filter((r) => Object.keys(r.inlinePolicies ?? {}).length || (r.attachedPolicies ?? []).length));
  if (withPolicies.length > 0) {
    const lines = [review('the baselines in baselines/ are the access each role has today; a run fails when a policy grants more. After an intended change, rewrite them with `npx crossgate baseline write --config crossgate.config.json` and review the diff.'), 'Feature: No new access', '  Each role\'s permission policies against the baseline written when the project was made.', ''];
    for (const r of withPolicies) lines.push('  @analyzer @control:INIT-BASE-01', `  Scenario: ${r.name} grants no new access`, `    Then the policies of the role ${r.name} grant no new access compared to its baseline`, '');
    write('features/baselines.feature', lines.join('\n'));
  }

  const rel = (file: string) => relative(resolve(outDir), resolve(file)).split(sep).join('/');
  const config: CrossgateConfig = { target: 'embedded', region: estate.region, estate: rel(estateFile), accounts, apis, roles, principals, auditors, baselines: 'baselines' };
  const awsConfig = { target: 'aws', region: estate.region, accounts, apis: awsApis, roles, principals: awsPrincipals, auditors: awsAuditors, baselines: 'baselines' };
  const schema = (name: string) => relative(resolve(outDir), join(SCHEMA_DIR, name)).split(sep).join('/');
  write('crossgate.config.json', `${JSON.stringify({ $schema: schema('config.schema.json'), ...config }, null, 2)}\n`);
  write('crossgate.aws.json', `${JSON.stringify({ $schema: schema('config.schema.json'), ...awsConfig }, null, 2)}\n`);
  write('controls.json', `${JSON.stringify({ $schema: schema('controls.schema.json'), description: 'Controls of the features crossgate init generated. Review: titles and descriptions are generic; say what each control means for these accounts.', controls: Object.fromEntries(Object.entries(CONTROLS).filter(([id]) => usedControls.has(id))) }, null, 2)}\n`);

  const skipped = estate.imported?.skipped ?? [];
  write('REVIEW.md', [
    `# What to review`,
    '',
    `Generated by \`crossgate init\` from \`${rel(estateFile)}\`. The features describe what the estate does **today**; a green run means "unchanged", not "right". Read each file before trusting it:`,
    '',
    '- `crossgate.config.json` — the embedded AWS with the estate. Account aliases are letters in the estate\'s order (or its aliases); rename them freely, features name them. Each account is read by its local administrator (`{"source": "estate"}`, see docs/your-infrastructure.md).',
    `- \`crossgate.aws.json\` — the same checks on real accounts. Set the environment it reads: ${[...envNames, ...Object.keys(awsAuditors).map((a) => `CROSSGATE_PROFILE_${a.toUpperCase().replace(/-/g, '_')}`)].map((e) => `\`${e}\``).join(', ')}. Give each auditing profile the read-only policy of docs/aws-target.md.`,
    '- `controls.json` — generic titles: say what each control means for these accounts.',
    '- `features/trust.feature` — every role that trusts AWS principals, with the accounts it trusts today. A role that should trust fewer accounts: change the list, and the run fails until the trust policy is fixed.',
    '- `features/<api>.feature` — the routes left open (not AWS_IAM) and, per role, the routes its policies allow. Remove a route from a table that should not be there.',
    '- `baselines/` — CheckNoNewAccess baselines of each role\'s policies (written by `crossgate baseline write`): later runs fail when a policy grants more than its baseline.',
    ...(estate.imported ? ['', `The estate was imported: ${estate.imported.placeholders.length} placeholder(s) stand for values known only after deploy, and ${skipped.length} resource(s) or link(s) were not imported (the estate's \`imported\` section lists them).`] : []),
    '',
    'Run: `npx crossgate run --config crossgate.config.json --features features --controls controls.json`',
    '',
  ].join('\n'));

  return { files, config };
}

/**
 * features/estate.feature with the estate-wide steps, from the model crossgate's
 * discovery builds over the generated config (every role, user and route of each
 * account): who may assume roles from outside each account, who invokes each API's
 * AWS_IAM routes, which routes are open. What would not pass as the estate stands
 * (a role trusting '*' or a federated identity; a principal reaching only some methods
 * of a route) is left as a Review note instead of a scenario.
 */
export async function writeEstateFeature(outDir: string, estateName: string, force = false): Promise<string | undefined> {
  const { startHarness } = await import('../checks/harness.ts');
  const { discoverEstate } = await import('../checks/estateWide.ts');
  const { principalLabel } = await import('../checks/estate/invariants.ts');
  const configPath = join(outDir, 'crossgate.config.json');
  const h = await startHarness(configPath);
  try {
    const model = await discoverEstate(h);
    const aliasOf = new Map(Object.entries(h.config.accounts).map(([a, id]) => [id, a]));
    const alias = (id: string) => aliasOf.get(id) ?? id;
    const lines = [
      `# Generated by crossgate init from ${estateName}: it pins what the estate does today.`,
      '# Review: the accounts each account\'s roles may be assumed from, the principals that invoke each API and their routes, the routes left open.',
      '@static',
      'Feature: The whole estate',
      '  Every role, user and route of the audited accounts, as discovery reads them.',
      '',
    ];
    for (const account of model.accounts) {
      const roles = model.roles.filter((r) => r.accountId === account);
      if (roles.length === 0) continue;
      const outside = roles.flatMap((r) => r.outside.map((o) => ({ role: r.name, o })));
      const loose = outside.filter(({ o }) => !o.accountId && !o.pinnedTo?.length);
      if (loose.length) {
        lines.push(`  # Review: in account ${alias(account)}, ${[...new Set(loose.map((x) => x.role))].join(', ')} may be assumed by '*' or a federated identity; no "from outside" scenario is generated for the account.`, '');
      } else {
        const allowed = [...new Set(outside.flatMap(({ o }) => (o.accountId ? [o.accountId] : o.pinnedTo ?? [])))].filter((a) => a !== account);
        const list = (allowed.length ? allowed : [account]).map(alias).join(', ');
        lines.push('  @control:INIT-ESTATE-01', `  Scenario: No role in account ${alias(account)} can be assumed from outside ${list}`, `    Then no role in account ${alias(account)} can be assumed from outside account ${list}`, '');
      }
      // The step's allow-list names a route of any API ("GET /health") or of one ("<API name or id>: GET /health").
      const accountRoutes = model.routes.filter((r) => r.accountId === account);
      const apiIds = new Set(accountRoutes.map((r) => r.apiId));
      const nameUnique = (r: (typeof accountRoutes)[number]) => !r.apiName.includes(':') && new Set(accountRoutes.filter((x) => x.apiName === r.apiName).map((x) => x.apiId)).size === 1;
      const open = [...new Set(accountRoutes.filter((r) => r.authorizationType !== 'AWS_IAM').map((r) => (apiIds.size === 1 ? r.routeKey : `${nameUnique(r) ? r.apiName : r.apiId}: ${r.routeKey}`)))];
      if (accountRoutes.length > 0) {
        lines.push('  @control:INIT-ESTATE-02', `  Scenario: The routes of account ${alias(account)} require IAM${open.length ? ', except the open ones' : ''}`,
          open.length ? `    Then every route of every HTTP API in account ${alias(account)} uses AWS_IAM except "${open.join(', ')}"` : `    Then every route of every HTTP API in account ${alias(account)} uses AWS_IAM`, '');
      }
    }
    for (const [key, api] of Object.entries(h.config.apis)) {
      const routes = model.routes.filter((r) => r.apiId === api.apiId && r.authorizationType === 'AWS_IAM');
      if (routes.length === 0) continue;
      const grants = model.invokeGrants.filter((g) => g.route.apiId === api.apiId);
      const partial = grants.filter((g) => g.methods.length < g.route.requests.length);
      if (partial.length) {
        lines.push(`  # Review: ${[...new Set(partial.map((g) => `${principalLabel(g.principal)} (${g.route.routeKey}: ${g.methods.join(', ')})`))].join('; ')} reach only some methods of a route; no "only these principals" scenario is generated for the HTTP API "${key}".`, '');
        continue;
      }
      const keys = [...new Set(routes.map((r) => r.routeKey))];
      const by = new Map<string, Set<string>>();
      for (const g of grants) by.set(principalLabel(g.principal), new Set([...(by.get(principalLabel(g.principal)) ?? []), g.route.routeKey]));
      const rows = [...by].sort(([a], [b]) => a.localeCompare(b)).map(([p, set]) => [p, set.size === keys.length ? 'every AWS_IAM route' : keys.filter((k) => set.has(k)).join(', ')]);
      lines.push('  @control:INIT-ESTATE-03', `  Scenario: Exactly these principals invoke the HTTP API ${key}, each exactly its routes`, `    Then only these principals can invoke the HTTP API "${key}":`, table(['principal', 'routes'], rows, '      '), '');
    }
    const file = join(outDir, 'features', 'estate.feature');
    if (existsSync(file) && !force) throw new UserError(`${file}: exists; crossgate init writes new files only (--force overwrites)`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, lines.join('\n'));
    return file;
  } finally {
    await h.close();
  }
}

export async function init(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { estate: { type: 'string', default: 'estate.json' }, out: { type: 'string', default: '.' }, force: { type: 'boolean', default: false }, 'no-baselines': { type: 'boolean', default: false } } });
  const out = values.out!;
  const { files } = await initProject(values.estate!, out, values.force);
  const estateFeature = await writeEstateFeature(out, basename(values.estate!), values.force);
  if (estateFeature) {
    files.push(estateFeature);
    // Its controls join the catalogue.
    const controlsFile = join(out, 'controls.json');
    const catalogue = JSON.parse(readFileSync(controlsFile, 'utf8')) as { controls: Record<string, unknown> };
    const text = readFileSync(estateFeature, 'utf8');
    for (const [id, c] of Object.entries(ESTATE_CONTROLS)) if (text.includes(`@control:${id}`)) catalogue.controls[id] = c;
    writeFileSync(controlsFile, `${JSON.stringify(catalogue, null, 2)}\n`);
  }
  if (!values['no-baselines']) {
    const { startHarness } = await import('../checks/harness.ts');
    const { writeBaseline } = await import('../checks/analyzer.ts');
    const harness = await startHarness(join(out, 'crossgate.config.json'));
    try {
      for (const role of Object.keys(harness.config.roles)) files.push(await writeBaseline(harness, role));
    } finally {
      await harness.close();
    }
  }
  const shown = (f: string) => relative(process.cwd(), f) || f;
  process.stdout.write(`${files.map((f) => `wrote ${shown(f)}`).join('\n')}\nreview ${shown(join(out, 'REVIEW.md'))}, then run: npx crossgate run --config ${shown(join(out, 'crossgate.config.json'))} --features ${shown(join(out, 'features'))} --controls ${shown(join(out, 'controls.json'))}\n`);
  return 0;
}
