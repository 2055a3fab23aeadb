/**
 * Organization checks: who belongs to the organization, and whether the roles of an
 * account can be assumed from outside it. The organization (its id, accounts, OUs
 * and RCPs) is the estate's: crossgate does not read AWS Organizations, so on the
 * aws target these checks cannot be made and fail, never pass.
 *
 * "May be assumed only from accounts of the organization" is decided by crossgate's
 * evaluator the way STS would decide it for a caller outside the organization: the
 * role's trust policy, the RCPs over the role's account (STS is a service RCPs
 * cover), and the request context such a caller brings (no aws:PrincipalOrgID, no
 * aws:PrincipalOrgPaths). A caller whose own identity policy allows sts:AssumeRole on
 * the role stands for each principal the trust policy names outside the organization,
 * and one of an account in no organization for '*'. A denial that rests on condition
 * keys such a caller could supply (sts:ExternalId, aws:SourceIp …) proves nothing: it
 * is a finding too.
 */
import { assumedRoleArn } from '../arn/index.ts';
import { buildOrganization, type Organization } from '../emulator/estate/organization.ts';
import { organizationLayers } from '../emulator/organizationLayers.ts';
import { authorize, parsePolicy, type NamedPolicy, type PrincipalIdentity } from '../policy/index.ts';
import { accountId } from '../config/load.ts';
import { readRole } from './policies.ts';
import { trustGrants, type TrustGrant } from './static/trust.ts';
import { verdict, type StaticFinding, type StaticVerdict } from './static/types.ts';
import type { Harness } from './harness.ts';

/** An account in no organization, standing for "any AWS account" ('*'). */
const NO_ORGANIZATION_ACCOUNT = '000000000000';
/** Keys a caller outside the organization lacks whatever it does. */
const ORGANIZATION_KEYS = new Set(['aws:principalorgid', 'aws:principalorgpaths']);

function organizationOf(h: Harness): Organization {
  if (h.target.kind === 'aws') {
    throw new Error('organization checks read the organization from the estate; on the aws target crossgate does not read AWS Organizations, so the check cannot be made');
  }
  const org = h.estate?.organization;
  if (org === undefined) throw new Error(`the estate${h.config.estateFile === undefined ? '' : ` ${h.config.estateFile}`} has no organization: add one under "organization"`);
  const problems: string[] = [];
  const built = buildOrganization(org, (path, message) => problems.push(`${path}: ${message}`));
  if (built === undefined) throw new Error(`the estate's organization is not valid: ${problems.join('; ')}`);
  return built;
}

/** The account `member` belongs to the organization of the account `of`. */
export function accountInOrganizationOf(h: Harness, member: string, of: string): StaticVerdict {
  const org = organizationOf(h);
  const memberId = accountId(h.config, member);
  const ofId = accountId(h.config, of);
  const checked = [`organization ${org.id}`];
  if (org.membership(ofId) === undefined) return verdict(checked, [{ policy: `organization ${org.id}`, message: `account ${ofId} (${of}) belongs to no organization of the estate, so it has no organization for ${memberId} to belong to` }]);
  if (org.membership(memberId) === undefined) return verdict(checked, [{ policy: `organization ${org.id}`, message: `account ${memberId} (${member}) is not a member of organization ${org.id}, the organization of account ${ofId} (${of})` }]);
  return verdict(checked, []);
}

/** The principal standing for a trust grant, and the account it is in. */
function probeFor(grant: TrustGrant): PrincipalIdentity | undefined {
  const account = grant.accountId;
  switch (grant.kind) {
    case 'wildcard':
      return { arn: `arn:aws:iam::${NO_ORGANIZATION_ACCOUNT}:user/crossgate-probe`, accountId: NO_ORGANIZATION_ACCOUNT, type: 'user' };
    case 'account':
      return { arn: `arn:aws:iam::${account}:user/crossgate-probe`, accountId: account!, type: 'user' };
    case 'user':
      return { arn: grant.principal, accountId: account!, type: 'user' };
    case 'role': {
      const name = grant.principal.slice(grant.principal.lastIndexOf('/') + 1);
      return { arn: assumedRoleArn(account!, name, 'crossgate-probe'), accountId: account!, type: 'assumedRole', roleArn: grant.principal };
    }
    case 'assumedRole':
      return { arn: grant.principal, accountId: account!, type: 'assumedRole' };
    default:
      return undefined;
  }
}

