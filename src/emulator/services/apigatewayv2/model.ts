/**
 * API Gateway v2 state: HTTP APIs, their stages and routes. APIs are found by id
 * (the data plane addresses them by host) and belong to one account and region (the
 * control plane shows a caller only its own). Logic only; REST-JSON lives in the handler.
 */
import { AwsError } from '../../errors.ts';
import { httpApiId, shortId } from '../../ids.ts';

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
  authorizerId?: string;
  authorizationScopes?: string[];
  apiKeyRequired: boolean;
  operationName?: string;
  /** 'integrations/<id>' when the route has an integration. */
  target?: string;
}

export interface Stage {
  stageName: string;
  createdDate: Date;
  lastUpdatedDate: Date;
  /** HTTP APIs' $default stage deploys every change at once. */
  autoDeploy: boolean;
  description?: string;
  stageVariables: Record<string, string>;
  tags: Record<string, string>;
}

export interface HttpApi {
  apiId: string;
  name: string;
  accountId: string;
  region: string;
  protocolType: 'HTTP';
  createdDate: Date;
  description?: string;
  version?: string;
  disableExecuteApiEndpoint: boolean;
  tags: Record<string, string>;
  stages: Stage[];
  routes: Route[];
}

export interface CreateApiInput {
  /** Given by estate files; generated otherwise. */
  apiId?: string;
  name: string;
  /** Stage names; each auto-deploys. */
  stages?: string[];
  description?: string;
  version?: string;
  disableExecuteApiEndpoint?: boolean;
  tags?: Record<string, string>;
}

export interface CreateRouteInput {
  routeKey: string;
  routeId?: string;
  authorizationType?: AuthorizationType;
  authorizerId?: string;
  authorizationScopes?: string[];
  apiKeyRequired?: boolean;
  operationName?: string;
  target?: string;
}

export interface CreateStageInput {
  stageName: string;
  autoDeploy?: boolean;
  description?: string;
  stageVariables?: Record<string, string>;
  tags?: Record<string, string>;
}

function badRequest(message: string): AwsError {
  return new AwsError('BadRequestException', 400, message);
}

/** Not found, with the resource type API Gateway names in its NotFoundException. */
export class NotFoundError extends AwsError {
  constructor(message: string, readonly resourceType: string) {
    super('NotFoundException', 404, message);
  }
}

/** Split a route key into method and path segments. */
export function parseRouteKey(routeKey: string): { method?: string; segments?: string[] } {
  if (routeKey === '$default') return {};
  const m = /^(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\/\S*)$/.exec(routeKey);
  if (!m) throw badRequest(`Invalid route key: ${routeKey}`);
  const segments = m[2]!.split('/').filter((s) => s !== '');
  const greedy = segments.findIndex((s) => s.endsWith('+}'));
  if (greedy !== -1 && greedy !== segments.length - 1) {
    throw badRequest(`Greedy path variable must be the last segment: ${routeKey}`);
  }
  return { method: m[1]!, segments };
}

/** HTTP API stage names: '$default', or letters, digits, '-' and '_'. */
const STAGE_NAME = /^(?:\$default|[A-Za-z0-9_-]{1,128})$/;

export function apiEndpoint(api: HttpApi): string {
  return `https://${api.apiId}.execute-api.${api.region}.amazonaws.com`;
}

export class ApiGatewayModel {
  readonly apis = new Map<string, HttpApi>();

  createApi(accountId: string, region: string, input: CreateApiInput, now = new Date()): HttpApi {
    let apiId = input.apiId;
    if (apiId !== undefined && this.apis.has(apiId)) throw new AwsError('ConflictException', 409, `API ${apiId} already exists`);
    while (apiId === undefined || this.apis.has(apiId)) apiId = httpApiId();
    const api: HttpApi = {
      apiId, name: input.name, accountId, region, protocolType: 'HTTP', createdDate: now,
      description: input.description, version: input.version, disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? false,
      tags: { ...(input.tags ?? {}) }, stages: [], routes: [],
    };
    for (const name of input.stages ?? ['$default']) this.createStage(api, { stageName: name, autoDeploy: true }, now);
    this.apis.set(api.apiId, api);
    return api;
  }

  /** The API with this id, if it belongs to the account and region (else not found, as for any other id). */
  apiFor(accountId: string, region: string, apiId: string): HttpApi {
    const api = this.apis.get(apiId);
    if (!api || api.accountId !== accountId || api.region !== region) {
      throw new NotFoundError(`Invalid API identifier specified ${accountId}:${apiId}`, 'Api');
    }
    return api;
  }

  listApis(accountId: string, region: string): HttpApi[] {
    return [...this.apis.values()].filter((a) => a.accountId === accountId && a.region === region);
  }

  getApi(apiId: string): HttpApi {
    const api = this.apis.get(apiId);
    if (!api) throw new NotFoundError(`Invalid API identifier specified ${apiId}`, 'Api');
    return api;
  }

  /* ---- routes ---- */

  createRoute(api: HttpApi, input: CreateRouteInput): Route {
    const parsed = parseRouteKey(input.routeKey);
    if (api.routes.some((r) => r.routeKey === input.routeKey)) {
      throw new AwsError('ConflictException', 409, `Unable to create route ${input.routeKey}. The route already exists.`);
    }
    const route: Route = {
      routeId: input.routeId ?? shortId(`${api.apiId}:${input.routeKey}`),
      routeKey: input.routeKey,
      ...parsed,
      authorizationType: input.authorizationType ?? 'NONE',
      authorizerId: input.authorizerId,
      authorizationScopes: input.authorizationScopes,
      apiKeyRequired: input.apiKeyRequired ?? false,
      operationName: input.operationName,
      target: input.target,
    };
    api.routes.push(route);
    return route;
  }

  getRoute(api: HttpApi, routeId: string): Route {
    const route = api.routes.find((r) => r.routeId === routeId);
    if (!route) throw new NotFoundError(`Invalid Route identifier specified ${api.accountId}:${routeId}`, 'Route');
    return route;
  }

  deleteRoute(api: HttpApi, routeId: string): void {
    const route = this.getRoute(api, routeId);
    api.routes = api.routes.filter((r) => r !== route);
  }

  /* ---- stages ---- */

  createStage(api: HttpApi, input: CreateStageInput, now = new Date()): Stage {
    if (!STAGE_NAME.test(input.stageName)) {
      throw badRequest(`Stage name only allows a-zA-Z0-9_- or is $default: ${input.stageName}`);
    }
    if (this.findStage(api, input.stageName)) throw new AwsError('ConflictException', 409, `Stage ${input.stageName} already exists`);
    const stage: Stage = {
      stageName: input.stageName, createdDate: now, lastUpdatedDate: now, autoDeploy: input.autoDeploy ?? false,
      description: input.description, stageVariables: { ...(input.stageVariables ?? {}) }, tags: { ...(input.tags ?? {}) },
    };
    api.stages.push(stage);
    return stage;
  }

  findStage(api: HttpApi, stageName: string): Stage | undefined {
    return api.stages.find((s) => s.stageName === stageName);
  }

  getStage(api: HttpApi, stageName: string): Stage {
    const stage = this.findStage(api, stageName);
    if (!stage) throw new NotFoundError(`Invalid stage identifier specified ${api.accountId}:${stageName}`, 'Stage');
    return stage;
  }
}
