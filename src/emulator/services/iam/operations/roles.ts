/** IAM role operations. */
import { roleArn } from '../../../../arn/index.ts';
import { AwsError } from '../../../errors.ts';
import { operation, type Operation } from '../../../operation/define.ts';
import { DOCUMENT_QUOTAS, parseDocument, quotaLength } from '../documents.ts';
import { roleXml, xmlList } from '../serialize.ts';
import { entityPolicyOperations } from './entityPolicies.ts';
import { page, requestTags, roleTarget, tagRecord, type Paging, type Tag } from './types.ts';

function trustTooLarge(): AwsError {
  return new AwsError('LimitExceeded', 409, `Cannot exceed quota for ACLSizePerRole: ${DOCUMENT_QUOTAS.trustPolicy}`);
}

interface CreateRoleInput {
  Path?: string;
  RoleName: string;
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration?: number;
  PermissionsBoundary?: string;
  Tags?: Tag[];
}

export const ROLE_OPERATIONS: readonly Operation[] = [
  operation<{ RoleName: string }>({
    name: 'GetRole',
    authorization: (ctx, input) => roleTarget(ctx, 'iam:GetRole', input.RoleName),
    run: (ctx, input) => ({ Role: roleXml(ctx.state.iam.getRole(ctx.accountId, input.RoleName)) }),
  }),

  operation<{ PathPrefix?: string } & Paging>({
    name: 'ListRoles',
    // IAM names the listing as the role ARN prefix, e.g. arn:aws:iam::111111111111:role/
    authorization: (ctx, input) => ({ action: 'iam:ListRoles', resource: `arn:aws:iam::${ctx.accountId}:role${input.PathPrefix ?? '/'}`, resourceAccount: ctx.accountId }),
    run(ctx, input) {
      const p = page(ctx.state.iam.listRoles(ctx.accountId, input.PathPrefix), input, 'ListRoles');
      return { Roles: xmlList(p.items.map((r) => roleXml(r, false))), ...p.tail };
    },
  }),

  operation<CreateRoleInput>({
    name: 'CreateRole',
    authorization(ctx, input) {
      const boundary = input.PermissionsBoundary;
      return {
        action: 'iam:CreateRole',
        resource: roleArn(ctx.accountId, input.RoleName, input.Path ?? '/'),
        resourceAccount: ctx.accountId,
        context: { ...requestTags(tagRecord(input.Tags ?? [])), ...(boundary ? { 'iam:PermissionsBoundary': boundary } : {}) },
      };
    },
    run(ctx, input) {
      const iam = ctx.state.iam;
      const tagsGiven = tagRecord(input.Tags ?? []);
      const trust = parseDocument(input.AssumeRolePolicyDocument, 'trust');
      if (quotaLength(trust.text) > DOCUMENT_QUOTAS.trustPolicy) throw trustTooLarge();
      const boundary = input.PermissionsBoundary;
      if (boundary !== undefined) iam.policyFor(ctx.accountId, boundary);
      const role = iam.createRole(ctx.accountId, input.RoleName, trust, {
        path: input.Path, description: input.Description, maxSessionDuration: input.MaxSessionDuration,
      }, ctx.now);
      role.tags = tagsGiven;
      if (boundary !== undefined) iam.setPermissionsBoundary(role, boundary);
      return { Role: roleXml(role) };
    },
  }),

  operation<{ RoleName: string; PolicyDocument: string }>({
    name: 'UpdateAssumeRolePolicy',
    authorization: (ctx, input) => roleTarget(ctx, 'iam:UpdateAssumeRolePolicy', input.RoleName),
    run(ctx, input) {
      const role = ctx.state.iam.getRole(ctx.accountId, input.RoleName);
      ctx.state.iam.updateTrustPolicy(role, parseDocument(input.PolicyDocument, 'trust'));
      return undefined;
    },
  }),

  operation<{ RoleName: string; PermissionsBoundary: string }>({
    name: 'PutRolePermissionsBoundary',
    authorization(ctx, input) {
      const t = roleTarget(ctx, 'iam:PutRolePermissionsBoundary', input.RoleName);
      return { ...t, context: { ...t.context, 'iam:PermissionsBoundary': input.PermissionsBoundary } };
    },
    run(ctx, input) {
      const role = ctx.state.iam.getRole(ctx.accountId, input.RoleName);
      ctx.state.iam.setPermissionsBoundary(role, input.PermissionsBoundary);
      return undefined;
    },
  }),

  operation<{ RoleName: string }>({
    name: 'DeleteRole',
    authorization: (ctx, input) => roleTarget(ctx, 'iam:DeleteRole', input.RoleName),
    run(ctx, input) {
      ctx.state.iam.deleteRole(ctx.accountId, input.RoleName);
      return undefined;
    },
  }),

  ...entityPolicyOperations('role'),
];
