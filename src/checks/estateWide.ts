/**
 * Estate-wide checks as the harness runs them: discover every account that has an
 * auditor (once per run, few reads), build the estate model, and hand it to the pure
 * invariants. Account and API names come from the config, so features say "account A"
 * and "the HTTP API "orders"".
 */
import { discoverApis, discoverIam, type DiscoveredAccount } from '../aws/discovery.ts';
import { simulate } from '../aws/simulate.ts';
import { checkNoPublicAccess } from '../aws/analyzer.ts';
import { recordCheck } from './recordings.ts';
import { accountId } from '../config/load.ts';
import { UserError } from '../util/userError.ts';
import type { EstateOrganization, EstateOrgNode } from '../estate/types.ts';
import { recordEvidence } from './evidence.ts';
import { auditorOf, cached, configuredApi, configuredRole, type Harness } from './harness.ts';
import { principalCredentials } from './sessions.ts';
import { buildEstateModel, type EstateModel, type OrgPolicies } from './estate/model.ts';
import { buildOrganization } from '../emulator/estate/organization.ts';
import {
  assumableRolesGrantOnlyInvoke, everyRouteUsesIam, noRoleAssumableFromOutside, noRoleAssumableFromOutsideOrganization, onlyTheseInvoke,
  outsidersReachOnlyThrough, principalLabel, type ApiRef, type ExpectedInvokers,
} from './estate/invariants.ts';
import { verdict, type StaticFinding, type StaticVerdict } from './static/types.ts';

/** The accounts crossgate can read: those with an auditor in the config. */
function auditedAccounts(h: Harness): string[] {
  return [...new Set(Object.keys(h.config.auditors ?? {}).map((alias) => accountId(h.config, alias)))];
}

async function discoverAccount(h: Harness, id: string): Promise<DiscoveredAccount> {
  const name = auditorOf(h, id);
  const credentials = await principalCredentials(h, name);
  const calls: Record<string, number> = {};
  const [iam, apis] = await Promise.all([discoverIam(h.target, credentials, name, calls), discoverApis(h.target, credentials, name, calls)]);
  return { accountId: id, ...iam, apis, calls };
}

/** The estate model of every audited account, discovered once per run. */
export function discoverEstate(h: Harness): Promise<EstateModel> {
  return cached(h, 'estate-model', async () => {
    const accounts = auditedAccounts(h);
    if (accounts.length === 0) throw new UserError(`no account has an auditor in ${h.config.file}: add "auditors": { "<account alias>": "<principal alias>" } to discover the estate`);
    const discovered = await Promise.all(accounts.map((a) => discoverAccount(h, a)));
    return buildEstateModel(discovered, { region: h.config.region, organization: organizationPolicies(h) });
  });
}

/**
 * SCPs where they are known: from the estate's organization on the embedded target.
 * (On real AWS, crossgate does not read AWS Organizations yet; SCPs can only narrow what
 * the model finds, so its grants are then an over-estimate, never a miss.)
 */
function organizationPolicies(h: Harness): ((accountId: string) => OrgPolicies | undefined) | undefined {
  const org = h.estate?.organization;
  if (!org) return undefined;
  const problems: string[] = [];
  const built = buildOrganization(org, (path, message) => problems.push(`${path}: ${message}`));
  if (!built) throw new UserError(`the estate's organization cannot be read: ${problems.join('; ')}`);
  return (accountId) => {
    const m = built.membership(accountId);
    if (!m) return undefined;
    return { scpLevels: built.scpsEnabled && accountId !== built.managementAccountId ? m.scpLevels : [], context: { 'aws:PrincipalOrgID': built.id, 'aws:PrincipalOrgPaths': [m.path] } };
  };
}

async function model(h: Harness): Promise<EstateModel> {
  const m = await discoverEstate(h);
  recordEvidence(h.evidence, {
    kind: 'expectation', check: 'estate discovered', expected: true, observed: true, holds: true,
    details: { accounts: m.accounts, roles: m.roles.length, principals: m.principals.length, routes: m.routes.length, invokeGrants: m.invokeGrants.length, decisions: m.decisions, calls: m.calls },
  } as never);
  return m;
}

function apiRef(h: Harness, alias: string): ApiRef {
  const api = configuredApi(h, alias);
  return { accountId: api.accountId, apiId: api.apiId, name: alias };
}

export async function estateNoRoleAssumableFromOutside(h: Harness, account: string, allowed: string[]): Promise<StaticVerdict> {
  return noRoleAssumableFromOutside(await model(h), accountId(h.config, account), allowed.map((a) => accountId(h.config, a)));
}

/** Every member account of the organization (root, nested OUs) and its management account. */
function organizationAccounts(org: EstateOrganization): string[] {
  const out = new Set<string>([org.managementAccountId]);
  const walk = (node: EstateOrgNode) => {
    for (const a of node.accounts ?? []) out.add(typeof a === 'string' ? a : a.id);
    for (const ou of node.organizationalUnits ?? []) walk(ou);
  };
  walk(org.root);
  return [...out];
}

/**
 * The organization comes from the estate (embedded target). On real AWS crossgate does
 * not read AWS Organizations yet: the check fails saying so rather than pass unchecked.
 */
