/**
 * The estate's AWS Organizations organization: root, nested OUs, member accounts, and
 * the service control policies (SCPs) and resource control policies (RCPs) attached
 * at each level, resolved per account into what the evaluator needs.
 *
 * As AWS attaches them:
 * - FullAWSAccess (an SCP) is attached to the root, every OU and every account when
 *   SCPs are enabled; it can be detached (an allow-list strategy does). An estate node
 *   without `serviceControlPolicies` has FullAWSAccess alone; with it, exactly the list.
 *   https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
 * - RCPFullAWSAccess (an RCP) is attached to the root, every OU and every account when
 *   RCPs are enabled, and cannot be detached: `resourceControlPolicies` adds to it.
 *   Only RCPFullAWSAccess may Allow; customer RCPs are Deny statements whose Principal
 *   is "*", and Action "*" alone is not supported.
 *   https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html
 */
import { parsePolicy, type NamedPolicy, type Policy } from '../../policy/index.ts';
import type { EstateOrgAccount, EstateOrgNode, EstateOrganization, EstateOrgPolicyType } from '../../estate/types.ts';

export const FULL_AWS_ACCESS = 'FullAWSAccess';
export const RCP_FULL_AWS_ACCESS = 'RCPFullAWSAccess';

/** AWS's managed organization policies, as AWS publishes their documents. */
const AWS_MANAGED: Record<string, { type: EstateOrgPolicyType; document: object }> = {
  [FULL_AWS_ACCESS]: {
    type: 'SERVICE_CONTROL_POLICY',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  },
  [RCP_FULL_AWS_ACCESS]: {
    type: 'RESOURCE_CONTROL_POLICY',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] },
  },
};

/** Where an account sits, and the organization policies over it (root level first, the account last). */
export interface OrgMembership {
  accountId: string;
  /** aws:PrincipalOrgPaths / aws:ResourceOrgPaths: 'o-…/r-…/ou-…/' down to the account's parent. */
  path: string;
  scpLevels: NamedPolicy[][];
  rcpLevels: NamedPolicy[][];
}

export class Organization {
  constructor(
    readonly id: string,
    readonly managementAccountId: string,
    readonly rootId: string,
    readonly scpsEnabled: boolean,
    readonly rcpsEnabled: boolean,
    private readonly members: ReadonlyMap<string, OrgMembership>,
  ) {}

  /** The account's place in the organization; undefined for accounts outside it. */
  membership(accountId: string): OrgMembership | undefined {
    return this.members.get(accountId);
  }

  get accountIds(): string[] {
    return [...this.members.keys()];
  }
}

const ORG_KIND: Record<EstateOrgPolicyType, 'scp' | 'rcp'> = { SERVICE_CONTROL_POLICY: 'scp', RESOURCE_CONTROL_POLICY: 'rcp' };
const ACTION_ALONE = (v: unknown) => v === '*' || (Array.isArray(v) && v.includes('*'));

/** RCP rules beyond the policy grammar (RCP syntax page): Deny only, Principal "*", no Action "*". */
function rcpProblems(document: Record<string, unknown>): { path: string; message: string }[] {
  const raw = document['Statement'];
  const statements = Array.isArray(raw) ? raw : [raw];
  const out: { path: string; message: string }[] = [];
  statements.forEach((s, i) => {
    if (typeof s !== 'object' || s === null) return;
    const st = s as Record<string, unknown>;
    const at = Array.isArray(raw) ? `/Statement/${i}` : '/Statement';
    if (st['Effect'] !== 'Deny') out.push({ path: `${at}/Effect`, message: 'an RCP may only Deny: the effect of Allow is only supported for RCPFullAWSAccess' });
    if (st['Principal'] !== '*') out.push({ path: `${at}/Principal`, message: 'an RCP statement must have Principal "*" (narrow it with conditions such as aws:PrincipalOrgID)' });
    if (ACTION_ALONE(st['Action'])) out.push({ path: `${at}/Action`, message: 'an RCP cannot use "*" alone as Action: name the service, e.g. "sts:*"' });
  });
  return out;
}

/**
 * Resolves the estate's organization. `fail(path, message)` collects problems (JSON
 * paths under /organization); returns undefined when there were any.
 */
