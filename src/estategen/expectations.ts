/**
 * What each generated role is meant to reach, worked out from its intent and the
 * ARN patterns the generator wrote, without crossgate's evaluator: the generated
 * features compare the evaluator, IAM's simulator and the API against this.
 *
 * Only wildcard matching is needed: the generated conditions are written so that they
 * hold (IpAddressIfExists on a trusted network) or never apply (a Deny dated 2099),
 * with or without request context.
 */
import { executeApiArn, routeRequests } from '../arn/index.ts';
import { apiArn, routeArnPattern } from './policies.ts';
import type { ExpectedAccess, PlannedRole, EstatePlan } from './types.ts';

/** IAM's wildcard match over a whole ARN: '*' any run of characters, '?' any one. */
export function globMatches(pattern: string, value: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(value);
}

function intent(plan: EstatePlan, role: PlannedRole): { allow: string[]; deny: string[]; boundary?: string[] } {
  const api = role.api;
  const all = [apiArn(plan, api, '$default/*/*')];
  switch (role.kind) {
    case 'invoker':
      return { allow: all, deny: [] };
    case 'reader':
      return { allow: [apiArn(plan, api, '$default/GET/*')], deny: [] };
    case 'routes':
      return { allow: role.grantedRoutes.map((k) => routeArnPattern(plan, api, k)), deny: [] };
    case 'noDelete':
      return { allow: all, deny: [apiArn(plan, api, '$default/DELETE/*')] };
    case 'bounded':
      return { allow: all, deny: [], boundary: [apiArn(plan, api, '$default/GET/*'), apiArn(plan, api, '$default/POST/*')] };
  }
}

/** Every concrete request to every route of the role's API, with the access the role is meant to have. */
export function expectedAccess(plan: EstatePlan, role: PlannedRole): ExpectedAccess[] {
  const { allow, deny, boundary } = intent(plan, role);
  const api = role.api;
  const out: ExpectedAccess[] = [];
  for (const route of api.routes) {
    for (const req of routeRequests(route.routeKey)) {
      const resource = executeApiArn({ region: plan.options.region, accountId: api.owner.id, apiId: api.apiId, stage: '$default', method: req.method, path: req.path });
      const identityAllows = allow.some((p) => globMatches(p, resource)) && !deny.some((p) => globMatches(p, resource));
      const allowed = identityAllows && (boundary === undefined || boundary.some((p) => globMatches(p, resource)));
      out.push({ routeKey: route.routeKey, authorizationType: route.authorizationType, method: req.method, path: req.path, resource, identityAllows, allowed });
    }
  }
  return out;
}
