/**
 * Estate-wide invariants: properties of every role and every route of the accounts
 * crossgate audits, so a role or route added to the estate is covered without a
 * feature naming it. Pure: the estate model in, a verdict with every finding out.
 * Each finding names the role, route and statement that break the invariant.
 */
import { actionMatches } from '../../policy/index.ts';
import { verdict, type StaticFinding, type StaticVerdict } from '../static/types.ts';
import { describeGrant, describeStatement, type EstateModel, type InvokeGrant, type ModelRole, type ModelRoute, type OutsideGrant } from './model.ts';

/** Documents discovery could not read make every invariant fail: what was not read was not checked. */
function unreadable(model: EstateModel): StaticFinding[] {
  return model.problems.map((p) => ({ policy: 'discovery', message: `${p} (not checked, so not passed)` }));
}

function checked(model: EstateModel): string[] {
  return [`estate of ${model.accounts.join(', ')}`];
}

/**
 * No role of `accountId` may be assumed by anyone outside `allowed` (and the account
 * itself): not another account, not '*', not a federated identity. A condition does
 * not excuse a grant to an account outside the list, except a condition that pins a
 * wildcard to accounts on the list. AWS services are not accounts and are not counted.
 */
export function noRoleAssumableFromOutside(model: EstateModel, accountId: string, allowed: readonly string[]): StaticVerdict {
  return grantsOutside(model, accountId, new Set([accountId, ...allowed]), () => false, `outside ${[...allowed].join(', ')}`);
}

/**
 * No role of `accountId` may be assumed from outside the organization's accounts:
 * the same as above with the organization's member accounts as the list, and a
 * wildcard passes when a condition pins aws:PrincipalOrgID to the organization.
 */
export function noRoleAssumableFromOutsideOrganization(model: EstateModel, accountId: string, org: { id: string; accounts: readonly string[] }): StaticVerdict {
  return grantsOutside(model, accountId, new Set(org.accounts), (o) => o.grant.kind === 'wildcard' && pinsOrg(o.grant.condition, org.id), `outside the organization ${org.id}`);
}

/** The grants of `accountId`'s roles to principals outside `ok` that `excused` does not let pass. */
function grantsOutside(model: EstateModel, accountId: string, ok: ReadonlySet<string>, excused: (o: OutsideGrant) => boolean, outside: string): StaticVerdict {
  const findings: StaticFinding[] = unreadable(model);
  requireAudited(model, accountId, findings);
  for (const role of model.roles.filter((r) => r.accountId === accountId)) {
    for (const o of role.outside) {
      if (o.accountId && ok.has(o.accountId)) continue;
      if (o.pinnedTo && o.pinnedTo.every((a) => ok.has(a))) continue;
      if (excused(o)) continue;
      findings.push({ policy: role.trustId, statementIndex: o.grant.statementIndex, sid: o.grant.sid, message: `role ${role.name} can be assumed from ${outside}: ${describeGrant(o)}` });
    }
  }
  return verdict(checked(model), findings);
}

function pinsOrg(condition: Record<string, Record<string, string[]>> | undefined, orgId: string): boolean {
  for (const [operator, keys] of Object.entries(condition ?? {})) {
    if (!/^(StringEquals|StringLike)$/i.test(operator)) continue;
    for (const [key, values] of Object.entries(keys)) if (key.toLowerCase() === 'aws:principalorgid' && values.length > 0 && values.every((v) => v === orgId)) return true;
  }
  return false;
}

function requireAudited(model: EstateModel, accountId: string, findings: StaticFinding[]): void {
  if (!model.accounts.includes(accountId)) findings.push({ policy: 'discovery', message: `account ${accountId} was not discovered (no auditor configured for it): nothing about it was checked` });
}

export interface ApiRef { accountId: string; apiId: string; name: string }

function apiRoutes(model: EstateModel, api: ApiRef): ModelRoute[] {
  return model.routes.filter((r) => r.accountId === api.accountId && r.apiId === api.apiId);
}

/** Who may invoke the routes of the API: 'RoleName' for roles, 'user/name' for users. */
export function principalLabel(p: InvokeGrant['principal']): string {
  return p.kind === 'role' ? p.name : `user/${p.name}`;
}

export interface ExpectedInvokers {
  /** A role name, or 'user/<name>'. */
  principal: string;
  /** Route keys, or 'every AWS_IAM route'. */
  routes: string[] | 'all';
}

