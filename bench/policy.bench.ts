/**
 * The IAM policy engine against @cloud-copilot/iam-simulate (a dev-time oracle,
 * AGPL: benchmarks and tests only), side by side in one process on identical inputs:
 * every principal × route × method of a matrix of the seed estate's principals and a
 * few hundred generated roles with realistic policies (per-route ARNs, wildcards,
 * denies, conditions, policy variables, permissions boundaries).
 *
 * Both engines decide every request of the matrix; the decisions must agree. The
 * baseline is driven through its fastest public entry point (runUnsafeSimulation,
 * which skips validation); it reads the policy documents on every call, as its API
 * has no compiled form. crossgate compiles each policy once and caches it.
 */
import { join } from 'node:path';
import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import { assumedRoleArn, executeApiArn, roleArn } from '../src/arn/index.ts';
import { loadEstate } from '../src/emulator/index.ts';
import { authorize, parsePolicy, principalFromArn, principalKeys } from '../src/policy/index.ts';
import type { AuthorizationRequest, ContextValue, EvalDecision, NamedPolicy, PrincipalIdentity } from '../src/policy/index.ts';
import { formatRate, median, ratePerSecond, type Bench, type BenchEntry } from './support.ts';

const A = '111111111111';
const REGION = 'us-east-1';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const APIS = ['a1b2c3d4e5', 'k3m9x2q7w1', 'p8z4n6v2c5'];
const STAGES = ['$default', 'prod'];
const PATHS = ['/orders', '/orders/42', '/orders/42/items', '/health', '/teams/ops/reports', '/teams/dev/reports', '/admin/users', '/admin/audit'];

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same matrix. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Subject {
  principal: PrincipalIdentity;
  identity: { name: string; document: object }[];
  boundary?: { name: string; document: object };
  context: Record<string, ContextValue>;
}

function apiArn(api: string, rest: string): string {
  return `arn:aws:execute-api:${REGION}:${A}:${api}/${rest}`;
}

/** A generated role's policies: per-route grants, wildcards, denies with conditions, variables. */
function generatedSubject(i: number, rand: () => number): Subject {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const team = pick(['ops', 'dev', 'data']);
  const name = `BenchRole${String(i).padStart(3, '0')}`;
  const api = pick(APIS);
  const statements: object[] = [];
  const grants = 1 + Math.floor(rand() * 6);
  for (let g = 0; g < grants; g++) {
    const stage = rand() < 0.5 ? '$default' : '*';
    const method = rand() < 0.4 ? '*' : pick(METHODS);
    const path = pick(['orders', 'orders/*', '*', 'health', 'teams/${aws:PrincipalTag/team}/*', 'admin/*', 'orders/*/items']);
    // Every API: listed one by one (iam-simulate does not take a wildcard in the API-id segment; see test/policy/known-differences.json).
    const resource = rand() < 0.15 ? APIS.map((a) => apiArn(a, `${stage}/${method}/${path}`)) : apiArn(api, `${stage}/${method}/${path}`);
    const s: Record<string, unknown> = { Sid: `Grant${g}`, Effect: 'Allow', Action: rand() < 0.8 ? 'execute-api:Invoke' : 'execute-api:*', Resource: resource };
    const c = rand();
    if (c < 0.2) s.Condition = { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } };
    else if (c < 0.35) s.Condition = { StringEquals: { 'aws:PrincipalTag/team': team } };
    else if (c < 0.45) s.Condition = { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } };
    statements.push(s);
  }
  if (rand() < 0.5) {
    statements.push({ Sid: 'DenyAdminOutsideOps', Effect: 'Deny', Action: 'execute-api:Invoke', Resource: APIS.map((a) => apiArn(a, '*/*/admin/*')), Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'ops' } } });
  }
  if (rand() < 0.3) {
    statements.push({ Sid: 'DenyDeleteOffNetwork', Effect: 'Deny', Action: 'execute-api:Invoke', Resource: apiArn(api, '*/DELETE/*'), Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } });
  }
  if (rand() < 0.2) {
    statements.push({ Sid: 'DenyInsecure', Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
  }
  if (rand() < 0.2) {
    statements.push({ Sid: 'DenyOtherApis', Effect: 'Deny', Action: 'execute-api:Invoke', NotResource: apiArn(api, '*') });
  }
  const identity = [{ name: `arn:aws:iam::${A}:policy/${name}Invoke`, document: { Version: '2012-10-17', Statement: statements } }];
  if (rand() < 0.4) {
    identity.push({
      name: `arn:aws:iam::${A}:role/${name}#ReadHealth`,
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [...APIS.map((a) => apiArn(a, '*/GET/health')), apiArn(api, '$default/GET/orders')] }] },
    });
  }
  const subject: Subject = {
    principal: {
      arn: assumedRoleArn(A, name, 'bench'),
      accountId: A,
      type: 'assumedRole',
      roleArn: roleArn(A, name),
      userId: `AROABENCH${String(i).padStart(11, '0')}:bench`,
      tags: { team },
    },
    identity,
    context: {
      'aws:SourceIp': rand() < 0.7 ? `10.${i % 250}.0.7` : '203.0.113.9',
      'aws:SecureTransport': rand() < 0.8 ? 'true' : 'false',
      'aws:CurrentTime': '2026-06-01T12:00:00Z',
      'aws:EpochTime': String(Date.parse('2026-06-01T12:00:00Z') / 1000),
    },
  };
  if (rand() < 0.25) {
    subject.boundary = {
      name: `arn:aws:iam::${A}:policy/BenchBoundary`,
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: APIS.map((a) => apiArn(a, '*/GET/*')) }] },
    };
  }
  return subject;
}

