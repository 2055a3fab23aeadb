/**
 * Static checks as the harness runs them: read the role's documents (as the
 * account's auditor), parse them, and hand them to the pure checks.
 */
import { fetchRole, type FetchedPolicy, type FetchedRole } from '../aws/iam.ts';
import { fetchRoutes, type FetchedRoute } from '../aws/apigateway.ts';
import { principalCredentials } from './sessions.ts';
import type { AwsCredentials } from '../aws/types.ts';
import { accountId } from '../config/load.ts';
import { parsePolicy, type NamedPolicy, type Policy } from '../policy/index.ts';
import { invokeArnsNameApi } from './static/arns.ts';
import { coversExactly, routeDecisions, routesUseIam, type RouteDecision } from './static/routes.ts';
import { requiresCondition, trustsAccount, trustsOnly } from './static/trust.ts';
import type { StaticVerdict } from './static/types.ts';
import { auditorOf, cached, configuredApi, configuredRole, type Harness } from './harness.ts';
import { recordEngineDecision, recordPolicies } from './recordings.ts';

export interface RoleDocuments {
  role: FetchedRole;
  trust: Policy;
  permissions: { fetched: FetchedPolicy; policy: Policy }[];
}

function parseFetched(p: FetchedPolicy, kind: 'trust' | 'identity'): Policy {
  const parsed = parsePolicy(p.document, { kind });
  if (!parsed.ok) {
    throw new Error(`${p.id}${p.versionId ? ` (${p.versionId})` : ''} is not a valid policy: ${parsed.problems.map((x) => `${x.path || '/'}: ${x.message}`).join('; ')}`);
  }
  return parsed.policy;
}

/** The principal configured to read an account, with its credentials (memoised per run). */
export async function auditorCredentials(h: Harness, account: string): Promise<{ name: string; credentials: AwsCredentials }> {
  const name = auditorOf(h, account);
  const credentials = await principalCredentials(h, name);
  return { name, credentials };
}

export async function readRole(h: Harness, roleAlias: string): Promise<RoleDocuments> {
  const docs = await readRoleCached(h, roleAlias);
  // Evidence for the scenario reading them (the read itself is cached for the run).
  recordPolicies(h, docs.role.arn, [docs.role.trustPolicy, ...docs.role.permissionPolicies]);
  return docs;
}

function readRoleCached(h: Harness, roleAlias: string): Promise<RoleDocuments> {
  const role = configuredRole(h, roleAlias);
  return cached(h, `role:${role.arn}`, async () => {
    const auditor = await auditorCredentials(h, role.accountId);
    const fetched = await fetchRole(h.target, auditor.credentials, auditor.name, role.name);
    return {
      role: fetched,
      trust: parseFetched(fetched.trustPolicy, 'trust'),
      permissions: fetched.permissionPolicies.map((p) => ({ fetched: p, policy: parseFetched(p, 'identity') })),
    };
  });
}

export function readRoutes(h: Harness, apiAlias: string): Promise<FetchedRoute[]> {
  const api = configuredApi(h, apiAlias);
  return cached(h, `routes:${api.apiId}`, async () => {
    const auditor = await auditorCredentials(h, api.accountId);
    return fetchRoutes(h.target, auditor.credentials, auditor.name, api.apiId);
  });
}

export async function roleTrustsAccount(h: Harness, roleAlias: string, account: string): Promise<StaticVerdict> {
  const docs = await readRole(h, roleAlias);
  return trustsAccount(docs.role.trustPolicy.id, docs.trust, accountId(h.config, account));
}

export async function roleTrustsOnly(h: Harness, roleAlias: string, accounts: string[]): Promise<StaticVerdict> {
  const docs = await readRole(h, roleAlias);
  return trustsOnly(docs.role.trustPolicy.id, docs.trust, accounts.map((a) => accountId(h.config, a)));
}

export async function roleRequiresCondition(h: Harness, roleAlias: string, key: string): Promise<StaticVerdict> {
  const docs = await readRole(h, roleAlias);
  return requiresCondition(docs.role.trustPolicy.id, docs.trust, key);
}

export async function roleInvokeArnsNameApi(h: Harness, roleAlias: string, apiAlias: string): Promise<StaticVerdict> {
  const docs = await readRole(h, roleAlias);
  return invokeArnsNameApi(docs.permissions.map((p) => ({ id: p.fetched.id, policy: p.policy })), configuredApi(h, apiAlias));
}

export async function apiRoutesUseIam(h: Harness, apiAlias: string, allowedOpen: string[]): Promise<StaticVerdict> {
  return routesUseIam(configuredApi(h, apiAlias).apiId, await readRoutes(h, apiAlias), allowedOpen);
}

/** Route by route, what crossgate's evaluator says a session of the role may invoke. */
export async function roleRouteDecisions(h: Harness, roleAlias: string, apiAlias: string): Promise<RouteDecision[]> {
  const docs = await readRole(h, roleAlias);
  const role = configuredRole(h, roleAlias);
  const policies: NamedPolicy[] = docs.permissions.map((p) => ({ name: p.fetched.id, kind: 'identity', policy: p.policy }));
  const decisions = routeDecisions(role, policies, configuredApi(h, apiAlias), await readRoutes(h, apiAlias));
  for (const d of decisions) recordEngineDecision(h, { principalArn: d.principalArn, action: 'execute-api:Invoke', resource: d.resource, result: d.result });
  return decisions;
}

export async function roleCoversExactly(h: Harness, roleAlias: string, apiAlias: string, routes: string[]): Promise<StaticVerdict> {
  return coversExactly(configuredRole(h, roleAlias).arn, await roleRouteDecisions(h, roleAlias, apiAlias), routes);
}
