/** GetAccountAuthorizationDetails: every user, role and customer managed policy of the account. */
import type { ManagedPolicy, Role, User } from '../model.ts';
import { pageTail, paginate } from '../pagination.ts';
import { paging, type ParamSpec } from '../params.ts';
import { policyDetailXml, roleDetailXml, userDetailXml, xmlList } from '../serialize.ts';
import type { OperationTable } from './types.ts';

const ENTITY_TYPES = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;
const filter: ParamSpec = { kind: 'enumList', name: 'Filter', values: ENTITY_TYPES };

type Item = { user: User } | { role: Role } | { policy: ManagedPolicy };

export const ACCOUNT_OPERATIONS: OperationTable = {
  GetAccountAuthorizationDetails: {
    // Filter comes first in IAM's model; MaxItems before Marker.
    input: [filter, paging[1]!, paging[0]!],
    authorization: (ctx) => ({ action: 'iam:GetAccountAuthorizationDetails', resource: '*', resourceAccount: ctx.accountId }),
    run(ctx, input) {
      const iam = ctx.state.iam;
      const wanted = new Set(input.list('Filter') ?? ENTITY_TYPES);
      const items: Item[] = [
        ...(wanted.has('User') ? iam.listUsers(ctx.accountId).map((user) => ({ user })) : []),
        ...(wanted.has('Role') ? iam.listRoles(ctx.accountId).map((role) => ({ role })) : []),
        // No AWS managed policies are modelled: only the account's own.
        ...(wanted.has('LocalManagedPolicy') ? iam.listPolicies(ctx.accountId).map((policy) => ({ policy })) : []),
      ];
      const page = paginate(items, input, `GetAccountAuthorizationDetails:${[...wanted].sort().join(',')}`);
      const users = page.items.flatMap((i) => ('user' in i ? [userDetailXml(iam, i.user)] : []));
      const roles = page.items.flatMap((i) => ('role' in i ? [roleDetailXml(iam, i.role)] : []));
      const policies = page.items.flatMap((i) => ('policy' in i ? [policyDetailXml(iam, i.policy)] : []));
      return {
        UserDetailList: xmlList(users),
        GroupDetailList: xmlList([]),
        RoleDetailList: xmlList(roles),
        Policies: xmlList(policies),
        ...pageTail(page),
      };
    },
  },
};
