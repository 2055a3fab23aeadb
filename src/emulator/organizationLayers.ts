/**
 * What an organization adds to a request the embedded AWS authorizes: the SCPs over
 * the principal's account, the RCPs over the resource's account, and the global
 * condition keys AWS sets from both accounts' places in their organizations.
 *
 * - SCPs apply to every request of a principal of a member account, its root user
 *   included; they "don't affect users or roles in the management account" nor
 *   service-linked roles.
 *   https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
 * - RCPs apply to requests for resources of member accounts, whoever the caller is,
 *   but only for the services that support them ("List of AWS services that support
 *   RCPs": Amazon S3, AWS STS, AWS KMS, Amazon SQS, AWS Secrets Manager, Amazon
 *   Cognito, Amazon CloudWatch Logs, Amazon DynamoDB, Amazon ECR, Amazon OpenSearch
 *   Serverless). Amazon API Gateway (execute-api) is not among them. RCPs don't affect
 *   resources of the management account nor requests of service-linked roles.
 *   https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html#rcp-supported-services
 * - aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:ResourceOrgID, aws:ResourceOrgPaths
 *   and aws:ResourceAccount, as the global condition context keys page defines them
 *   (paths: 'o-…/r-…/ou-…/', present only for accounts in an organization).
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
import type { ContextValue, NamedPolicy, PrincipalIdentity } from '../policy/index.ts';
import type { Organization } from './estate/organization.ts';

/** Where the organization comes from: the emulator's state, or anything holding one. */
type WithOrganization = { organization?: Organization };

/** IAM service prefixes of the services RCPs cover (see the page cited above). */
export const RCP_SERVICES: ReadonlySet<string> = new Set([
  's3',
  'sts',
  'kms',
  'sqs',
  'secretsmanager',
  'cognito-idp',
  'logs',
  'dynamodb',
  'ecr',
  'aoss',
]);

export interface OrganizationLayers {
  /** SCP levels over the principal's account (root first), when they apply. */
  scps?: NamedPolicy[][];
  /** RCP levels over the resource's account (root first), when they apply. */
  rcps?: NamedPolicy[][];
  /** The organization keys of the request (aws:ResourceAccount always). */
  context: Record<string, ContextValue>;
}

/** Service-linked roles live under the path /aws-service-role/. */
export function isServiceLinkedRole(principal: PrincipalIdentity): boolean {
  const arn = principal.roleArn ?? (principal.type === 'role' ? principal.arn : undefined);
  return arn !== undefined && /^arn:[^:]+:iam::\d{12}:role\/aws-service-role\//.test(arn);
}

/** The SCP levels IAM's policy simulator applies to a principal of `accountId` (undefined outside any organization). */
export function scpLevelsOf(state: WithOrganization, accountId: string): NamedPolicy[][] | undefined {
  const org = state.organization;
  if (org === undefined || !org.scpsEnabled || accountId === org.managementAccountId) return undefined;
  return org.membership(accountId)?.scpLevels;
}

export function organizationLayers(state: WithOrganization, principal: PrincipalIdentity, action: string, resourceAccount: string): OrganizationLayers {
  const context: Record<string, ContextValue> = { 'aws:ResourceAccount': resourceAccount };
  const org = state.organization;
  if (org === undefined) return { context };
  const out: OrganizationLayers = { context };
  const serviceLinked = isServiceLinkedRole(principal);

  const principalSide = principal.type === 'anonymous' ? undefined : org.membership(principal.accountId);
  if (principalSide !== undefined) {
    context['aws:PrincipalOrgID'] = org.id;
    context['aws:PrincipalOrgPaths'] = [principalSide.path];
    if (org.scpsEnabled && !serviceLinked && principal.accountId !== org.managementAccountId) out.scps = principalSide.scpLevels;
  }

  const resourceSide = org.membership(resourceAccount);
  if (resourceSide !== undefined) {
    context['aws:ResourceOrgID'] = org.id;
    context['aws:ResourceOrgPaths'] = [resourceSide.path];
    const service = action.slice(0, action.indexOf(':')).toLowerCase();
    if (org.rcpsEnabled && RCP_SERVICES.has(service) && !serviceLinked && resourceAccount !== org.managementAccountId) out.rcps = resourceSide.rcpLevels;
  }
  return out;
}
