/**
 * Reading a whole account in few calls: IAM's GetAccountAuthorizationDetails (every
 * role, user and customer managed policy with their documents, paged) and API Gateway
 * v2's GetApis, GetRoutes and GetStages (paged). Each call is counted, so a benchmark
 * can compare the reads with one call per role and policy.
 *
 * AWS: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html,
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis.html (botocore:
 * iam/2010-05-08 GetAccountAuthorizationDetails; apigatewayv2/2018-11-29 GetApis, GetRoutes, GetStages).
 */
import { GetAccountAuthorizationDetailsCommand, type EntityType } from '@aws-sdk/client-iam';
import { GetApisCommand, GetRoutesCommand, GetStagesCommand } from '@aws-sdk/client-apigatewayv2';
import { apiGatewayClient, iamClient } from './clients.ts';
import { fromSdkError, malformedResponse } from './errors.ts';
import type { AwsCredentials, Target } from './types.ts';

export interface DiscoveredDocument {
  /** Managed: the policy ARN. Inline: '<entity arn>#<name>'. Trust: '<role arn>#trust'. */
  id: string;
  name: string;
  kind: 'trust' | 'managed' | 'inline';
  versionId?: string;
  document: string;
}

export interface DiscoveredRole {
  arn: string;
  name: string;
  path: string;
  trustPolicy: DiscoveredDocument;
  inlinePolicies: DiscoveredDocument[];
  attachedPolicyArns: string[];
  permissionsBoundaryArn?: string;
}

export interface DiscoveredUser {
  arn: string;
  name: string;
  path: string;
  inlinePolicies: DiscoveredDocument[];
  attachedPolicyArns: string[];
  permissionsBoundaryArn?: string;
}

export interface DiscoveredRoute { routeId: string; routeKey: string; authorizationType: string }
export interface DiscoveredApi { apiId: string; name: string; protocolType: string; routes: DiscoveredRoute[]; stages: string[] }

export interface DiscoveredAccount {
  accountId: string;
  roles: DiscoveredRole[];
  users: DiscoveredUser[];
  /** Customer managed policies at their default version, by ARN. */
  managedPolicies: Map<string, DiscoveredDocument>;
  apis: DiscoveredApi[];
  /** AWS calls made, by operation. */
  calls: Record<string, number>;
}

function decode(doc: string | undefined, what: string): string {
  if (doc === undefined || doc === '') throw malformedResponse(`${what}: no policy document`);
  try {
    return doc.trimStart().startsWith('{') ? doc : decodeURIComponent(doc);
  } catch {
    throw malformedResponse(`${what}: the policy document is not URL-encoded JSON`);
  }
}

async function call<T>(calls: Record<string, number>, operation: string, principal: string, fn: () => Promise<T>): Promise<T> {
  calls[operation] = (calls[operation] ?? 0) + 1;
  try {
    return await fn();
  } catch (err) {
    throw fromSdkError(operation, principal, err);
  }
}

