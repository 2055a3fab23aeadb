/**
 * `crossgate estate import aws`: a snapshot of live accounts as an estate, read through
 * auditing principals with read-only calls only: STS GetCallerIdentity (which account),
 * IAM GetAccountAuthorizationDetails (paged; users, groups, roles, customer managed
 * policies with their documents), API Gateway v2 GetApis, GetRoutes and GetStages
 * (paged). No secret is read: users come without keys (the embedded AWS gives each a
 * local key when it loads the estate; src/estate/localCredentials.ts).
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis.html
 */
import { GetApisCommand, GetRoutesCommand, GetStagesCommand } from '@aws-sdk/client-apigatewayv2';
import { GetAccountAuthorizationDetailsCommand, type GetAccountAuthorizationDetailsCommandOutput } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Estate } from '../estate/types.ts';
import { EstateDraft } from '../estate/import/draft.ts';
import { placeholderApiId } from '../estate/import/placeholders.ts';
import { UserError } from '../util/userError.ts';
import { apiGatewayClient, iamClient, stsClient } from './clients.ts';
import type { AwsCredentials, Target } from './types.ts';

export interface SnapshotReader { name: string; credentials: AwsCredentials }

/** IAM returns policy documents URL-encoded (RFC 3986). */
function policyDocument(text: string | undefined, where: string): Record<string, unknown> {
  if (!text) throw new Error(`${where}: no policy document in the answer`);
  const decoded = text.trim().startsWith('{') ? text : decodeURIComponent(text);
  return JSON.parse(decoded) as Record<string, unknown>;
}

function tags(list: { Key?: string; Value?: string }[] | undefined): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const t of list ?? []) if (t.Key) out[t.Key] = t.Value ?? '';
  return Object.keys(out).length ? out : undefined;
}

