/**
 * Route-level checks: which routes use IAM authorization, and which routes a role's
 * policies let its sessions invoke (decided by crossgate's evaluator on each route's
 * concrete execute-api ARN).
 */
import { assumedRoleArn, executeApiArn, routeRequests, samplePath } from '../../arn/index.ts';
import { authorize, principalFromArn, type AuthorizationResult, type NamedPolicy } from '../../policy/index.ts';
import type { ApiIdentity } from './arns.ts';
import { verdict, type StaticFinding, type StaticVerdict } from './types.ts';

export interface RouteInfo {
  routeKey: string;
  authorizationType: string;
}


/** Routes whose authorization is not AWS_IAM, other than those allowed to be open. */
export function routesUseIam(apiId: string, routes: RouteInfo[], allowedOpen: string[]): StaticVerdict {
  const open = new Set(allowedOpen);
  const findings: StaticFinding[] = routes
    .filter((r) => r.authorizationType !== 'AWS_IAM' && !open.has(r.routeKey))
    .map((r) => ({ policy: `apigateway:/apis/${apiId}/routes`, message: `route '${r.routeKey}' uses ${r.authorizationType}, not AWS_IAM` }));
  for (const key of open) {
    if (!routes.some((r) => r.routeKey === key)) findings.push({ policy: `apigateway:/apis/${apiId}/routes`, message: `the allow-list names '${key}', which is not a route of the API` });
  }
  return verdict([`apigateway:/apis/${apiId}/routes`], findings);
}

/** Route keys → concrete requests live with the execute-api ARN they build (src/arn). */
export { routeRequests, samplePath };

export interface RouteDecision {
  routeKey: string;
  /** The session the decision is for. */
  principalArn: string;
  method: string;
  resource: string;
  result: AuthorizationResult;
}

/** What a session of the role may invoke, route by route, per crossgate's evaluator. */
export function routeDecisions(role: { accountId: string; name: string; path?: string }, policies: NamedPolicy[], api: ApiIdentity, routes: RouteInfo[]): RouteDecision[] {
  const session = assumedRoleArn(role.accountId, role.name, 'crossgate-static');
  const principal = principalFromArn(session, { rolePath: role.path })!;
  const out: RouteDecision[] = [];
  for (const r of routes) {
    for (const req of routeRequests(r.routeKey)) {
      const resource = executeApiArn({ partition: api.partition, region: api.region, accountId: api.accountId, apiId: api.apiId, stage: api.stage, method: req.method, path: req.path });
      const result = authorize({ principal, action: 'execute-api:Invoke', resource, resourceAccount: api.accountId, identityPolicies: policies });
      out.push({ routeKey: r.routeKey, principalArn: session, method: req.method, resource, result });
    }
  }
  return out;
}

/** The role's policies allow exactly the expected routes: no more, no fewer. ANY routes must be allowed for every method to count. */
export function coversExactly(roleArn: string, decisions: RouteDecision[], expected: string[]): StaticVerdict {
  const byRoute = new Map<string, RouteDecision[]>();
  for (const d of decisions) byRoute.set(d.routeKey, [...(byRoute.get(d.routeKey) ?? []), d]);
  const want = new Set(expected);
  const findings: StaticFinding[] = [];
  for (const key of want) if (!byRoute.has(key)) findings.push({ policy: roleArn, message: `'${key}' is not a route of the API` });
  for (const [key, ds] of byRoute) {
    const allowed = ds.filter((d) => d.result.decision === 'allowed');
    if (want.has(key) && allowed.length < ds.length) {
      const denied = ds.find((d) => d.result.decision !== 'allowed')!;
      findings.push({ policy: roleArn, message: `'${key}' should be allowed but ${denied.method} is ${denied.result.decision}: ${denied.result.explanation}` });
    }
    if (!want.has(key) && allowed.length > 0) {
      findings.push({ policy: roleArn, message: `'${key}' should not be allowed but ${allowed[0]!.method} is: ${allowed[0]!.result.explanation}` });
    }
  }
  return verdict([roleArn], findings);
}