/** Every role, user and customer managed policy of the account the credentials belong to. */
export async function discoverIam(target: Target, credentials: AwsCredentials, principal: string, calls: Record<string, number>): Promise<Pick<DiscoveredAccount, 'roles' | 'users' | 'managedPolicies'>> {
  const client = iamClient(target, credentials);
  const roles: DiscoveredRole[] = [];
  const users: DiscoveredUser[] = [];
  const managedPolicies = new Map<string, DiscoveredDocument>();
  // AWSManagedPolicy: the AWS managed policies attached to something, so their grants are known too.
  const filter: EntityType[] = ['Role', 'User', 'LocalManagedPolicy', 'AWSManagedPolicy'];
  let marker: string | undefined;
  do {
    const page = await call(calls, 'iam:GetAccountAuthorizationDetails', principal, () =>
      client.send(new GetAccountAuthorizationDetailsCommand({ Filter: filter, Marker: marker, MaxItems: 1000 })));
    // A page without its lists is not "no roles": it could hide every grant.
    if (!page.RoleDetailList || !page.UserDetailList || !page.Policies) throw fromSdkError('iam:GetAccountAuthorizationDetails', principal, malformedResponse('the answer lacks RoleDetailList, UserDetailList or Policies'));
    for (const r of page.RoleDetailList) {
      if (!r.Arn || !r.RoleName) throw fromSdkError('iam:GetAccountAuthorizationDetails', principal, malformedResponse('a role without Arn or RoleName'));
      roles.push({
        arn: r.Arn, name: r.RoleName, path: r.Path ?? '/',
        trustPolicy: { id: `${r.Arn}#trust`, name: 'AssumeRolePolicyDocument', kind: 'trust', document: decode(r.AssumeRolePolicyDocument, `${r.Arn} trust policy`) },
        inlinePolicies: (r.RolePolicyList ?? []).map((p) => ({ id: `${r.Arn}#${p.PolicyName}`, name: p.PolicyName ?? '', kind: 'inline' as const, document: decode(p.PolicyDocument, `${r.Arn} inline ${p.PolicyName}`) })),
        attachedPolicyArns: (r.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn!).filter(Boolean),
        ...(r.PermissionsBoundary?.PermissionsBoundaryArn ? { permissionsBoundaryArn: r.PermissionsBoundary.PermissionsBoundaryArn } : {}),
      });
    }
    for (const u of page.UserDetailList) {
      if (!u.Arn || !u.UserName) throw fromSdkError('iam:GetAccountAuthorizationDetails', principal, malformedResponse('a user without Arn or UserName'));
      users.push({
        arn: u.Arn, name: u.UserName, path: u.Path ?? '/',
        inlinePolicies: (u.UserPolicyList ?? []).map((p) => ({ id: `${u.Arn}#${p.PolicyName}`, name: p.PolicyName ?? '', kind: 'inline' as const, document: decode(p.PolicyDocument, `${u.Arn} inline ${p.PolicyName}`) })),
        attachedPolicyArns: (u.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn!).filter(Boolean),
        ...(u.PermissionsBoundary?.PermissionsBoundaryArn ? { permissionsBoundaryArn: u.PermissionsBoundary.PermissionsBoundaryArn } : {}),
      });
    }
    for (const p of page.Policies) {
      const version = p.PolicyVersionList?.find((v) => v.IsDefaultVersion);
      if (!p.Arn || !version) throw fromSdkError('iam:GetAccountAuthorizationDetails', principal, malformedResponse(`managed policy ${p.Arn ?? '?'} without its default version`));
      managedPolicies.set(p.Arn, { id: p.Arn, name: p.PolicyName ?? p.Arn, kind: 'managed', versionId: version.VersionId, document: decode(version.Document, `${p.Arn} ${version.VersionId}`) });
    }
    marker = page.IsTruncated ? page.Marker : undefined;
    if (page.IsTruncated && !marker) throw fromSdkError('iam:GetAccountAuthorizationDetails', principal, malformedResponse('IsTruncated without a Marker'));
  } while (marker);
  return { roles, users, managedPolicies };
}

async function pages<T>(fetch: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.push(...page.items);
    token = page.next;
  } while (token);
  return out;
}

/** Every API of the account, with the routes and stages of each HTTP API. */
export async function discoverApis(target: Target, credentials: AwsCredentials, principal: string, calls: Record<string, number>): Promise<DiscoveredApi[]> {
  const client = apiGatewayClient(target, credentials);
  const apis = await pages(async (NextToken) => {
    const page = await call(calls, 'apigateway:GetApis', principal, () => client.send(new GetApisCommand({ NextToken })));
    if (!page.Items) throw fromSdkError('apigateway:GetApis', principal, malformedResponse('the answer has no Items'));
    return { items: page.Items, next: page.NextToken };
  });
  const out: DiscoveredApi[] = [];
  for (const a of apis) {
    if (!a.ApiId || !a.ProtocolType) throw fromSdkError('apigateway:GetApis', principal, malformedResponse('an API without ApiId or ProtocolType'));
    if (a.ProtocolType !== 'HTTP') continue; // WebSocket APIs are not in crossgate's scope
    const apiId = a.ApiId;
    const routes = await pages(async (NextToken) => {
      const page = await call(calls, 'apigateway:GetRoutes', principal, () => client.send(new GetRoutesCommand({ ApiId: apiId, NextToken })));
      if (!page.Items) throw fromSdkError(`apigateway:GetRoutes ${apiId}`, principal, malformedResponse('the answer has no Items'));
      return { items: page.Items, next: page.NextToken };
    });
    const stages = await pages(async (NextToken) => {
      const page = await call(calls, 'apigateway:GetStages', principal, () => client.send(new GetStagesCommand({ ApiId: apiId, NextToken })));
      if (!page.Items) throw fromSdkError(`apigateway:GetStages ${apiId}`, principal, malformedResponse('the answer has no Items'));
      return { items: page.Items, next: page.NextToken };
    });
    out.push({
      apiId, name: a.Name ?? apiId, protocolType: a.ProtocolType,
      // HTTP APIs default to NONE when AuthorizationType is absent (and NONE is the answer that fails checks).
      routes: routes.map((r) => {
        if (!r.RouteKey) throw fromSdkError(`apigateway:GetRoutes ${apiId}`, principal, malformedResponse('a route without RouteKey'));
        return { routeId: r.RouteId ?? '', routeKey: r.RouteKey, authorizationType: r.AuthorizationType ?? 'NONE' };
      }),
      stages: stages.map((s) => s.StageName ?? '').filter(Boolean),
    });
  }
  return out;
}
