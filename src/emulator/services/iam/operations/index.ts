/** Every IAM operation the embedded AWS serves, by Query action name. */
import { ACCOUNT_OPERATIONS } from './account.ts';
import { POLICY_OPERATIONS } from './policies.ts';
import { ROLE_OPERATIONS } from './roles.ts';
import type { IamOperation } from './types.ts';
import { USER_OPERATIONS } from './users.ts';

export type { IamContext, IamOperation } from './types.ts';

export const IAM_OPERATIONS: ReadonlyMap<string, IamOperation> = new Map(Object.entries({
  ...USER_OPERATIONS,
  ...ROLE_OPERATIONS,
  ...POLICY_OPERATIONS,
  ...ACCOUNT_OPERATIONS,
}));
