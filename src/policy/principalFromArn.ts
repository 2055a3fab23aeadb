import { iamPath, parsePrincipalArn, roleArn } from '../arn/index.ts';
import type { PrincipalIdentity } from './types.ts';

/**
 * The PrincipalIdentity for a user, role, assumed-role session or account root
 * ARN. Session ARNs do not carry the role's path, so give `rolePath` when it is
 * not '/'. Undefined for anything else.
 */
export function principalFromArn(arn: string, options: { rolePath?: string; userId?: string } = {}): PrincipalIdentity | undefined {
  const parsed = parsePrincipalArn(arn);
  if (parsed === undefined) return undefined;
  const base = options.userId === undefined ? {} : { userId: options.userId };
  switch (parsed.kind) {
    case 'root':
      return { arn, accountId: parsed.accountId, type: 'root', ...base };
    case 'user':
      return { arn, accountId: parsed.accountId, type: 'user', ...base };
    case 'role':
      return { arn, accountId: parsed.accountId, type: 'role', roleArn: arn, ...base };
    case 'assumedRole':
      return {
        arn,
        accountId: parsed.accountId,
        type: 'assumedRole',
        roleArn: roleArn(parsed.accountId, parsed.roleName, iamPath(options.rolePath ?? '/'), parsed.partition),
        ...base,
      };
  }
}