/** The seed estate's principals, with the policies the embedded AWS would evaluate. */
function seedSubjects(): Subject[] {
  const state = loadEstate(join(import.meta.dirname, '..', 'estates', 'seed.json'));
  const context = { 'aws:SourceIp': '10.0.0.1', 'aws:SecureTransport': 'true', 'aws:CurrentTime': '2026-06-01T12:00:00Z', 'aws:EpochTime': String(Date.parse('2026-06-01T12:00:00Z') / 1000) };
  const documents = (policies: NamedPolicy[], texts: string[]) => policies.map((p, i) => ({ name: p.name, document: JSON.parse(texts[i] as string) as object }));
  const out: Subject[] = [];
  for (const roleName of ['ApiInvokerRole', 'OrdersReadOnlyRole']) {
    const role = state.iam.getRole(A, roleName);
    const texts = [...role.attachedPolicies.map((arn) => state.iam.defaultVersion(state.iam.getPolicy(arn)).document.text), ...[...role.inlinePolicies.values()].map((d) => d.text)];
    out.push({ principal: principalFromArn(assumedRoleArn(A, roleName, 'ci-run'), { userId: `${role.id}:ci-run` })!, identity: documents(state.iam.identityPolicies(role), texts), context });
  }
  for (const [account, userName] of [[A, 'auditor'], ['222222222222', 'ci-caller']] as const) {
    const user = state.iam.getUser(account, userName);
    const texts = [...user.attachedPolicies.map((arn) => state.iam.defaultVersion(state.iam.getPolicy(arn)).document.text), ...[...user.inlinePolicies.values()].map((d) => d.text)];
    out.push({ principal: state.iam.userIdentity(user), identity: documents(state.iam.identityPolicies(user), texts), context });
  }
  return out;
}

interface Prepared {
  subject: Subject;
  identityPolicies: NamedPolicy[];
  boundary?: NamedPolicy;
  oracleContext: Record<string, string | string[]>;
}

function prepare(subject: Subject): Prepared {
  const named = (p: { name: string; document: object }, kind: NamedPolicy['kind']): NamedPolicy => {
    const parsed = parsePolicy(JSON.stringify(p.document), { kind });
    if (!parsed.ok) throw new Error(`${p.name}: ${JSON.stringify(parsed.problems)}`);
    return { name: p.name, kind, policy: parsed.policy };
  };
  const out: Prepared = {
    subject,
    identityPolicies: subject.identity.map((p) => named(p, 'identity')),
    // The oracle does not derive principal keys: give it the ones crossgate derives.
    oracleContext: { ...principalKeys(subject.principal), ...subject.context } as Record<string, string | string[]>,
  };
  if (subject.boundary !== undefined) out.boundary = named(subject.boundary, 'boundary');
  return out;
}

export interface PolicyMatrix {
  subjects: Prepared[];
  resources: string[];
  requests: AuthorizationRequest[];
  /** For each request, the subject it belongs to. */
  owners: Prepared[];
}

