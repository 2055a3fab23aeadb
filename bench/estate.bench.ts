/**
 * Estate-wide checks on generated estates (`crossgate estate generate`) of 10 × 10,
 * 100 × 100 and 1,000 roles × 1,000 routes:
 *
 * - reads: discovery's AWS calls (GetAccountAuthorizationDetails, GetApis, GetRoutes,
 *   GetStages, all pages, against the embedded AWS through the SDK) against one call per
 *   role and policy (ListRoles pages, then GetRole, ListAttachedRolePolicies,
 *   ListRolePolicies, GetPolicy + GetPolicyVersion per attachment, GetRolePolicy per
 *   inline policy), counted from what discovery found;
 * - decisions: the estate model's one pass (every role and user × every AWS_IAM route
 *   of its account × every method), decisions per CPU second, against
 *   @cloud-copilot/iam-simulate deciding a sample of the same requests in the same
 *   process (dev-time oracle only; the two must agree on the sample);
 * - growth: CPU time and heap of discovery and of the model by estate size.
 */
import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import { discoverApis, discoverIam, type DiscoveredAccount } from '../src/aws/discovery.ts';
import { closeClients } from '../src/aws/clients.ts';
import { buildEstateModel, type EstateModel } from '../src/checks/estate/model.ts';
import { buildState, startEmulator } from '../src/emulator/index.ts';
import type { Estate } from '../src/emulator/index.ts';
import { generateEstate, ESTATE_FILE, type GenerateOptions } from '../src/estategen/index.ts';
import { authorize, principalKeys, type AuthorizationRequest } from '../src/policy/index.ts';
import { formatRate, median, type Bench, type BenchEntry } from './support.ts';
import { formatTable, writeTable, type Row } from './tables.ts';

const SIZES: { label: string; options: GenerateOptions }[] = [
  { label: '10×10', options: { accounts: 3, apis: 1, routes: 10, roles: 10, seed: 'estate-bench' } },
  { label: '100×100', options: { accounts: 3, apis: 2, routes: 100, roles: 100, seed: 'estate-bench' } },
  { label: '1000×1000', options: { accounts: 3, apis: 20, routes: 1000, roles: 1000, seed: 'estate-bench' } },
];

const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

/** One call per role and policy: what reading the same roles role by role would cost. */
function perRoleCalls(accounts: readonly DiscoveredAccount[]): number {
  let calls = 0;
  for (const a of accounts) {
    calls += Math.max(1, Math.ceil(a.roles.length / 100)); // ListRoles, 100 per page (IAM's default MaxItems)
    for (const r of a.roles) calls += 3 + 2 * r.attachedPolicyArns.length + r.inlinePolicies.length;
    calls += a.apis.length * 2 + Math.max(1, Math.ceil(a.apis.length / 25)); // GetApis pages, GetRoutes + GetStages per API
  }
  return calls;
}

async function discover(estate: Estate, plan: ReturnType<typeof generateEstate>['plan']): Promise<{ accounts: DiscoveredAccount[]; ms: number }> {
  const emulator = await startEmulator({ state: buildState(estate, ESTATE_FILE) });
  const target = { kind: 'embedded' as const, region: plan.options.region, endpoint: emulator.url };
  try {
    const started = performance.now();
    const accounts: DiscoveredAccount[] = [];
    for (const p of plan.principals.filter((x) => x.role === 'auditor')) {
      const credentials = { accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey };
      const calls: Record<string, number> = {};
      const iam = await discoverIam(target, credentials, p.name, calls);
      const apis = await discoverApis(target, credentials, p.name, calls);
      accounts.push({ accountId: p.account.id, ...iam, apis, calls });
    }
    return { accounts, ms: performance.now() - started };
  } finally {
    closeClients(target);
    await emulator.close();
  }
}

/** Every policy document discovery read, by the name the model gives it. */
function documentsOf(accounts: readonly DiscoveredAccount[]): Map<string, object> {
  const docs = new Map<string, object>();
  for (const a of accounts) {
    for (const [arn, d] of a.managedPolicies) docs.set(arn, JSON.parse(d.document) as object);
    for (const e of [...a.roles, ...a.users]) for (const d of e.inlinePolicies) docs.set(d.id, JSON.parse(d.document) as object);
  }
  return docs;
}

/** A sample of the model's requests, as authorize() saw them, for the oracle. */
function sample(model: EstateModel, docs: Map<string, object>, n: number): { req: AuthorizationRequest; documents: { name: string; policy: object }[] }[] {
  const out: { req: AuthorizationRequest; documents: { name: string; policy: object }[] }[] = [];
  const principals = model.principals.filter((p) => p.identity.length > 0 && !p.boundary);
  const routes = model.routes.filter((r) => r.authorizationType === 'AWS_IAM');
  for (let i = 0; out.length < n && i < n * 20; i++) {
    const p = principals[(i * 7919) % principals.length]!;
    const own = routes.filter((r) => r.accountId === p.accountId);
    if (own.length === 0) continue;
    const route = own[(i * 104729) % own.length]!;
    const q = route.requests[i % route.requests.length]!;
    out.push({
      req: { principal: p.as, action: 'execute-api:Invoke', resource: q.resource, resourceAccount: route.accountId, identityPolicies: p.identity },
      documents: p.identity.map((x) => ({ name: x.name, policy: docs.get(x.name)! })),
    });
  }
  return out;
}

