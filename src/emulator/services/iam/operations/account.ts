/** GetAccountAuthorizationDetails: every user, role and customer managed policy of the account. */
import { operation, type Operation } from '../../../operation/define.ts';
import type { ManagedPolicy, Role, User } from '../model.ts';
import { policyDetailXml, roleDetailXml, userDetailXml, xmlList } from '../serialize.ts';
import { page, type Paging } from './types.ts';

const ENTITY_TYPES = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;

type Item = { user: User } | { role: Role } | { policy: ManagedPolicy };

export const ACCOUNT_OPERATIONS: readonly Operation[] = [
  operation<{ Filter?: string[] } & Paging>({
    name: 'GetAccountAuthorizationDetails',
    authorization: (ctx) => ({ action: 'iam:GetAccountAuthorizationDetails', resource: '*', resourceAccount: ctx.accountId }),
    run(ctx, input) {
      const iam = ctx.state.iam;
      const wanted = new Set<string>(input.Filter !== undefined && input.Filter.length > 0 ? input.Filter : ENTITY_TYPES);
      const items: Item[] = [
        ...(wanted.has('User') ? iam.listUsers(ctx.accountId).map((user) => ({ user })) : []),
        ...(wanted.has('Role') ? iam.listRoles(ctx.accountId).map((role) => ({ role })) : []),
        // No AWS managed policies are modelled: only the account's own.
        ...(wanted.has('LocalManagedPolicy') ? iam.listPolicies(ctx.accountId).map((policy) => ({ policy })) : []),
      ];
      const p = page(items, input, `GetAccountAuthorizationDetails:${[...wanted].sort().join(',')}`);
      return {
        UserDetailList: xmlList(p.items.flatMap((i) => ('user' in i ? [userDetailXml(iam, i.user)] : []))),
        GroupDetailList: xmlList([]),
        RoleDetailList: xmlList(p.items.flatMap((i) => ('role' in i ? [roleDetailXml(iam, i.role)] : []))),
        Policies: xmlList(p.items.flatMap((i) => ('policy' in i ? [policyDetailXml(iam, i.policy)] : []))),
        ...p.tail,
      };
    },
  }),
];
