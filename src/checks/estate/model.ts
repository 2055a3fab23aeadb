/**
 * The estate as crossgate sees it after discovery: every role and who outside its
 * account may assume it (and on what condition), every route of every HTTP API with
 * its authorization type, and every principal that may execute-api:Invoke each
 * route, decided by crossgate's own engine in one pass over the documents.
 *
 * Pure: documents in, model out. No AWS call is made per (principal, route) pair.
 *
 * HTTP APIs take no resource policy, so only principals of the API's own account can
 * be authorized by IAM (AWS: "IAM authorization for HTTP APIs" —
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control-iam.html):
 * anyone else reaches a route through a role of that account.
 */
import { assumedRoleArn, executeApiArn } from '../../arn/index.ts';
import { actionMatches, authorize, parsePolicy, principalFromArn, type NamedPolicy, type Policy, type PrincipalIdentity, type StatementMatch } from '../../policy/index.ts';
import type { DiscoveredAccount } from '../../aws/discovery.ts';
import { routeRequests } from '../static/routes.ts';
import { pinnedAccounts, trustGrants, type TrustGrant } from '../static/trust.ts';

export interface ModelPrincipal {
  kind: 'role' | 'user';
  arn: string;
  name: string;
  path: string;
  accountId: string;
  identity: NamedPolicy[];
  boundary?: NamedPolicy;
  /** As the engine sees a request by it (a role: one of its sessions). */
  as: PrincipalIdentity;
}

export interface ModelRole extends ModelPrincipal {
  kind: 'role';
  trustId: string;
  trust: Policy;
  /** The trust policy as IAM returned it (for Access Analyzer). */
  trustDocument: string;
  grants: TrustGrant[];
  /** The grants that let someone outside the role's account assume it. */
  outside: OutsideGrant[];
}

/** Someone outside the role's account the trust policy admits, and on what condition. */
export interface OutsideGrant {
  grant: TrustGrant;
  /** The account the grant names; undefined for '*', federated and unparsable principals. */
  accountId?: string;
  /** For a wildcard: the accounts a condition pins callers to (else any account). */
  pinnedTo?: string[];
  conditional: boolean;
}

export interface ModelRoute {
  accountId: string;
  apiId: string;
  apiName: string;
  stage: string;
  routeKey: string;
  authorizationType: string;
  /** The concrete (method, ARN) requests that stand for the route (ANY: every method). */
  requests: { method: string; resource: string }[];
}

/** A principal that may invoke a route, and the Allow statements that grant it. */
export interface InvokeGrant {
  principal: ModelPrincipal;
  route: ModelRoute;
  /** Methods allowed, of the route's requests (all of them unless ANY is partly allowed). */
  methods: string[];
  statements: StatementMatch[];
}

export interface EstateModel {
  region: string;
  partition: string;
  accounts: string[];
  roles: ModelRole[];
  principals: ModelPrincipal[];
  routes: ModelRoute[];
  invokeGrants: InvokeGrant[];
  /** Documents that could not be read: every check over the estate fails on them (fail closed). */
  problems: string[];
  /** Authorization decisions the engine made. */
  decisions: number;
  /** AWS calls discovery made, by operation. */
  calls: Record<string, number>;
}

function parse(id: string, text: string, kind: 'trust' | 'identity', problems: string[]): Policy | undefined {
  const r = parsePolicy(text, { kind });
  if (r.ok) return r.policy;
  problems.push(`${id} is not a valid policy: ${r.problems.map((p) => `${p.path || '/'}: ${p.message}`).join('; ')}`);
  return undefined;
}

function outsideGrants(grants: TrustGrant[], roleAccount: string): OutsideGrant[] {
  const out: OutsideGrant[] = [];
  for (const g of grants) {
    const conditional = !!g.condition && Object.keys(g.condition).length > 0;
    if (g.kind === 'service') continue; // an AWS service acting for the account, not another account
    if (g.kind === 'wildcard') {
      const pinned = pinnedAccounts(g.condition);
      if (pinned && [...pinned].every((a) => a === roleAccount)) continue;
      out.push({ grant: g, ...(pinned ? { pinnedTo: [...pinned] } : {}), conditional });
    } else if (g.accountId === undefined || g.accountId !== roleAccount) {
      out.push({ grant: g, ...(g.accountId ? { accountId: g.accountId } : {}), conditional });
    }
  }
  return out;
}

