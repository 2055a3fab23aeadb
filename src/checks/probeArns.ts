/** ARNs for simulated probes: the request's execute-api ARN and the session as a principal. */
import { executeApiArn } from '../arn/index.ts';
import { principalFromArn, type PrincipalIdentity } from '../policy/index.ts';

export { executeApiArn };

/** The session's identity; the role's path comes from the role's ARN. */
export function principalFromArnSafe(sessionArn: string, roleArn: string): PrincipalIdentity {
  const path = /:role(\/.*\/)[^/]+$/.exec(roleArn)?.[1] ?? '/';
  const p = principalFromArn(sessionArn, { rolePath: path });
  if (!p) throw new Error(`not a principal ARN: ${sessionArn}`);
  return p;
}