/**
 * Every configured role of the account may be assumed only by principals of the
 * account's organization (see the module comment for how it is decided).
 */
export async function rolesAssumableOnlyFromOrganization(h: Harness, accountAlias: string): Promise<StaticVerdict> {
  const org = organizationOf(h);
  const account = accountId(h.config, accountAlias);
  const roles = Object.entries(h.config.roles).filter(([, r]) => accountId(h.config, r.account) === account).map(([alias]) => alias);
  const checked: string[] = [];
  const findings: StaticFinding[] = [];
  if (org.membership(account) === undefined) {
    return verdict([`organization ${org.id}`], [{ policy: `organization ${org.id}`, message: `account ${account} (${accountAlias}) belongs to no organization of the estate` }]);
  }
  if (roles.length === 0) {
    return verdict([], [{ policy: `account ${account}`, message: `no role of account ${account} (${accountAlias}) is configured: nothing to check` }]);
  }
  for (const alias of roles) {
    const docs = await readRole(h, alias);
    const roleArn = docs.role.arn;
    checked.push(docs.role.trustPolicy.id);
    const trust: NamedPolicy = { name: docs.role.trustPolicy.id, kind: 'trust', policy: docs.trust };
    for (const grant of trustGrants(docs.trust)) {
      const at = { policy: docs.role.trustPolicy.id, statementIndex: grant.statementIndex, ...(grant.sid ? { sid: grant.sid } : {}) };
      if (grant.kind === 'service') continue; // an AWS service, not an account
      if (grant.kind === 'federated' || grant.kind === 'canonicalUser' || grant.kind === 'unparsable') {
        findings.push({ ...at, message: `'${grant.principal}' is not a principal of an account of organization ${org.id}` });
        continue;
      }
      const probe = probeFor(grant);
      if (probe === undefined || org.membership(probe.accountId) !== undefined) continue;
      const layers = organizationLayers({ organization: org }, probe, 'sts:AssumeRole', account);
      const identity = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn }] }, { kind: 'identity' });
      const result = authorize({
        principal: probe,
        action: 'sts:AssumeRole',
        resource: roleArn,
        resourceAccount: account,
        context: { ...layers.context, 'aws:SecureTransport': 'true' },
        identityPolicies: identity.ok ? [{ name: 'probe-identity', kind: 'identity', policy: identity.policy }] : [],
        resourcePolicy: trust,
        resourcePolicyRequired: true,
        ...(layers.rcps === undefined ? {} : { rcps: layers.rcps }),
      });
      const who = grant.kind === 'wildcard' ? `any AWS account ('*', e.g. account ${NO_ORGANIZATION_ACCOUNT})` : `'${grant.principal}' (account ${probe.accountId})`;
      if (result.decision === 'allowed') {
        findings.push({ ...at, message: `lets ${who}, outside organization ${org.id}, assume ${roleArn}: ${result.explanation}` });
        continue;
      }
      if (result.decision === 'explicitDeny') continue;
      const open = result.missingContextKeys.filter((k) => !ORGANIZATION_KEYS.has(k.toLowerCase()));
      if (open.length > 0) {
        findings.push({ ...at, message: `keeps ${who}, outside organization ${org.id}, out of ${roleArn} only for lack of ${open.join(', ')}, which such a caller can supply; pin aws:PrincipalOrgID instead (or attach an RCP)` });
      }
    }
  }
  return verdict(checked, findings);
}