export async function estateNoRoleAssumableFromOutsideOrganization(h: Harness, account: string): Promise<StaticVerdict> {
  const org = h.estate?.organization;
  if (!org) {
    throw new UserError(h.target.kind === 'aws'
      ? 'the organization of the accounts is not read from AWS Organizations on the aws target yet: this check cannot be made, so it fails'
      : `the estate ${h.config.estateFile ?? ''} has no organization: add "organization" to it, or check against accounts ('from outside account B')`);
  }
  return noRoleAssumableFromOutsideOrganization(await model(h), accountId(h.config, account), { id: org.id, accounts: organizationAccounts(org) });
}

export async function estateOnlyTheseInvoke(h: Harness, apiAlias: string, expected: ExpectedInvokers[]): Promise<StaticVerdict> {
  return onlyTheseInvoke(await model(h), apiRef(h, apiAlias), expected);
}

export async function estateAssumableRolesGrantOnlyInvoke(h: Harness, fromAccount: string, apiAlias: string): Promise<StaticVerdict> {
  return assumableRolesGrantOnlyInvoke(await model(h), accountId(h.config, fromAccount), apiRef(h, apiAlias));
}

export async function estateRoutesUseIam(h: Harness, account: string, allowList: string[]): Promise<StaticVerdict> {
  return everyRouteUsesIam(await model(h), accountId(h.config, account), allowList);
}

/** The delegated roles: the roles the config names in the account. */
export async function estateOutsidersReachOnlyThroughDelegated(h: Harness, account: string): Promise<StaticVerdict> {
  const id = accountId(h.config, account);
  const delegated = Object.keys(h.config.roles).map((alias) => configuredRole(h, alias)).filter((r) => r.accountId === id).map((r) => r.arn);
  return outsidersReachOnlyThrough(await model(h), id, delegated);
}

/**
 * Access Analyzer's CheckNoPublicAccess on the trust policy of every role of the account
 * (AWS::IAM::AssumeRolePolicyDocument): a role no feature names is checked too.
 */
export async function estateNoPublicTrust(h: Harness, account: string): Promise<StaticVerdict> {
  const m = await model(h);
  const id = accountId(h.config, account);
  const auditor = auditorOf(h, id);
  const credentials = await principalCredentials(h, auditor);
  const findings: StaticFinding[] = m.problems.map((p) => ({ policy: 'discovery', message: `${p} (not checked, so not passed)` }));
  if (!m.accounts.includes(id)) findings.push({ policy: 'discovery', message: `account ${id} was not discovered (no auditor configured for it): nothing about it was checked` });
  for (const role of m.roles.filter((r) => r.accountId === id)) {
    const result = await checkNoPublicAccess(h.target, credentials, auditor, { policyDocument: role.trustDocument, resourceType: 'AWS::IAM::AssumeRolePolicyDocument' });
    recordCheck(h, 'CheckNoPublicAccess', role.trustId, result);
    if (result.result !== 'PASS') {
      const why = result.reasons.map((r) => `${r.statementIndex !== undefined ? `statement ${r.statementIndex}${r.statementId ? ` (${r.statementId})` : ''}: ` : ''}${r.description ?? ''}`).join('; ');
      findings.push({ policy: role.trustId, message: `role ${role.name}: CheckNoPublicAccess ${result.result}: ${result.message ?? ''}${why ? ` [${why}]` : ''}` });
    }
  }
  return verdict([`trust policies of account ${id}`], findings);
}

/**
 * IAM's simulator confirms the engine on the API: for every role of the API's account,
 * SimulatePrincipalPolicy on every AWS_IAM route's requests (batched per role) agrees
 * with the estate model's grants. Any disagreement is a finding.
 */
export async function estateSimulationAgrees(h: Harness, apiAlias: string): Promise<StaticVerdict> {
  const m = await model(h);
  const api = apiRef(h, apiAlias);
  const routes = m.routes.filter((r) => r.accountId === api.accountId && r.apiId === api.apiId && r.authorizationType === 'AWS_IAM');
  const auditor = auditorOf(h, api.accountId);
  const credentials = await principalCredentials(h, auditor);
  const findings: StaticFinding[] = [];
  for (const role of m.roles.filter((r) => r.accountId === api.accountId)) {
    const resources = [...new Set(routes.flatMap((r) => r.requests.map((q) => q.resource)))];
    if (resources.length === 0) continue;
    const granted = new Set(m.invokeGrants.filter((g) => g.principal === role).flatMap((g) => g.route.requests.filter((q) => g.methods.includes(q.method)).map((q) => q.resource)));
    const run = await simulate(h.target, credentials, auditor, { policySourceArn: role.arn, actions: ['execute-api:Invoke'], resources });
    for (const r of run.results) {
      const engine = granted.has(r.resource);
      if ((r.decision === 'allowed') !== engine) {
        findings.push({ policy: role.arn, message: `${principalLabel(role)} on ${r.resource}: IAM's simulation says ${r.decision}, crossgate's engine says ${engine ? 'allowed' : 'denied'}` });
      }
    }
  }
  return verdict([`simulation of ${api.name}`], findings);
}
