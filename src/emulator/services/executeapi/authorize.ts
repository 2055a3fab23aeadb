/**
 * IAM authorization of execute-api:Invoke on the request's concrete ARN, decided by
 * crossgate's evaluator over the caller's identity policies (HTTP APIs have no
 * resource policies, so a caller from another account can never be allowed directly),
 * within the SCPs over the caller's account. RCPs do not apply: API Gateway is not a
 * service RCPs cover (organizationLayers.ts).
 */
import { authorize as evaluate } from '../../../policy/index.ts';
import { executeApiArn } from '../../../arn/index.ts';
import { callerOwnPolicies } from '../../callerPolicies.ts';
import { organizationLayers } from '../../organizationLayers.ts';
import { requestContext } from '../../requestContext.ts';
import type { Invocation, InvocationHandler } from './context.ts';
import { errorResponse, MESSAGES } from './errors.ts';

export const authorize: InvocationHandler = (inv: Invocation) => {
  if (inv.route!.authorizationType === 'NONE') return undefined;
  const caller = inv.caller!;
  const api = inv.api!;
  inv.executeApiArn = executeApiArn({
    region: api.region,
    accountId: api.accountId,
    apiId: api.apiId,
    stage: inv.stage!,
    method: inv.wire.method.toUpperCase(),
    path: inv.resourcePath!,
  });
  const context = requestContext(caller, { now: inv.now, sourceIp: inv.sourceIp, region: api.region, userAgent: inv.userAgent });
  const layers = callerOwnPolicies(inv.state, caller);
  const org = organizationLayers(inv.state, caller.identity, 'execute-api:Invoke', api.accountId);
  Object.assign(context, org.context);
  inv.evaluation = evaluate({
    principal: caller.identity,
    action: 'execute-api:Invoke',
    resource: inv.executeApiArn,
    resourceAccount: api.accountId,
    context,
    identityPolicies: layers.identityPolicies,
    permissionsBoundary: layers.permissionsBoundary,
    sessionPolicies: layers.sessionPolicies,
    scps: org.scps,
  });
  if (inv.evaluation.decision !== 'allowed') return errorResponse(inv, 403, 'AccessDeniedException', MESSAGES.forbidden);
  return undefined;
};