export function buildOrganization(org: EstateOrganization, fail: (path: string, message: string) => void): Organization | undefined {
  let problems = 0;
  const problem = (path: string, message: string) => {
    problems++;
    fail(`/organization${path}`, message);
  };
  const types = org.enabledPolicyTypes ?? ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'];
  const scpsEnabled = types.includes('SERVICE_CONTROL_POLICY');
  const rcpsEnabled = types.includes('RESOURCE_CONTROL_POLICY');

  // Policies by name: AWS's managed ones, then the estate's.
  const policies = new Map<string, NamedPolicy>();
  for (const [name, managed] of Object.entries(AWS_MANAGED)) {
    const parsed = parsePolicy(managed.document);
    if (parsed.ok) policies.set(name, { name, kind: ORG_KIND[managed.type], policy: parsed.policy });
  }
  (org.policies ?? []).forEach((p, i) => {
    const at = `/policies/${i}`;
    if (policies.has(p.name)) return problem(`${at}/name`, `organization policy '${p.name}' is defined twice`);
    const kind = ORG_KIND[p.type];
    const parsed = parsePolicy(p.document, { kind });
    const extra = kind === 'rcp' ? rcpProblems(p.document) : [];
    if (!parsed.ok || extra.length > 0) {
      for (const pr of [...(parsed.ok ? [] : parsed.problems), ...extra]) problem(`${at}/document${pr.path === '/' ? '' : pr.path}`, pr.message);
      return;
    }
    policies.set(p.name, { name: p.name, kind, policy: parsed.policy as Policy });
  });

  const resolve = (names: string[] | undefined, kind: 'scp' | 'rcp', at: string): NamedPolicy[] => {
    const wanted = kind === 'scp' ? (names ?? [FULL_AWS_ACCESS]) : [RCP_FULL_AWS_ACCESS, ...(names ?? []).filter((n) => n !== RCP_FULL_AWS_ACCESS)];
    const out: NamedPolicy[] = [];
    wanted.forEach((name, i) => {
      const p = policies.get(name);
      const where = kind === 'scp' ? `${at}/serviceControlPolicies/${i}` : `${at}/resourceControlPolicies/${names?.indexOf(name) ?? i}`;
      if (p === undefined) problem(where, `no organization policy named '${name}'`);
      else if (p.kind !== kind) problem(where, `'${name}' is ${p.kind === 'scp' ? 'a service' : 'a resource'} control policy, not ${kind === 'scp' ? 'a service' : 'a resource'} control policy`);
      else out.push(p);
    });
    return out;
  };

  const members = new Map<string, OrgMembership>();
  const seenUnits = new Set<string>();
  const rootSuffix = org.root.id.slice(2);
  const walk = (node: EstateOrgNode, at: string, path: string, scps: NamedPolicy[][], rcps: NamedPolicy[][]) => {
    const nodeScps = [...scps, resolve(node.serviceControlPolicies, 'scp', at)];
    const nodeRcps = [...rcps, resolve(node.resourceControlPolicies, 'rcp', at)];
    (node.accounts ?? []).forEach((entry: EstateOrgAccount, i) => {
      const account = typeof entry === 'string' ? { id: entry } : entry;
      const accountAt = `${at}/accounts/${i}`;
      if (members.has(account.id)) return problem(accountAt, `account ${account.id} is placed twice in the organization`);
      members.set(account.id, {
        accountId: account.id,
        path,
        scpLevels: [...nodeScps, resolve(account.serviceControlPolicies, 'scp', accountAt)],
        rcpLevels: [...nodeRcps, resolve(account.resourceControlPolicies, 'rcp', accountAt)],
      });
    });
    (node.organizationalUnits ?? []).forEach((ou, i) => {
      const ouAt = `${at}/organizationalUnits/${i}`;
      if (seenUnits.has(ou.id)) problem(`${ouAt}/id`, `OU ${ou.id} appears twice`);
      seenUnits.add(ou.id);
      // AWS embeds the root's id in every OU id: ou-<root>-<random>.
      if (!ou.id.startsWith(`ou-${rootSuffix}-`)) problem(`${ouAt}/id`, `OU ids of root ${org.root.id} start with 'ou-${rootSuffix}-'`);
      walk(ou, ouAt, `${path}${ou.id}/`, nodeScps, nodeRcps);
    });
  };
  walk(org.root, '/root', `${org.id}/${org.root.id}/`, [], []);
  if (!members.has(org.managementAccountId)) problem('/managementAccountId', `the management account ${org.managementAccountId} is not placed in the organization (under /organization/root)`);
  if (problems > 0) return undefined;
  return new Organization(org.id, org.managementAccountId, org.root.id, scpsEnabled, rcpsEnabled, members);
}