async function readAccount(draft: EstateDraft, target: Target, reader: SnapshotReader): Promise<string> {
  const who = await stsClient(target, reader.credentials).send(new GetCallerIdentityCommand({}));
  const account = who.Account;
  if (!account || !/^\d{12}$/.test(account)) throw new Error(`principal '${reader.name}': GetCallerIdentity named no account`);
  draft.from.push({ kind: 'aws', account, region: target.region });
  const origin = (what: string) => ({ file: `aws://${account}/${target.region}`, pointer: `/${what}` });

  const iam = iamClient(target, reader.credentials);
  let marker: string | undefined;
  do {
    const page: GetAccountAuthorizationDetailsCommandOutput = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User', 'Role', 'Group', 'LocalManagedPolicy'], Marker: marker, MaxItems: 100 }));
    for (const p of page.Policies ?? []) {
      const version = (p.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion) ?? (p.PolicyVersionList ?? []).find((v) => v.VersionId === p.DefaultVersionId);
      // Some AWS implementations (moto) leave PolicyName out of the detail; the ARN says it.
      const policyName = p.PolicyName ?? p.Arn?.slice(p.Arn.lastIndexOf('/') + 1) ?? 'unnamed';
      draft.addPolicy(account, { name: policyName, path: p.Path, description: p.Description || undefined, document: policyDocument(version?.Document, `policy ${p.Arn}`) }, p.Arn?.split(':')[1] ?? 'aws', p.Arn ?? policyName, origin(`policies/${policyName}`));
    }
    for (const u of page.UserDetailList ?? []) {
      const name = u.UserName!;
      draft.addUser(account, { name, path: u.Path, tags: tags(u.Tags) }, u.Arn ?? name, origin(`users/${name}`));
      for (const p of u.UserPolicyList ?? []) draft.attachInline(account, 'user', name, p.PolicyName!, policyDocument(p.PolicyDocument, `user ${name} policy ${p.PolicyName}`), u.Arn ?? name, 'user', origin(`users/${name}/policies/${p.PolicyName}`));
      for (const a of u.AttachedManagedPolicies ?? []) draft.attachManaged(account, 'user', name, a.PolicyArn!, u.Arn ?? name, 'user', origin(`users/${name}`));
      for (const g of u.GroupList ?? []) draft.addMember(account, g, name, u.Arn ?? name, 'user', origin(`users/${name}`));
      if (u.PermissionsBoundary?.PermissionsBoundaryArn) draft.setBoundary(account, 'user', name, u.PermissionsBoundary.PermissionsBoundaryArn, u.Arn ?? name, 'user', origin(`users/${name}`));
    }
    for (const g of page.GroupDetailList ?? []) {
      const name = g.GroupName!;
      draft.addGroup(account, name, origin(`groups/${name}`));
      for (const p of g.GroupPolicyList ?? []) draft.attachInline(account, 'group', name, p.PolicyName!, policyDocument(p.PolicyDocument, `group ${name} policy ${p.PolicyName}`), g.Arn ?? name, 'group', origin(`groups/${name}`));
      for (const a of g.AttachedManagedPolicies ?? []) draft.attachManaged(account, 'group', name, a.PolicyArn!, g.Arn ?? name, 'group', origin(`groups/${name}`));
    }
    for (const r of page.RoleDetailList ?? []) {
      const name = r.RoleName!;
      draft.addRole(account, { name, path: r.Path, assumeRolePolicyDocument: policyDocument(r.AssumeRolePolicyDocument, `role ${name} trust policy`), tags: tags(r.Tags) }, r.Arn ?? name, origin(`roles/${name}`));
      for (const p of r.RolePolicyList ?? []) draft.attachInline(account, 'role', name, p.PolicyName!, policyDocument(p.PolicyDocument, `role ${name} policy ${p.PolicyName}`), r.Arn ?? name, 'role', origin(`roles/${name}/policies/${p.PolicyName}`));
      for (const a of r.AttachedManagedPolicies ?? []) draft.attachManaged(account, 'role', name, a.PolicyArn!, r.Arn ?? name, 'role', origin(`roles/${name}`));
      if (r.PermissionsBoundary?.PermissionsBoundaryArn) draft.setBoundary(account, 'role', name, r.PermissionsBoundary.PermissionsBoundaryArn, r.Arn ?? name, 'role', origin(`roles/${name}`));
    }
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);

  const apigw = apiGatewayClient(target, reader.credentials);
  const apiIdRenames: [string, string][] = [];
  let next: string | undefined;
  do {
    const apis = await apigw.send(new GetApisCommand({ NextToken: next, MaxResults: '100' }));
    for (const api of apis.Items ?? []) {
      const liveId = api.ApiId!;
      let apiId = liveId;
      if (!/^[a-z0-9]{10}$/.test(apiId)) {
        // API Gateway's ids are 10 characters [a-z0-9]; another shape (an emulator's) gets a stable stand-in.
        const standIn = placeholderApiId(`${account}/${apiId}`);
        draft.placeholder({ name: `${account}.${apiId}`, value: standIn, meaning: `API ${apiId}: its id is not in API Gateway's shape; execute-api ARNs naming it are rewritten` });
        apiIdRenames.push([apiId, standIn]);
        apiId = standIn;
      }
      if (api.ProtocolType !== 'HTTP') {
        draft.skip({ resource: apiId, type: `${api.ProtocolType ?? 'unknown'} API`, reason: 'crossgate models HTTP APIs only' });
        continue;
      }
      draft.addApi(account, { apiId, name: api.Name ?? apiId, protocolType: 'HTTP', routes: [] }, apiId, origin(`apis/${apiId}`));
      let routesNext: string | undefined;
      do {
        const routes = await apigw.send(new GetRoutesCommand({ ApiId: liveId, NextToken: routesNext, MaxResults: '100' }));
        for (const r of routes.Items ?? []) {
          draft.addRoute(apiId, { routeKey: r.RouteKey!, ...(r.RouteId && /^[a-z0-9]{7}$/.test(r.RouteId) ? { routeId: r.RouteId } : {}), authorizationType: (r.AuthorizationType ?? 'NONE') as 'NONE' }, `${apiId}/${r.RouteId}`, 'route', origin(`apis/${apiId}/routes/${r.RouteId}`));
        }
        routesNext = routes.NextToken;
      } while (routesNext);
      let stagesNext: string | undefined;
      do {
        const stages = await apigw.send(new GetStagesCommand({ ApiId: liveId, NextToken: stagesNext, MaxResults: '100' }));
        for (const s of stages.Items ?? []) draft.addStage(apiId, s.StageName!, `${apiId}/${s.StageName}`, 'stage', origin(`apis/${apiId}/stages/${s.StageName}`));
        stagesNext = stages.NextToken;
      } while (stagesNext);
    }
    next = apis.NextToken;
  } while (next);
  for (const [from, to] of apiIdRenames) draft.replaceInDocuments(from, to);
  return account;
}

/** Read every reader's account into one estate. Two readers of one account read it once. */
export async function snapshotEstate(target: Target, readers: SnapshotReader[]): Promise<Estate> {
  if (readers.length === 0) throw new UserError('estate import aws: no auditing principal to read with (the config\'s "auditors")');
  const draft = new EstateDraft(target.region);
  const seen = new Set<string>();
  for (const reader of readers) {
    const who = await stsClient(target, reader.credentials).send(new GetCallerIdentityCommand({}));
    if (who.Account && seen.has(who.Account)) continue;
    seen.add(await readAccount(draft, target, reader));
  }
  return draft.finish(`Snapshot of ${[...seen].join(', ')} (${target.region}) by crossgate estate import aws`);
}