/** The benchmark's matrix: every subject × every route × every method. */
export function policyMatrix(): PolicyMatrix {
  const rand = prng(0xc055_6a7e);
  const subjects = [...seedSubjects(), ...Array.from({ length: 298 }, (_, i) => generatedSubject(i, rand))].map(prepare);
  const resources: string[] = [];
  for (const api of APIS) for (const stage of STAGES) for (const path of PATHS) for (const method of METHODS) resources.push(executeApiArn({ region: REGION, accountId: A, apiId: api, stage, method, path }));
  const requests: AuthorizationRequest[] = [];
  const owners: Prepared[] = [];
  for (const s of subjects) {
    for (const resource of resources) {
      const req: AuthorizationRequest = {
        principal: s.subject.principal,
        action: 'execute-api:Invoke',
        resource,
        resourceAccount: A,
        context: s.subject.context,
        identityPolicies: s.identityPolicies,
      };
      if (s.boundary !== undefined) req.permissionsBoundary = s.boundary;
      requests.push(req);
      owners.push(s);
    }
  }
  return { subjects, resources, requests, owners };
}

const ORACLE_DECISION: Record<string, EvalDecision> = { Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny' };

const bench: Bench = {
  name: 'IAM policy engine vs @cloud-copilot/iam-simulate',
  async run({ quick, log }) {
    const { subjects, resources, requests, owners } = policyMatrix();
    log(`matrix: ${subjects.length} principals × ${resources.length / METHODS.length} routes × ${METHODS.length} methods = ${requests.length} decisions`);

    const ours: EvalDecision[] = new Array(requests.length);
    const crossgateRound = (): number => {
      for (let i = 0; i < requests.length; i++) ours[i] = authorize(requests[i] as AuthorizationRequest).decision;
      return requests.length;
    };
    const oracle = (i: number): EvalDecision => {
      const req = requests[i] as AuthorizationRequest;
      const s = owners[i] as Prepared;
      const result = runUnsafeSimulation(
        {
          request: { principal: req.principal.arn, action: req.action, resource: { resource: req.resource, accountId: req.resourceAccount }, contextVariables: s.oracleContext },
          identityPolicies: s.subject.identity.map((p) => ({ name: p.name, policy: p.document })),
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          ...(s.subject.boundary === undefined ? {} : { permissionBoundaryPolicies: [{ name: s.subject.boundary.name, policy: s.subject.boundary.document }] }),
        },
        {},
      );
      return ORACLE_DECISION[result] ?? (result as EvalDecision);
    };

    // iam-simulate decides the whole matrix once (a sample with --quick), in equal slices;
    // crossgate decides the whole matrix in each round. The two alternate round by round,
    // so that both meet the same load on the machine; rates are per second of CPU time.
    const step = quick ? 10 : 1;
    const indexes = requests.map((_, i) => i).filter((i) => i % step === 0);
    const rounds = quick ? 4 : 8;
    const slice = Math.ceil(indexes.length / rounds);
    const theirs = new Map<number, EvalDecision>();
    for (let w = 0; w < 2; w++) crossgateRound();
    for (const i of indexes.slice(0, Math.min(2000, indexes.length))) oracle(i);
    const crossgateRates: number[] = [];
    const baselineRates: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const c = ratePerSecond(crossgateRound, 1, 0).rate;
      const part = indexes.slice(round * slice, (round + 1) * slice);
      const b = ratePerSecond(() => {
        for (const i of part) theirs.set(i, oracle(i));
        return part.length;
      }, 1, 0).rate;
      crossgateRates.push(c);
      baselineRates.push(b);
      ratios.push(c / b);
    }
    const crossgate = { rate: median(crossgateRates), rates: crossgateRates };
    const baseline = { rate: median(baselineRates), rates: baselineRates };

    const disagreements: string[] = [];
    const counts: Record<string, number> = {};
    for (const [i, d] of theirs) {
      const mine = ours[i] as EvalDecision;
      counts[mine] = (counts[mine] ?? 0) + 1;
      if (mine !== d) disagreements.push(`${requests[i]?.principal.arn} ${requests[i]?.resource}: crossgate ${mine}, iam-simulate ${d}`);
    }
    log(`decisions compared: ${theirs.size} (${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}); disagreements: ${disagreements.length}`);
    if (disagreements.length > 0) throw new Error(`the engines disagree on ${disagreements.length} decisions, e.g.\n${disagreements.slice(0, 10).join('\n')}`);
    log(`crossgate rounds: ${crossgate.rates.map(formatRate).join(' ')} decisions/s`);
    log(`iam-simulate rounds: ${baseline.rates.map(formatRate).join(' ')} decisions/s`);
    log(`ratio per round: ${ratios.map((r) => r.toFixed(0)).join(' ')}`);

    const entry: BenchEntry = {
      name: 'policy.authorize.matrix',
      unit: 'decisions/s',
      crossgate: Math.round(crossgate.rate),
      baseline: Math.round(baseline.rate),
      ratio: Number(median(ratios).toFixed(1)),
    };
    return [entry];
  },
};

export default bench;
