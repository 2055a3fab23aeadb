/**
 * Reading a role's policies from IAM: the trust policy and every permission policy
 * (managed, at its default version, and inline), each with where it came from.
 */
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { iamClient } from './clients.ts';
import { fromSdkError, malformedResponse } from './errors.ts';
import type { AwsCredentials, Target } from './types.ts';

/** A policy document as IAM returned it, with its provenance. */
export interface FetchedPolicy {
  kind: 'trust' | 'managed' | 'inline';
  /** Managed: the policy ARN. Inline and trust: '<role arn>#<name>' / '<role arn>#trust'. */
  id: string;
  name: string;
  versionId?: string;
  /** The document text, URL-decoded. */
  document: string;
}

export interface FetchedRole {
  arn: string;
  name: string;
  roleId: string;
  maxSessionDuration?: number;
  permissionsBoundaryArn?: string;
  trustPolicy: FetchedPolicy;
  permissionPolicies: FetchedPolicy[];
}

function decode(doc: string | undefined, what: string): string {
  if (doc === undefined || doc === '') throw Object.assign(new Error(`${what}: IAM answered without a policy document`), { name: 'MalformedResponse' });
  try {
    return doc.trimStart().startsWith('{') ? doc : decodeURIComponent(doc);
  } catch {
    throw Object.assign(new Error(`${what}: the policy document is not URL-encoded JSON`), { name: 'MalformedResponse' });
  }
}

async function call<T>(operation: string, principal: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw fromSdkError(operation, principal, err);
  }
}

async function managedPolicy(client: IAMClient, principal: string, arn: string): Promise<FetchedPolicy> {
  const policy = await call(`iam:GetPolicy ${arn}`, principal, () => client.send(new GetPolicyCommand({ PolicyArn: arn })));
  const versionId = policy.Policy?.DefaultVersionId;
  if (!versionId) throw fromSdkError(`iam:GetPolicy ${arn}`, principal, Object.assign(new Error('no DefaultVersionId in the answer'), { name: 'MalformedResponse' }));
  const version = await call(`iam:GetPolicyVersion ${arn} ${versionId}`, principal, () =>
    client.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId })),
  );
  return {
    kind: 'managed', id: arn, name: policy.Policy?.PolicyName ?? arn, versionId,
    document: decode(version.PolicyVersion?.Document, `iam:GetPolicyVersion ${arn} ${versionId}`),
  };
}

/** Everything IAM says about a role's access, read as `principal` (for messages). */
export async function fetchRole(target: Target, credentials: AwsCredentials, principal: string, roleName: string): Promise<FetchedRole> {
  const client = iamClient(target, credentials);
  const got = await call(`iam:GetRole ${roleName}`, principal, () => client.send(new GetRoleCommand({ RoleName: roleName })));
  const role = got.Role;
  if (!role?.Arn || !role.RoleName || !role.RoleId) {
    throw fromSdkError(`iam:GetRole ${roleName}`, principal, Object.assign(new Error('the answer has no Role'), { name: 'MalformedResponse' }));
  }
  const trustPolicy: FetchedPolicy = {
    kind: 'trust', id: `${role.Arn}#trust`, name: 'AssumeRolePolicyDocument',
    document: decode(role.AssumeRolePolicyDocument, `iam:GetRole ${roleName}`),
  };

  const attached: string[] = [];
  await call(`iam:ListAttachedRolePolicies ${roleName}`, principal, async () => {
    for await (const page of paginateListAttachedRolePolicies({ client }, { RoleName: roleName })) {
      // An answer without the list is not "no policies": it could hide every grant and deny.
      if (!page.AttachedPolicies) throw malformedResponse('the answer has no AttachedPolicies list');
      for (const p of page.AttachedPolicies) {
        if (!p.PolicyArn) throw malformedResponse('an attached policy without PolicyArn');
        attached.push(p.PolicyArn);
      }
    }
  });
  const inlineNames: string[] = [];
  await call(`iam:ListRolePolicies ${roleName}`, principal, async () => {
    for await (const page of paginateListRolePolicies({ client }, { RoleName: roleName })) {
      if (!page.PolicyNames) throw malformedResponse('the answer has no PolicyNames list');
      inlineNames.push(...page.PolicyNames);
    }
  });

  const permissionPolicies: FetchedPolicy[] = [];
  for (const arn of attached) permissionPolicies.push(await managedPolicy(client, principal, arn));
  for (const name of inlineNames) {
    const inline = await call(`iam:GetRolePolicy ${roleName} ${name}`, principal, () => client.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name })));
    permissionPolicies.push({ kind: 'inline', id: `${role.Arn}#${name}`, name, document: decode(inline.PolicyDocument, `iam:GetRolePolicy ${roleName} ${name}`) });
  }
  return {
    arn: role.Arn, name: role.RoleName, roleId: role.RoleId, maxSessionDuration: role.MaxSessionDuration,
    permissionsBoundaryArn: role.PermissionsBoundary?.PermissionsBoundaryArn, trustPolicy, permissionPolicies,
  };
}
