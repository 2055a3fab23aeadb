/** IAM managed policy operations. */
import { iamPath } from '../../../../arn/index.ts';
import { AwsError } from '../../../errors.ts';
import { operation, type Operation } from '../../../operation/define.ts';
import { DOCUMENT_QUOTAS, parseDocument, quotaLength } from '../documents.ts';
import type { Role, User } from '../model.ts';
import { policyVersionXml, policyXml, xmlList } from '../serialize.ts';
import { page, policyTarget, requestTags, tagRecord, type IamContext, type Paging, type Tag } from './types.ts';

function managedDocument(text: string) {
  const doc = parseDocument(text, 'identity');
  if (quotaLength(doc.text) > DOCUMENT_QUOTAS.managedPolicy) {
    throw new AwsError('LimitExceeded', 409, `Cannot exceed quota for PolicySize: ${DOCUMENT_QUOTAS.managedPolicy}`);
  }
  return doc;
}

const policyOf = (ctx: IamContext, policyArn: string) => ctx.state.iam.policyFor(ctx.accountId, policyArn);

/** The operations that act on one managed policy, named by PolicyArn. */
type OnPolicy<T = object> = { PolicyArn: string } & T;

const onPolicy = (action: string) => (ctx: IamContext, input: OnPolicy) => policyTarget(ctx, `iam:${action}`, input.PolicyArn);

export const POLICY_OPERATIONS: readonly Operation[] = [
  operation<OnPolicy>({
    name: 'GetPolicy',
    authorization: onPolicy('GetPolicy'),
    run: (ctx, input) => ({ Policy: policyXml(ctx.state.iam, policyOf(ctx, input.PolicyArn)) }),
  }),

  operation<OnPolicy<{ VersionId: string }>>({
    name: 'GetPolicyVersion',
    authorization: onPolicy('GetPolicyVersion'),
    run(ctx, input) {
      const version = ctx.state.iam.getPolicyVersion(policyOf(ctx, input.PolicyArn), input.VersionId);
      return { PolicyVersion: policyVersionXml(version, true) };
    },
  }),

  operation<OnPolicy<Paging>>({
    name: 'ListPolicyVersions',
    authorization: onPolicy('ListPolicyVersions'),
    run(ctx, input) {
      const policy = policyOf(ctx, input.PolicyArn);
      // Newest first, without documents, as IAM lists them.
      const p = page([...policy.versions].reverse(), input, `ListPolicyVersions:${policy.arn}`);
      return { Versions: xmlList(p.items.map((v) => policyVersionXml(v, false))), ...p.tail };
    },
  }),

  operation<OnPolicy<{ EntityFilter?: string; PathPrefix?: string; PolicyUsageFilter?: string } & Paging>>({
    name: 'ListEntitiesForPolicy',
    authorization: onPolicy('ListEntitiesForPolicy'),
    run(ctx, input) {
      const policy = policyOf(ctx, input.PolicyArn);
      const filter = input.EntityFilter;
      const usage = input.PolicyUsageFilter;
      const prefix = input.PathPrefix ?? '/';
      const entities: (User | Role)[] = [];
      for (const { entity, usage: how } of ctx.state.iam.entitiesForPolicy(policy)) {
        if (usage !== undefined && how !== usage) continue;
        if (filter !== undefined && filter !== (entity.kind === 'user' ? 'User' : 'Role')) continue;
        if (entity.path.startsWith(prefix) && !entities.includes(entity)) entities.push(entity);
      }
      const p = page(entities, input, `ListEntitiesForPolicy:${policy.arn}:${filter ?? ''}:${usage ?? ''}:${prefix}`);
      return {
        PolicyGroups: xmlList([]),
        PolicyUsers: xmlList(p.items.filter((e) => e.kind === 'user').map((u) => ({ UserName: u.name, UserId: u.id }))),
        PolicyRoles: xmlList(p.items.filter((e) => e.kind === 'role').map((r) => ({ RoleName: r.name, RoleId: r.id }))),
        ...p.tail,
      };
    },
  }),

  operation<{ PolicyName: string; Path?: string; PolicyDocument: string; Description?: string; Tags?: Tag[] }>({
    name: 'CreatePolicy',
    authorization: (ctx, input) => ({
      action: 'iam:CreatePolicy',
      resource: `arn:aws:iam::${ctx.accountId}:policy${iamPath(input.Path ?? '/')}${input.PolicyName}`,
      resourceAccount: ctx.accountId,
      messageResource: `policy ${input.PolicyName}`,
      context: requestTags(tagRecord(input.Tags ?? [])),
    }),
    run(ctx, input) {
      const tagsGiven = tagRecord(input.Tags ?? []);
      const doc = managedDocument(input.PolicyDocument);
      const policy = ctx.state.iam.createPolicy(ctx.accountId, input.PolicyName, doc, { path: input.Path, description: input.Description }, ctx.now);
      policy.tags = tagsGiven;
      return { Policy: policyXml(ctx.state.iam, policy) };
    },
  }),

  operation<OnPolicy<{ PolicyDocument: string; SetAsDefault?: boolean }>>({
    name: 'CreatePolicyVersion',
    authorization: onPolicy('CreatePolicyVersion'),
    run(ctx, input) {
      const policy = policyOf(ctx, input.PolicyArn);
      const doc = managedDocument(input.PolicyDocument);
      const version = ctx.state.iam.createPolicyVersion(policy, doc, input.SetAsDefault ?? false, ctx.now);
      return { PolicyVersion: policyVersionXml(version, false) };
    },
  }),

  operation<OnPolicy<{ VersionId: string }>>({
    name: 'DeletePolicyVersion',
    authorization: onPolicy('DeletePolicyVersion'),
    run(ctx, input) {
      ctx.state.iam.deletePolicyVersion(policyOf(ctx, input.PolicyArn), input.VersionId);
      return undefined;
    },
  }),

  operation<OnPolicy>({
    name: 'DeletePolicy',
    authorization: onPolicy('DeletePolicy'),
    run(ctx, input) {
      ctx.state.iam.deletePolicy(ctx.accountId, input.PolicyArn);
      return undefined;
    },
  }),
];
