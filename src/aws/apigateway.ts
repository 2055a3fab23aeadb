/**
 * Reading an HTTP API's routes from API Gateway v2 (GetRoutes, all pages).
 */
import { GetApiCommand, GetRoutesCommand } from '@aws-sdk/client-apigatewayv2';
import { apiGatewayClient } from './clients.ts';
import { fromSdkError } from './errors.ts';
import type { AwsCredentials, Target } from './types.ts';

export interface FetchedRoute {
  routeId: string;
  routeKey: string;
  authorizationType: string;
}

export async function fetchRoutes(target: Target, credentials: AwsCredentials, principal: string, apiId: string): Promise<FetchedRoute[]> {
  const client = apiGatewayClient(target, credentials);
  const routes: FetchedRoute[] = [];
  try {
    const api = await client.send(new GetApiCommand({ ApiId: apiId }));
    if (api.ProtocolType !== undefined && api.ProtocolType !== 'HTTP') {
      throw Object.assign(new Error(`API ${apiId} is a ${api.ProtocolType} API, not an HTTP API`), { name: 'NotAnHttpApi' });
    }
    let nextToken: string | undefined;
    do {
      const page = await client.send(new GetRoutesCommand({ ApiId: apiId, NextToken: nextToken }));
      if (!page.Items) throw Object.assign(new Error('GetRoutes answered without Items'), { name: 'MalformedResponse' });
      for (const r of page.Items) {
        if (!r.RouteKey) throw Object.assign(new Error('a route without RouteKey'), { name: 'MalformedResponse' });
        // HTTP APIs default to NONE when AuthorizationType is absent.
        routes.push({ routeId: r.RouteId ?? '', routeKey: r.RouteKey, authorizationType: r.AuthorizationType ?? 'NONE' });
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return routes;
  } catch (err) {
    throw fromSdkError(`apigateway:GET /v2/apis/${apiId}/routes`, principal, err);
  } finally {
    client.destroy();
  }
}
