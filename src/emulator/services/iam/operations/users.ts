/** IAM user operations. */
import { iamPath, userArn } from '../../../../arn/index.ts';
import { longTermAccessKeyId, secretAccessKey } from '../../../ids.ts';
import { operation, type Operation } from '../../../operation/define.ts';
import { isoSeconds } from '../../../timeText.ts';
import { userXml, xmlList } from '../serialize.ts';
import { entityPolicyOperations } from './entityPolicies.ts';
import { callerUserName, page, requestTags, tagRecord, userTarget, type Paging, type Tag } from './types.ts';

export const USER_OPERATIONS: readonly Operation[] = [
  operation<{ UserName?: string }>({
    name: 'GetUser',
    authorization: (ctx, input) => userTarget(ctx, 'iam:GetUser', callerUserName(ctx, input.UserName)),
    run: (ctx, input) => ({ User: userXml(ctx.state.iam.getUser(ctx.accountId, callerUserName(ctx, input.UserName))) }),
  }),

  operation<{ PathPrefix?: string } & Paging>({
    name: 'ListUsers',
    // IAM names the listing as the user ARN prefix, e.g. arn:aws:iam::111111111111:user/
    authorization: (ctx, input) => ({ action: 'iam:ListUsers', resource: `arn:aws:iam::${ctx.accountId}:user${input.PathPrefix ?? '/'}`, resourceAccount: ctx.accountId }),
    run(ctx, input) {
      const p = page(ctx.state.iam.listUsers(ctx.accountId, input.PathPrefix), input, 'ListUsers');
      return { Users: xmlList(p.items.map((u) => userXml(u, false))), ...p.tail };
    },
  }),

  operation<{ Path?: string; UserName: string; PermissionsBoundary?: string; Tags?: Tag[] }>({
    name: 'CreateUser',
    authorization(ctx, input) {
      const boundary = input.PermissionsBoundary;
      return {
        action: 'iam:CreateUser',
        resource: userArn(ctx.accountId, input.UserName, input.Path ?? '/'),
        resourceAccount: ctx.accountId,
        context: { ...requestTags(tagRecord(input.Tags ?? [])), ...(boundary ? { 'iam:PermissionsBoundary': boundary } : {}) },
      };
    },
    run(ctx, input) {
      const iam = ctx.state.iam;
      const tagsGiven = tagRecord(input.Tags ?? []);
      const boundary = input.PermissionsBoundary;
      // Check the boundary before creating anything, so a bad one leaves no user behind.
      if (boundary !== undefined) iam.policyFor(ctx.accountId, boundary);
      const user = iam.createUser(ctx.accountId, input.UserName, iamPath(input.Path ?? '/'), ctx.now);
      user.tags = tagsGiven;
      if (boundary !== undefined) iam.setPermissionsBoundary(user, boundary);
      return { User: userXml(user) };
    },
  }),

  operation<{ UserName?: string }>({
    name: 'CreateAccessKey',
    authorization: (ctx, input) => userTarget(ctx, 'iam:CreateAccessKey', callerUserName(ctx, input.UserName)),
    run(ctx, input) {
      const user = ctx.state.iam.getUser(ctx.accountId, callerUserName(ctx, input.UserName));
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
  }),

  ...entityPolicyOperations('user'),
];