/**
 * Exactly these principals may invoke the AWS_IAM routes of the API, each exactly
 * these routes: an extra grant fails naming the principal, route and granting
 * statement; a missing one fails naming what the engine decided.
 */
export function onlyTheseInvoke(model: EstateModel, api: ApiRef, expected: readonly ExpectedInvokers[]): StaticVerdict {
  const findings: StaticFinding[] = unreadable(model);
  requireAudited(model, api.accountId, findings);
  const routes = apiRoutes(model, api).filter((r) => r.authorizationType === 'AWS_IAM');
  if (apiRoutes(model, api).length === 0) findings.push({ policy: `apigateway:/apis/${api.apiId}`, message: `the HTTP API "${api.name}" (${api.apiId}) has no routes in account ${api.accountId}` });
  const keys = new Set(routes.map((r) => r.routeKey));
  const want = new Map<string, Set<string>>();
  for (const e of expected) {
    const set = e.routes === 'all' ? new Set(keys) : new Set(e.routes);
    for (const k of set) if (!keys.has(k)) findings.push({ policy: `apigateway:/apis/${api.apiId}`, message: `the table names '${k}' for ${e.principal}, which is not an AWS_IAM route of "${api.name}"` });
    want.set(e.principal, new Set([...(want.get(e.principal) ?? []), ...set]));
  }
  const grants = model.invokeGrants.filter((g) => g.route.accountId === api.accountId && g.route.apiId === api.apiId);
  const have = new Map<string, Map<string, InvokeGrant>>();
  for (const g of grants) {
    const label = principalLabel(g.principal);
    if (!have.has(label)) have.set(label, new Map());
    have.get(label)!.set(g.route.routeKey, g);
  }
  for (const [label, byRoute] of have) {
    for (const [key, g] of byRoute) {
      if (want.get(label)?.has(key)) {
        const all = g.route.requests.length;
        if (g.methods.length < all) findings.push({ policy: g.principal.arn, message: `${label} may invoke '${key}' only for ${g.methods.join(', ')}, not every method` });
        continue;
      }
      findings.push({
        policy: g.statements[0]?.policy ?? g.principal.arn, statementIndex: g.statements[0]?.statementIndex, sid: g.statements[0]?.sid,
        message: `${label} (${g.principal.arn}) can invoke '${key}' of "${api.name}", which the table does not list: granted by ${g.statements.map(describeStatement).join('; ') || 'an Allow'}`,
      });
    }
  }
  for (const [label, routesWanted] of want) {
    const principal = model.principals.find((p) => principalLabel(p) === label && p.accountId === api.accountId);
    if (!principal) {
      findings.push({ policy: `iam:${api.accountId}`, message: `${label} is not a role or user of account ${api.accountId}` });
      continue;
    }
    for (const key of routesWanted) {
      if (keys.has(key) && !have.get(label)?.has(key)) findings.push({ policy: principal.arn, message: `${label} cannot invoke '${key}' of "${api.name}", which the table lists: no Allow for execute-api:Invoke on it (or a Deny or boundary stops it)` });
    }
  }
  return verdict(checked(model), findings);
}

/**
 * Every role that principals of `fromAccount` may assume grants nothing but
 * execute-api:Invoke on the API: each Allow statement of each permission policy names
 * only that action and only resources inside the API's ARN.
 */
export function assumableRolesGrantOnlyInvoke(model: EstateModel, fromAccount: string, api: ApiRef): StaticVerdict {
  const findings: StaticFinding[] = unreadable(model);
  const prefix = `arn:${model.partition}:execute-api:${model.region}:${api.accountId}:${api.apiId}/`;
  const roles = rolesAssumableBy(model, fromAccount);
  for (const role of roles) {
    for (const p of role.identity) {
      for (const s of p.policy.statements) {
        if (s.effect !== 'Allow') continue;
        const where = { policy: p.name, statementIndex: s.index, sid: s.sid };
        if (s.notAction) findings.push({ ...where, message: `role ${role.name}, which account ${fromAccount} can assume, allows every action but ${s.notAction.join(', ')} (NotAction)` });
        for (const a of s.action ?? []) {
          if (!/^execute-api:invoke$/i.test(a)) findings.push({ ...where, message: `role ${role.name}, which account ${fromAccount} can assume, allows '${a}'${actionMatches(a, 'execute-api:Invoke') ? ' (more than execute-api:Invoke)' : ''}` });
        }
        if (s.notResource) findings.push({ ...where, message: `role ${role.name}, which account ${fromAccount} can assume, allows on every resource but ${s.notResource.join(', ')} (NotResource)` });
        for (const r of s.resource ?? []) {
          if (!r.startsWith(prefix)) findings.push({ ...where, message: `role ${role.name}, which account ${fromAccount} can assume, allows on '${r}', outside the HTTP API "${api.name}" (${prefix}*)` });
        }
      }
    }
  }
  if (roles.length === 0) findings.push({ policy: 'discovery', message: `no discovered role can be assumed by account ${fromAccount}: there is nothing to check (is the account right?)` });
  return verdict(checked(model), findings);
}

