/** IAM user operations. */
import { iamPath, userArn } from '../../../../arn/index.ts';
import { longTermAccessKeyId, secretAccessKey } from '../../../ids.ts';
import { pageTail, paginate } from '../pagination.ts';
import { arn, existingUserName, paging, path, pathPrefix, tags, userName } from '../params.ts';
import { isoSeconds, userXml, xmlList } from '../serialize.ts';
import { entityPolicyOperations } from './entityPolicies.ts';
import { callerUserName, requestTags, tagRecord, userTarget, type OperationTable } from './types.ts';

export const USER_OPERATIONS: OperationTable = {
  GetUser: {
    input: [existingUserName(false)],
    authorization: (ctx, input) => userTarget(ctx, 'iam:GetUser', callerUserName(ctx, input.string('UserName'))),
    run(ctx, input) {
      return { User: userXml(ctx.state.iam.getUser(ctx.accountId, callerUserName(ctx, input.string('UserName')))) };
    },
  },

  ListUsers: {
    input: [pathPrefix, ...paging],
    authorization(ctx, input) {
      const resource = `arn:aws:iam::${ctx.accountId}:user${input.string('PathPrefix') ?? '/'}`;
      return { action: 'iam:ListUsers', resource, resourceAccount: ctx.accountId };
    },
    run(ctx, input) {
      const page = paginate(ctx.state.iam.listUsers(ctx.accountId, input.string('PathPrefix')), input, 'ListUsers');
      return { Users: xmlList(page.items.map((u) => userXml(u, false))), ...pageTail(page) };
    },
  },

  CreateUser: {
    input: [path, userName(), arn('PermissionsBoundary', false), tags],
    authorization(ctx, input) {
      const boundary = input.string('PermissionsBoundary');
      return {
        action: 'iam:CreateUser',
        resource: userArn(ctx.accountId, input.required('UserName'), input.string('Path') ?? '/'),
        resourceAccount: ctx.accountId,
        context: { ...requestTags(tagRecord(input.tags())), ...(boundary ? { 'iam:PermissionsBoundary': boundary } : {}) },
      };
    },
    run(ctx, input) {
      const iam = ctx.state.iam;
      const tagsGiven = tagRecord(input.tags());
      const boundary = input.string('PermissionsBoundary');
      // Check the boundary before creating anything, so a bad one leaves no user behind.
      if (boundary !== undefined) iam.policyFor(ctx.accountId, boundary);
      const user = iam.createUser(ctx.accountId, input.required('UserName'), iamPath(input.string('Path') ?? '/'), ctx.now);
      user.tags = tagsGiven;
      if (boundary !== undefined) iam.setPermissionsBoundary(user, boundary);
      return { User: userXml(user) };
    },
  },

  CreateAccessKey: {
    input: [existingUserName(false)],
    authorization: (ctx, input) => userTarget(ctx, 'iam:CreateAccessKey', callerUserName(ctx, input.string('UserName'))),
    run(ctx, input) {
      const user = ctx.state.iam.getUser(ctx.accountId, callerUserName(ctx, input.string('UserName')));
      const key = { accessKeyId: longTermAccessKeyId(), secretAccessKey: secretAccessKey() };
      ctx.state.iam.addAccessKey(user, { accessKeyId: key.accessKeyId, status: 'Active', createDate: ctx.now });
      // Registered at once: the new key authenticates on the very next request.
      ctx.state.credentials.add({
        ...key, issuedAt: ctx.now, status: 'Active',
        identity: ctx.state.iam.userIdentity(user), subject: { kind: 'user', accountId: user.accountId, userName: user.name },
      });
      return {
        AccessKey: { UserName: user.name, AccessKeyId: key.accessKeyId, Status: 'Active', SecretAccessKey: key.secretAccessKey, CreateDate: isoSeconds(ctx.now) },
      };
    },
  },

  ...entityPolicyOperations('user'),
};
