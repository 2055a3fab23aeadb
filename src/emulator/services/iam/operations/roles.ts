/** IAM role operations. */
import { roleArn } from '../../../../arn/index.ts';
import { AwsError } from '../../../errors.ts';
import { DOCUMENT_QUOTAS, parseDocument, quotaLength } from '../documents.ts';
import { pageTail, paginate } from '../pagination.ts';
import { arn, path, pathPrefix, paging, policyDocument, roleName, tags, type ParamSpec } from '../params.ts';
import { roleXml, xmlList } from '../serialize.ts';
import { entityPolicyOperations } from './entityPolicies.ts';
import { requestTags, roleTarget, tagRecord, type OperationTable } from './types.ts';

/** roleDescriptionType, roleMaxSessionDurationType */
const description: ParamSpec = { kind: 'string', name: 'Description', max: 1000, pattern: String.raw`[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*` };
const maxSessionDuration: ParamSpec = { kind: 'integer', name: 'MaxSessionDuration', min: 3600, max: 43200 };

function trustTooLarge(): AwsError {
  return new AwsError('LimitExceeded', 409, `Cannot exceed quota for ACLSizePerRole: ${DOCUMENT_QUOTAS.trustPolicy}`);
}

export const ROLE_OPERATIONS: OperationTable = {
  GetRole: {
    input: [roleName()],
    authorization: (ctx, input) => roleTarget(ctx, 'iam:GetRole', input.required('RoleName')),
    run: (ctx, input) => ({ Role: roleXml(ctx.state.iam.getRole(ctx.accountId, input.required('RoleName'))) }),
  },

  ListRoles: {
    input: [pathPrefix, ...paging],
    authorization(ctx, input) {
      // IAM names the listing as the role ARN prefix, e.g. arn:aws:iam::111111111111:role/
      const resource = `arn:aws:iam::${ctx.accountId}:role${input.string('PathPrefix') ?? '/'}`;
      return { action: 'iam:ListRoles', resource, resourceAccount: ctx.accountId };
    },
    run(ctx, input) {
      const page = paginate(ctx.state.iam.listRoles(ctx.accountId, input.string('PathPrefix')), input, 'ListRoles');
      return { Roles: xmlList(page.items.map((r) => roleXml(r, false))), ...pageTail(page) };
    },
  },

  CreateRole: {
    input: [path, roleName(), policyDocument('AssumeRolePolicyDocument'), description, maxSessionDuration, arn('PermissionsBoundary', false), tags],
    authorization(ctx, input) {
      const boundary = input.string('PermissionsBoundary');
      return {
        action: 'iam:CreateRole',
        resource: roleArn(ctx.accountId, input.required('RoleName'), input.string('Path') ?? '/'),
        resourceAccount: ctx.accountId,
        context: { ...requestTags(tagRecord(input.tags())), ...(boundary ? { 'iam:PermissionsBoundary': boundary } : {}) },
      };
    },
    run(ctx, input) {
      const iam = ctx.state.iam;
      const tagsGiven = tagRecord(input.tags());
      const trust = parseDocument(input.required('AssumeRolePolicyDocument'), 'trust');
      if (quotaLength(trust.text) > DOCUMENT_QUOTAS.trustPolicy) throw trustTooLarge();
      const boundary = input.string('PermissionsBoundary');
      if (boundary !== undefined) iam.policyFor(ctx.accountId, boundary);
      const role = iam.createRole(ctx.accountId, input.required('RoleName'), trust, {
        path: input.string('Path'), description: input.string('Description'), maxSessionDuration: input.integer('MaxSessionDuration'),
      }, ctx.now);
      role.tags = tagsGiven;
      if (boundary !== undefined) iam.setPermissionsBoundary(role, boundary);
      return { Role: roleXml(role) };
    },
  },

  UpdateAssumeRolePolicy: {
    input: [roleName(), policyDocument()],
    authorization: (ctx, input) => roleTarget(ctx, 'iam:UpdateAssumeRolePolicy', input.required('RoleName')),
    run(ctx, input) {
      const role = ctx.state.iam.getRole(ctx.accountId, input.required('RoleName'));
      ctx.state.iam.updateTrustPolicy(role, parseDocument(input.required('PolicyDocument'), 'trust'));
      return undefined;
    },
  },

  PutRolePermissionsBoundary: {
    input: [roleName(), arn('PermissionsBoundary')],
    authorization(ctx, input) {
      const t = roleTarget(ctx, 'iam:PutRolePermissionsBoundary', input.required('RoleName'));
      return { ...t, context: { ...t.context, 'iam:PermissionsBoundary': input.required('PermissionsBoundary') } };
    },
    run(ctx, input) {
      const role = ctx.state.iam.getRole(ctx.accountId, input.required('RoleName'));
      ctx.state.iam.setPermissionsBoundary(role, input.required('PermissionsBoundary'));
      return undefined;
    },
  },

  DeleteRole: {
    input: [roleName()],
    authorization: (ctx, input) => roleTarget(ctx, 'iam:DeleteRole', input.required('RoleName')),
    run(ctx, input) {
      ctx.state.iam.deleteRole(ctx.accountId, input.required('RoleName'));
      return undefined;
    },
  },

  ...entityPolicyOperations('role'),
};