/** Whether any Allow of the policies could match execute-api:Invoke: if none, every route is an implicit deny. */
function mayAllowInvoke(policies: readonly NamedPolicy[]): boolean {
  return policies.some((p) => p.policy.statements.some((s) => s.effect === 'Allow' && (s.action ? s.action.some((a) => actionMatches(a, 'execute-api:Invoke')) : !s.notAction!.some((a) => actionMatches(a, 'execute-api:Invoke')))));
}

/** What an account's organization imposes on its principals: SCP levels (root first) and org context keys. */
export interface OrgPolicies {
  scpLevels: NamedPolicy[][];
  context: Record<string, string | string[]>;
}

export function buildEstateModel(accounts: readonly DiscoveredAccount[], options: { region: string; partition?: string; organization?: (accountId: string) => OrgPolicies | undefined }): EstateModel {
  const partition = options.partition ?? 'aws';
  const problems: string[] = [];
  const roles: ModelRole[] = [];
  const principals: ModelPrincipal[] = [];
  const routes: ModelRoute[] = [];
  const calls: Record<string, number> = {};

  for (const account of accounts) {
    for (const [op, n] of Object.entries(account.calls)) calls[op] = (calls[op] ?? 0) + n;
    const managed = new Map<string, NamedPolicy>();
    for (const [arn, doc] of account.managedPolicies) {
      const policy = parse(arn, doc.document, 'identity', problems);
      if (policy) managed.set(arn, { name: arn, kind: 'identity', policy });
    }
    const identityOf = (owner: string, inline: DiscoveredAccount['roles'][number]['inlinePolicies'], attached: string[]): NamedPolicy[] => {
      const out: NamedPolicy[] = [];
      for (const arn of attached) {
        const p = managed.get(arn);
        // An AWS managed policy is not in the account's details: its grants are unknown, so say so.
        if (p) out.push(p);
        else if (!account.managedPolicies.has(arn)) problems.push(`${owner}: attached policy ${arn} was not among the account's policies (an AWS managed policy?): its grants are unknown`);
      }
      for (const d of inline) {
        const policy = parse(d.id, d.document, 'identity', problems);
        if (policy) out.push({ name: d.id, kind: 'identity', policy });
      }
      return out;
    };
    const boundaryOf = (owner: string, arn: string | undefined): NamedPolicy | undefined => {
      if (!arn) return undefined;
      const p = managed.get(arn);
      if (!p) {
        problems.push(`${owner}: permissions boundary ${arn} was not among the account's policies: its limits are unknown`);
        // Unknown limits: decide as if the boundary allowed nothing (fail closed for reach is not safe either way; the problem fails the checks).
        return undefined;
      }
      return { ...p, kind: 'boundary' };
    };

    for (const r of account.roles) {
      const trust = parse(r.trustPolicy.id, r.trustPolicy.document, 'trust', problems);
      const as = principalFromArn(assumedRoleArn(account.accountId, r.name, 'crossgate-estate', partition), { rolePath: r.path })!;
      const boundary = boundaryOf(r.arn, r.permissionsBoundaryArn);
      const grants = trust ? trustGrants(trust) : [];
      const role: ModelRole = {
        kind: 'role', arn: r.arn, name: r.name, path: r.path, accountId: account.accountId,
        identity: identityOf(r.arn, r.inlinePolicies, r.attachedPolicyArns), ...(boundary ? { boundary } : {}), as,
        trustId: r.trustPolicy.id, trustDocument: r.trustPolicy.document, trust: trust ?? { version: '2012-10-17', statements: [] } as unknown as Policy, grants, outside: outsideGrants(grants, account.accountId),
      };
      roles.push(role);
      principals.push(role);
    }
    for (const u of account.users) {
      const boundary = boundaryOf(u.arn, u.permissionsBoundaryArn);
      principals.push({
        kind: 'user', arn: u.arn, name: u.name, path: u.path, accountId: account.accountId,
        identity: identityOf(u.arn, u.inlinePolicies, u.attachedPolicyArns), ...(boundary ? { boundary } : {}), as: principalFromArn(u.arn)!,
      });
    }
    for (const api of account.apis) {
      const stages = api.stages.length > 0 ? api.stages : ['$default'];
      for (const stage of stages) {
        for (const route of api.routes) {
          routes.push({
            accountId: account.accountId, apiId: api.apiId, apiName: api.name, stage, routeKey: route.routeKey, authorizationType: route.authorizationType,
            requests: routeRequests(route.routeKey).map((q) => ({
              method: q.method,
              resource: executeApiArn({ partition, region: options.region, accountId: account.accountId, apiId: api.apiId, stage, method: q.method, path: q.path }),
            })),
          });
        }
      }
    }
  }

  // One pass: each principal against each AWS_IAM route of its own account's APIs.
  const invokeGrants: InvokeGrant[] = [];
  let decisions = 0;
  const routesByAccount = new Map<string, ModelRoute[]>();
  for (const r of routes) if (r.authorizationType === 'AWS_IAM') routesByAccount.set(r.accountId, [...(routesByAccount.get(r.accountId) ?? []), r]);
  for (const p of principals) {
    const candidates = routesByAccount.get(p.accountId);
    if (!candidates || !mayAllowInvoke(p.identity)) continue;
    // SCPs where the organization is known: every level must allow too.
    const org = options.organization?.(p.accountId);
    const scps = org && org.scpLevels.length > 0 ? { scps: org.scpLevels } : {};
    const context = org ? { context: org.context } : {};
    for (const route of candidates) {
      const methods: string[] = [];
      const statements: StatementMatch[] = [];
      for (const q of route.requests) {
        decisions++;
        const result = authorize({ principal: p.as, action: 'execute-api:Invoke', resource: q.resource, resourceAccount: route.accountId, identityPolicies: p.identity, ...(p.boundary ? { permissionsBoundary: p.boundary } : {}), ...scps, ...context });
        if (result.decision !== 'allowed') continue;
        methods.push(q.method);
        for (const m of result.matchedStatements) if (m.effect === 'Allow' && m.kind === 'identity' && !statements.some((s) => s.policy === m.policy && s.statementIndex === m.statementIndex)) statements.push(m);
      }
      if (methods.length > 0) invokeGrants.push({ principal: p, route, methods, statements });
    }
  }
  return { region: options.region, partition, accounts: accounts.map((a) => a.accountId), roles, principals, routes, invokeGrants, problems, decisions, calls };
}

/** 'InvokeOrdersApi statement 0 (Sid VisualEditor0)' */
export function describeStatement(m: Pick<StatementMatch, 'policy' | 'statementIndex' | 'sid'>): string {
  return `${m.policy} statement ${m.statementIndex}${m.sid ? ` (Sid ${m.sid})` : ''}`;
}

/** 'the condition-less principal arn:aws:iam::333333333333:root (statement 0)' */
export function describeGrant(o: OutsideGrant): string {
  const g = o.grant;
  const who = g.kind === 'wildcard' ? (g.principal === 'NotPrincipal' ? 'NotPrincipal (everyone else)' : `'*' (any AWS principal${o.pinnedTo ? `, pinned by a condition to ${o.pinnedTo.join(', ')}` : ''})`) : `${g.kind} principal ${g.principal}`;
  const cond = g.condition && Object.keys(g.condition).length > 0 ? ` on condition ${JSON.stringify(g.condition)}` : ' without any condition';
  return `${who}${cond}, trust statement ${g.statementIndex}${g.sid ? ` (Sid ${g.sid})` : ''}`;
}
