/** Every IAM operation the embedded AWS serves, one declaration each. */
import type { Operation } from '../../../operation/define.ts';
import { ACCOUNT_OPERATIONS } from './account.ts';
import { POLICY_OPERATIONS } from './policies.ts';
import { ROLE_OPERATIONS } from './roles.ts';
import { SIMULATION_OPERATIONS } from './simulation.ts';
import { USER_OPERATIONS } from './users.ts';

export type { IamContext } from './types.ts';

/** By name (the Query Action). */
export const IAM_OPERATIONS: ReadonlyMap<string, Operation> = new Map(
  [...USER_OPERATIONS, ...ROLE_OPERATIONS, ...POLICY_OPERATIONS, ...ACCOUNT_OPERATIONS, ...SIMULATION_OPERATIONS].map((op) => [op.name, op]),
);
