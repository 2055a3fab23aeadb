/**
 * IAM authorization of execute-api:Invoke on the request's concrete ARN, decided by
 * crossgate's evaluator over the caller's identity policies (HTTP APIs have no
 * resource policies, so a caller from another account can never be allowed directly).
 */
import { authorize as evaluate } from '../../../policy/index.ts';
import { executeApiArn } from '../../../arn/index.ts';
import { callerLayers } from '../sts/model.ts';
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
  const context: Record<string, string> = {
    ...(caller.sessionContext ?? {}),
    'aws:SourceIp': inv.sourceIp,
    'aws:SecureTransport': 'false',
    'aws:CurrentTime': inv.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(inv.now.getTime() / 1000)),
  };
  if (inv.userAgent) context['aws:UserAgent'] = inv.userAgent;
  inv.evaluation = evaluate({
    principal: caller.identity,
    action: 'execute-api:Invoke',
    resource: inv.executeApiArn,
    resourceAccount: api.accountId,
    context,
    ...callerLayers(inv.state, caller),
  });
  if (inv.evaluation.decision !== 'allowed') return errorResponse(inv, 403, 'AccessDeniedException', MESSAGES.forbidden);
  return undefined;
};
