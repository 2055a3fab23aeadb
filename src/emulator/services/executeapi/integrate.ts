/**
 * The mock integration: echoes what a Lambda integration would receive (HTTP API
 * payload format 2.0), including requestContext.authorizer.iam. Headers are not
 * echoed: they carry the signature and the session token.
 */
import type { Invocation, InvocationHandler } from './context.ts';
import { timeText } from '../../timeText.ts';

export const integrate: InvocationHandler = (inv: Invocation) => {
  const caller = inv.caller;
  const route = inv.route!;
  const iam = caller
    ? {
        accessKey: caller.accessKeyId,
        accountId: caller.identity.accountId,
        callerId: caller.identity.userId ?? null,
        cognitoIdentity: null,
        principalOrgId: null,
        userArn: caller.identity.arn,
        userId: caller.identity.userId ?? null,
      }
    : undefined;
  const payload = {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: inv.resourcePath,
    rawQueryString: inv.wire.query,
    pathParameters: inv.pathParameters && Object.keys(inv.pathParameters).length > 0 ? inv.pathParameters : undefined,
    requestContext: {
      accountId: inv.api!.accountId,
      apiId: inv.api!.apiId,
      // undefined, not a spread: JSON.stringify leaves it out, and a spread mid-literal is slow in Node.js 20.
      authorizer: iam ? { iam } : undefined,
      domainName: inv.domainName,
      domainPrefix: inv.api!.apiId,
      http: { method: inv.wire.method.toUpperCase(), path: inv.resourcePath, protocol: 'HTTP/1.1', sourceIp: inv.sourceIp, userAgent: inv.userAgent },
      requestId: inv.requestId,
      routeKey: route.routeKey,
      stage: inv.stage,
      time: timeText(inv.now).iso,
      timeEpoch: inv.now.getTime(),
    },
  };
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'apigw-requestid': inv.requestId, 'x-amzn-requestid': inv.requestId },
    body: JSON.stringify(payload),
  };
};
