/** SigV4 authentication for AWS_IAM routes; NONE routes pass through unauthenticated. */
import { authenticate as authenticateSigV4 } from '../../authenticate.ts';
import type { Invocation, InvocationHandler } from './context.ts';
import { authFailure, errorResponse } from './errors.ts';

export const authenticate: InvocationHandler = (inv: Invocation) => {
  const type = inv.route!.authorizationType;
  if (type === 'NONE') return undefined;
  if (type !== 'AWS_IAM') {
    // JWT and custom authorizers are not emulated: refuse rather than let a request through.
    return errorResponse(inv, 401, 'UnauthorizedException', 'Unauthorized');
  }
  const result = authenticateSigV4(inv.wire, inv.state.credentials, inv.now, { service: 'execute-api', region: inv.api!.region });
  if (!result.ok) return authFailure(inv, result.reason, result.message);
  inv.caller = result.caller;
  return undefined;
};