/** Roles whose trust policy admits principals of the account (by its id, a principal in it, or an unpinned '*'). */
export function rolesAssumableBy(model: EstateModel, accountId: string): ModelRole[] {
  return model.roles.filter((r) => r.accountId !== accountId && r.outside.some((o) => o.accountId === accountId || (o.grant.kind === 'wildcard' && (!o.pinnedTo || o.pinnedTo.includes(accountId)))));
}

/**
 * Every route of every HTTP API of the account uses AWS_IAM, except the allow-list:
 * entries 'GET /health' (that route of any API) or 'orders: GET /health' (of one API).
 */
export function everyRouteUsesIam(model: EstateModel, accountId: string, allowList: readonly string[]): StaticVerdict {
  const findings: StaticFinding[] = unreadable(model);
  requireAudited(model, accountId, findings);
  const entries = allowList.map((e) => {
    const m = /^([^:]+):\s*(.+)$/.exec(e);
    return m && !/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) /.test(e) ? { api: m[1]!.trim(), route: m[2]!.trim() } : { route: e.trim() };
  });
  const used = new Set<number>();
  const seen = new Set<string>();
  for (const r of model.routes.filter((x) => x.accountId === accountId)) {
    const key = `${r.apiId} ${r.routeKey}`;
    if (seen.has(key)) continue; // one finding per route, whatever the stages
    seen.add(key);
    const hit = entries.findIndex((e) => e.route === r.routeKey && (!e.api || e.api === r.apiName || e.api === r.apiId));
    if (hit !== -1) {
      used.add(hit);
      continue;
    }
    if (r.authorizationType !== 'AWS_IAM') findings.push({ policy: `apigateway:/apis/${r.apiId}/routes`, message: `route '${r.routeKey}' of the HTTP API "${r.apiName}" (${r.apiId}) uses ${r.authorizationType}, not AWS_IAM` });
  }
  entries.forEach((e, i) => {
    if (!used.has(i)) findings.push({ policy: `apigateway:${accountId}`, message: `the allow-list names '${allowList[i]}', which is not a route of any HTTP API in account ${accountId}` });
  });
  return verdict(checked(model), findings);
}

/**
 * Nobody outside the account reaches an AWS_IAM route of its APIs except through the
 * delegated roles: every role that may invoke such a route and that someone outside
 * the account may assume must be one of `delegated` (role ARNs).
 */
export function outsidersReachOnlyThrough(model: EstateModel, accountId: string, delegated: readonly string[]): StaticVerdict {
  const findings: StaticFinding[] = unreadable(model);
  requireAudited(model, accountId, findings);
  const ok = new Set(delegated);
  const byRole = new Map<string, InvokeGrant[]>();
  for (const g of model.invokeGrants) {
    if (g.route.accountId !== accountId || g.principal.kind !== 'role') continue;
    byRole.set(g.principal.arn, [...(byRole.get(g.principal.arn) ?? []), g]);
  }
  for (const [arn, grants] of byRole) {
    if (ok.has(arn)) continue;
    const role = model.roles.find((r) => r.arn === arn)!;
    if (role.outside.length === 0) continue;
    const first = grants[0]!;
    findings.push({
      policy: role.trustId, statementIndex: role.outside[0]!.grant.statementIndex, sid: role.outside[0]!.grant.sid,
      message: `role ${role.name} is not a delegated role, yet ${role.outside.map(describeGrant).join('; ')} lets outsiders assume it, and it can invoke ${grants.length} AWS_IAM route(s), e.g. '${first.route.routeKey}' of "${first.route.apiName}" (granted by ${first.statements.map(describeStatement).join('; ')})`,
    });
  }
  return verdict(checked(model), findings);
}
