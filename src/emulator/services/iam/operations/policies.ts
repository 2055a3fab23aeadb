/** IAM managed policy operations. */
import { iamPath } from '../../../../arn/index.ts';
import { AwsError } from '../../../errors.ts';
import { DOCUMENT_QUOTAS, parseDocument, quotaLength } from '../documents.ts';
import type { Role, User } from '../model.ts';
import { pageTail, paginate } from '../pagination.ts';
import { arn, pathAsPrefix, paging, policyDocument, policyName, policyPath, tags, versionId, type ParamSpec } from '../params.ts';
import { policyVersionXml, policyXml, xmlList } from '../serialize.ts';
import { policyTarget, tagRecord, requestTags, type IamContext, type OperationTable } from './types.ts';

const description: ParamSpec = { kind: 'string', name: 'Description', max: 1000 };
const setAsDefault: ParamSpec = { kind: 'boolean', name: 'SetAsDefault' };
const entityFilter: ParamSpec = { kind: 'enum', name: 'EntityFilter', values: ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] };
const usageFilter: ParamSpec = { kind: 'enum', name: 'PolicyUsageFilter', values: ['PermissionsPolicy', 'PermissionsBoundary'] };

function managedDocument(text: string) {
  const doc = parseDocument(text, 'identity');
  if (quotaLength(doc.text) > DOCUMENT_QUOTAS.managedPolicy) {
    throw new AwsError('LimitExceeded', 409, `Cannot exceed quota for PolicySize: ${DOCUMENT_QUOTAS.managedPolicy}`);
  }
  return doc;
}

const policyOf = (ctx: IamContext, policyArn: string) => ctx.state.iam.policyFor(ctx.accountId, policyArn);

export const POLICY_OPERATIONS: OperationTable = {
  GetPolicy: {
    input: [arn('PolicyArn')],
    authorization: (ctx, input) => policyTarget(ctx, 'iam:GetPolicy', input.required('PolicyArn')),
    run: (ctx, input) => ({ Policy: policyXml(ctx.state.iam, policyOf(ctx, input.required('PolicyArn'))) }),
  },

  GetPolicyVersion: {
    input: [arn('PolicyArn'), versionId],
    authorization: (ctx, input) => policyTarget(ctx, 'iam:GetPolicyVersion', input.required('PolicyArn')),
    run(ctx, input) {
      const version = ctx.state.iam.getPolicyVersion(policyOf(ctx, input.required('PolicyArn')), input.required('VersionId'));
      return { PolicyVersion: policyVersionXml(version, true) };
    },
  },

  ListPolicyVersions: {
    input: [arn('PolicyArn'), ...paging],
    authorization: (ctx, input) => policyTarget(ctx, 'iam:ListPolicyVersions', input.required('PolicyArn')),
    run(ctx, input) {
      const policy = policyOf(ctx, input.required('PolicyArn'));
      // Newest first, without documents, as IAM lists them.
      const page = paginate([...policy.versions].reverse(), input, `ListPolicyVersions:${policy.arn}`);
      return { Versions: xmlList(page.items.map((v) => policyVersionXml(v, false))), ...pageTail(page) };
    },
  },

  ListEntitiesForPolicy: {
    input: [arn('PolicyArn'), entityFilter, pathAsPrefix, usageFilter, ...paging],
    authorization: (ctx, input) => policyTarget(ctx, 'iam:ListEntitiesForPolicy', input.required('PolicyArn')),
    run(ctx, input) {
      const policy = policyOf(ctx, input.required('PolicyArn'));
      const filter = input.string('EntityFilter');
      const usage = input.string('PolicyUsageFilter');
      const prefix = input.string('PathPrefix') ?? '/';
      const entities: (User | Role)[] = [];
      for (const { entity, usage: how } of ctx.state.iam.entitiesForPolicy(policy)) {
        if (usage !== undefined && how !== usage) continue;
        if (filter !== undefined && filter !== (entity.kind === 'user' ? 'User' : 'Role')) continue;
        if (entity.path.startsWith(prefix) && !entities.includes(entity)) entities.push(entity);
      }
      const page = paginate(entities, input, `ListEntitiesForPolicy:${policy.arn}:${filter ?? ''}:${usage ?? ''}:${prefix}`);
      return {
        PolicyGroups: xmlList([]),
        PolicyUsers: xmlList(page.items.filter((e) => e.kind === 'user').map((u) => ({ UserName: u.name, UserId: u.id }))),
        PolicyRoles: xmlList(page.items.filter((e) => e.kind === 'role').map((r) => ({ RoleName: r.name, RoleId: r.id }))),
        ...pageTail(page),
      };
    },
  },

  CreatePolicy: {
    input: [policyName, policyPath(), policyDocument(), description, tags],
    authorization(ctx, input) {
      const name = input.required('PolicyName');
      return {
        action: 'iam:CreatePolicy',
        resource: `arn:aws:iam::${ctx.accountId}:policy${iamPath(input.string('Path') ?? '/')}${name}`,
        resourceAccount: ctx.accountId,
        messageResource: `policy ${name}`,
        context: requestTags(tagRecord(input.tags())),
      };
    },
    run(ctx, input) {
      const tagsGiven = tagRecord(input.tags());
      const doc = managedDocument(input.required('PolicyDocument'));
      const policy = ctx.state.iam.createPolicy(ctx.accountId, input.required('PolicyName'), doc, {
        path: input.string('Path'), description: input.string('Description'),
      }, ctx.now);
      policy.tags = tagsGiven;
      return { Policy: policyXml(ctx.state.iam, policy) };
    },
  },

  CreatePolicyVersion: {
    input: [arn('PolicyArn'), policyDocument(), setAsDefault],
    authorization: (ctx, input) => policyTarget(ctx, 'iam:CreatePolicyVersion', input.required('PolicyArn')),
    run(ctx, input) {
      const policy = policyOf(ctx, input.required('PolicyArn'));
      const doc = managedDocument(input.required('PolicyDocument'));
      const version = ctx.state.iam.createPolicyVersion(policy, doc, input.boolean('SetAsDefault') ?? false, ctx.now);
      return { PolicyVersion: policyVersionXml(version, false) };
    },
  },

  DeletePolicyVersion: {
    input: [arn('PolicyArn'), versionId],
    authorization: (ctx, input) => policyTarget(ctx, 'iam:DeletePolicyVersion', input.required('PolicyArn')),
    run(ctx, input) {
      ctx.state.iam.deletePolicyVersion(policyOf(ctx, input.required('PolicyArn')), input.required('VersionId'));
      return undefined;
    },
  },

  DeletePolicy: {
    input: [arn('PolicyArn')],
    authorization: (ctx, input) => policyTarget(ctx, 'iam:DeletePolicy', input.required('PolicyArn')),
    run(ctx, input) {
      ctx.state.iam.deletePolicy(ctx.accountId, input.required('PolicyArn'));
      return undefined;
    },
  },
};
