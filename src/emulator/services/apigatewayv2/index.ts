/**
 * API Gateway v2 (signing name 'apigateway') on REST-JSON: route by method and path,
 * validate, authorize in the caller's account and the request's region, then act.
 */
import { parseSigV4 } from '../../../sigv4/index.ts';
import { authorizeCall } from '../../authorizeCall.ts';
import { AwsError } from '../../errors.ts';
import { jsonErrorReply, jsonReply, queryMembers, restJsonAuthError } from '../../protocol/restJson.ts';
import type { ControlPlaneCall, ControlPlaneService, Reply } from '../types.ts';
import { NotFoundError } from './model.ts';
import { OPERATIONS, type ApiGatewayContext } from './operations.ts';
import { JsonBody, matchPath, pathSegments } from './request.ts';

export { OPERATIONS as APIGATEWAYV2_OPERATIONS } from './operations.ts';

function handle(call: ControlPlaneCall): Reply {
  const method = call.wire.method.toUpperCase();
  const segments = pathSegments(call.wire.path);
  let found: { op: (typeof OPERATIONS)[number]; params: Record<string, string> } | undefined;
  for (const op of segments ? OPERATIONS : []) {
    const params = op.method === method ? matchPath(op.path, segments!) : undefined;
    if (params) {
      found = { op, params };
      break;
    }
  }
  if (!found) throw new AwsError('NotFoundException', 404, `The embedded AWS does not serve ${method} ${call.wire.path} (API Gateway v2 operations served: ${OPERATIONS.map((o) => o.name).join(', ')})`);

  const parsed = parseSigV4(call.wire);
  const region = parsed.ok ? parsed.params.scope.region : call.state.region;
  const ctx: ApiGatewayContext = { state: call.state, caller: call.caller, accountId: call.caller.identity.accountId, region, now: call.now };
  const body = method === 'POST' ? JsonBody.parse(call.body) : JsonBody.parse(Buffer.alloc(0));
  const plan = found.op.plan(ctx, { params: found.params, query: queryMembers(call.wire), body });
  authorizeCall({ state: call.state, caller: call.caller, now: call.now, sourceIp: call.sourceIp, region }, plan.authorization, 'AccessDeniedException');
  const out = plan.act();
  return jsonReply(out.status, out.body, call.requestId);
}

export const apigateway: ControlPlaneService = {
  signingName: 'apigateway',
  handle(call) {
    try {
      return handle(call);
    } catch (err) {
      if (err instanceof AwsError) return jsonErrorReply(err, call.requestId, err instanceof NotFoundError ? { resourceType: err.resourceType } : {});
      throw err;
    }
  },
  operationName(wire) {
    const segments = pathSegments(wire.path);
    return segments ? OPERATIONS.find((o) => o.method === wire.method.toUpperCase() && matchPath(o.path, segments))?.name : undefined;
  },
  addresses: (wire) => wire.path === '/v2' || wire.path.startsWith('/v2/'),
  authFailure(reason, message, requestId) {
    return jsonErrorReply(restJsonAuthError(reason, message), requestId);
  },
};
