/**
 * API Gateway v2 state: HTTP APIs, their stages and routes, per account.
 */
import { AwsError } from '../../errors.ts';
import { shortId } from '../../ids.ts';

export type AuthorizationType = 'NONE' | 'AWS_IAM' | 'JWT' | 'CUSTOM';

export interface Route {
  routeId: string;
  /** '$default' or 'METHOD /path' as written. */
  routeKey: string;
  /** Upper-case method, 'ANY', or undefined for $default. */
  method?: string;
  /** Path segments of the route key ('/orders/{id}' → ['orders', '{id}']); undefined for $default. */
  segments?: string[];
  authorizationType: AuthorizationType;
}

export interface HttpApi {
  apiId: string;
  name: string;
  accountId: string;
  region: string;
  protocolType: 'HTTP';
  createdDate: Date;
  stages: string[];
  routes: Route[];
}

/** Split a route key into method and path segments. */
export function parseRouteKey(routeKey: string): { method?: string; segments?: string[] } {
  if (routeKey === '$default') return {};
  const m = /^(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\/\S*)$/.exec(routeKey);
  if (!m) throw new AwsError('BadRequestException', 400, `Invalid route key: ${routeKey}`);
  const segments = m[2]!.split('/').filter((s) => s !== '');
  const greedy = segments.findIndex((s) => s.endsWith('+}'));
  if (greedy !== -1 && greedy !== segments.length - 1) {
    throw new AwsError('BadRequestException', 400, `Greedy path variable must be the last segment: ${routeKey}`);
  }
  return { method: m[1]!, segments };
}

export class ApiGatewayModel {
  readonly apis = new Map<string, HttpApi>();

  createApi(accountId: string, region: string, input: { apiId: string; name: string; stages?: string[] }, now = new Date()): HttpApi {
    if (this.apis.has(input.apiId)) throw new AwsError('ConflictException', 409, `API ${input.apiId} already exists`);
    const api: HttpApi = {
      apiId: input.apiId, name: input.name, accountId, region, protocolType: 'HTTP', createdDate: now,
      stages: input.stages ?? ['$default'], routes: [],
    };
    this.apis.set(api.apiId, api);
    return api;
  }

  createRoute(api: HttpApi, input: { routeKey: string; routeId?: string; authorizationType?: AuthorizationType }): Route {
    if (api.routes.some((r) => r.routeKey === input.routeKey)) {
      throw new AwsError('ConflictException', 409, `Unable to create route ${input.routeKey}. The route already exists.`);
    }
    const route: Route = {
      routeId: input.routeId ?? shortId(`${api.apiId}:${input.routeKey}`),
      routeKey: input.routeKey,
      ...parseRouteKey(input.routeKey),
      authorizationType: input.authorizationType ?? 'NONE',
    };
    api.routes.push(route);
    return route;
  }

  getApi(apiId: string): HttpApi {
    const api = this.apis.get(apiId);
    if (!api) throw new AwsError('NotFoundException', 404, `Invalid API identifier specified ${apiId}`);
    return api;
  }
}
