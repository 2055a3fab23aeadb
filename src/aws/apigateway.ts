/**
 * Reading an HTTP API's routes from API Gateway v2 (GetRoutes, all pages).
 */
import { GetApiCommand, GetRoutesCommand } from '@aws-sdk/client-apigatewayv2';
import { apiGatewayClient } from './clients.ts';
import { fromSdkError, malformedResponse } from './errors.ts';
import type { AwsCredentials, Target } from './types.ts';

export interface FetchedRoute {
  routeId: string;
  routeKey: string;
  authorizationType: string;
}

async function call<T>(operation: string, principal: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw fromSdkError(operation, principal, err);
  }
}

export async function fetchRoutes(target: Target, credentials: AwsCredentials, principal: string, apiId: string): Promise<FetchedRoute[]> {
  const client = apiGatewayClient(target, credentials);
  const routes: FetchedRoute[] = [];
  await call(`apigateway:GetApi ${apiId}`, principal, async () => {
    const api = await client.send(new GetApiCommand({ ApiId: apiId }));
    if (!api.ApiId || !api.ProtocolType) throw malformedResponse('the answer has no ApiId or ProtocolType');
    if (api.ProtocolType !== 'HTTP') {
      throw Object.assign(new Error(`API ${apiId} is a ${api.ProtocolType} API, not an HTTP API`), { name: 'NotAnHttpApi' });
    }
  });
  await call(`apigateway:GetRoutes ${apiId}`, principal, async () => {
    let nextToken: string | undefined;
    do {
      const page = await client.send(new GetRoutesCommand({ ApiId: apiId, NextToken: nextToken }));
      if (!page.Items) throw malformedResponse('the answer has no Items');
      for (const r of page.Items) {
        if (!r.RouteKey) throw malformedResponse('a route without RouteKey');
        // HTTP APIs default to NONE when AuthorizationType is absent (and NONE is the answer that fails checks).
        routes.push({ routeId: r.RouteId ?? '', routeKey: r.RouteKey, authorizationType: r.AuthorizationType ?? 'NONE' });
      }
      nextToken = page.NextToken;
    } while (nextToken);
  });
  return routes;
}