const bench: Bench = {
  name: 'estate-wide checks: discovery reads and one-pass decisions vs iam-simulate',
  async run({ quick, log }) {
    const rows: Row[] = [];
    const entries: BenchEntry[] = [];
    let last: { model: EstateModel; docs: Map<string, object> } | undefined;
    for (const { label, options } of quick ? SIZES.slice(0, 2) : SIZES) {
      const generated = generateEstate(options);
      const estate = JSON.parse(generated.files.get(ESTATE_FILE)!) as Estate;
      const heapBefore = process.memoryUsage().heapUsed;
      const { accounts, ms: discoveryMs } = await discover(estate, generated.plan);
      const reads = accounts.reduce((n, a) => n + Object.values(a.calls).reduce((x, y) => x + y, 0), 0);
      const perRole = perRoleCalls(accounts);
      const before = process.cpuUsage();
      const model = buildEstateModel(accounts, { region: generated.plan.options.region });
      const modelMs = cpuMs(before);
      const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
      const roles = model.roles.length;
      const routes = model.routes.length;
      rows.push({
        estate: label, roles, routes, reads, 'reads, one per role and policy': perRole, 'discovery ms': Math.round(discoveryMs),
        decisions: model.decisions, 'model cpu ms': Math.round(modelMs), 'decisions/s': Math.round(model.decisions / (modelMs / 1000)), 'heap MB': Math.round(heapMb),
      });
      log(`${label}: ${roles} roles, ${routes} routes: ${reads} reads (role by role: ${perRole}); ${model.decisions} decisions in ${modelMs.toFixed(0)} ms CPU; ${model.invokeGrants.length} grants; problems ${model.problems.length}`);
      if (model.problems.length > 0) throw new Error(`discovery could not read the generated estate: ${model.problems.slice(0, 3).join('; ')}`);
      entries.push({ name: `estate discovery reads, ${label} (calls saved)`, unit: 'calls', crossgate: reads, baseline: perRole, ratio: perRole / reads });
      last = { model, docs: documentsOf(accounts) };
    }
    for (const line of formatTable(rows)) log(line);
    writeTable('estate-wide', rows);

    // Decisions per second, crossgate's one pass against iam-simulate on a sample of the same requests.
    const { model, docs } = last!;
    const picks = sample(model, docs, quick ? 300 : 2000);
    const oracle = (i: number) => {
      const { req, documents } = picks[i]!;
      const result = runUnsafeSimulation({
        request: { principal: req.principal.arn, action: req.action, resource: { resource: req.resource, accountId: req.resourceAccount }, contextVariables: principalKeys(req.principal) as Record<string, string | string[]> },
        identityPolicies: documents,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      }, {});
      return result === 'Allowed' ? 'allowed' : result === 'ExplicitlyDenied' ? 'explicitDeny' : 'implicitDeny';
    };
    const disagreements: string[] = [];
    const ratesC: number[] = [];
    const ratesB: number[] = [];
    for (let round = 0; round < (quick ? 2 : 5); round++) {
      let t = process.cpuUsage();
      const ours = picks.map((p) => authorize(p.req).decision);
      ratesC.push(picks.length / (cpuMs(t) / 1000));
      t = process.cpuUsage();
      const theirs = picks.map((_, i) => oracle(i));
      ratesB.push(picks.length / (cpuMs(t) / 1000));
      if (round === 0) theirs.forEach((d, i) => d !== ours[i] && disagreements.push(`${picks[i]!.req.principal.arn} ${picks[i]!.req.resource}: crossgate ${ours[i]}, iam-simulate ${d}`));
    }
    log(`sample of ${picks.length} requests: disagreements ${disagreements.length}`);
    if (disagreements.length > 0) throw new Error(`the engines disagree on ${disagreements.length} of the sample, e.g.\n${disagreements.slice(0, 5).join('\n')}`);
    const onePass = Number(rows.at(-1)!['decisions/s']);
    const baseline = median(ratesB);
    log(`one pass: ${formatRate(onePass)} decisions/s (CPU); same requests one by one: crossgate ${formatRate(median(ratesC))}/s, iam-simulate ${formatRate(baseline)}/s`);
    entries.push({ name: `estate-wide decisions per CPU second, ${quick ? SIZES[1]!.label : SIZES[2]!.label} (one pass vs iam-simulate)`, unit: 'decisions/s', crossgate: onePass, baseline, ratio: onePass / baseline });
    return entries;
  },
};

export default bench;
