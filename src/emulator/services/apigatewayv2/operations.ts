/**
 * The API Gateway v2 operations the embedded AWS serves. Each one reads and validates
 * its input, then says what must be authorized (`apigateway:<METHOD>` on the resource
 * ARN, as in the service authorization reference) and what to do once it is.
 */
import type { CallAuthorization } from '../../authorizeCall.ts';
import type { QueryParams } from '../../protocol/query.ts';
import type { CredentialRecord } from '../../credentials.ts';
import { AwsError } from '../../errors.ts';
import { shortId } from '../../ids.ts';
import type { EmulatorState } from '../../estate/load.ts';
import { NotFoundError, type AuthorizationType, type HttpApi } from './model.ts';
import type { JsonBody } from './request.ts';
import { apiJson, routeJson, stageJson } from './serialize.ts';

export interface ApiGatewayContext {
  state: EmulatorState;
  caller: CredentialRecord;
  /** The caller's account and the request's region: the only APIs a caller sees. */
  accountId: string;
  region: string;
  now: Date;
}

export interface ApiGatewayRequest {
  params: Record<string, string>;
  query: Pick<QueryParams, 'get'>;
  body: JsonBody;
}

export interface Plan {
  authorization: CallAuthorization;
  /** Runs once authorized: the HTTP status and JSON body of the answer. */
  act(): { status: number; body?: unknown };
}

export interface ApiGatewayOperation {
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** e.g. '/v2/apis/{apiId}/routes' */
  path: string;
  plan(ctx: ApiGatewayContext, req: ApiGatewayRequest): Plan;
}

/** Page size when maxResults is absent. */
export const DEFAULT_MAX_RESULTS = 25;

const AUTHORIZATION_TYPES: readonly AuthorizationType[] = ['NONE', 'AWS_IAM', 'CUSTOM', 'JWT'];

function badRequest(message: string): AwsError {
  return new AwsError('BadRequestException', 400, message);
}

/** arn:aws:apigateway:<region>::/apis/… — API Gateway resource ARNs carry no account. */
function resourceArn(ctx: ApiGatewayContext, path: string): string {
  return `arn:aws:apigateway:${ctx.region}::${path}`;
}

function target(ctx: ApiGatewayContext, method: string, path: string, context: Record<string, string | string[]> = {}): CallAuthorization {
  return { action: `apigateway:${method}`, resource: resourceArn(ctx, path), resourceAccount: ctx.accountId, context: { 'aws:RequestedRegion': ctx.region, ...context } };
}

function tagContext(prefix: 'aws:RequestTag' | 'aws:ResourceTag', tags: Record<string, string> | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(tags ?? {})) out[`${prefix}/${k}`] = v;
  if (prefix === 'aws:RequestTag' && tags && Object.keys(tags).length > 0) out['aws:TagKeys'] = Object.keys(tags);
  return out;
}

/** Condition keys of an existing API (none when it does not exist: authorization comes first). */
function apiContext(ctx: ApiGatewayContext, apiId: string): Record<string, string | string[]> {
  const api = ctx.state.apigateway.apis.get(apiId);
  if (!api || api.accountId !== ctx.accountId || api.region !== ctx.region) return {};
  return { 'apigateway:Resource/ApiName': api.name, ...tagContext('aws:ResourceTag', api.tags) };
}

const apiOf = (ctx: ApiGatewayContext, apiId: string): HttpApi => ctx.state.apigateway.apiFor(ctx.accountId, ctx.region, apiId);

/** items / nextToken pagination; the token is opaque and bound to its listing. */
function paginate<T>(items: T[], query: Pick<QueryParams, 'get'>, listing: string): { items: T[]; nextToken?: string } {
  const max = query.get('maxResults');
  if (max !== null && !/^[1-9]\d{0,5}$/.test(max)) throw badRequest(`Invalid maxResults: ${max}`);
  const size = max === null ? DEFAULT_MAX_RESULTS : Number(max);
  const token = query.get('nextToken');
  let start = 0;
  if (token !== null) {
    try {
      const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { l?: unknown; o?: unknown };
      if (parsed.l !== listing || !Number.isSafeInteger(parsed.o) || (parsed.o as number) < 0) throw new Error('foreign token');
      start = parsed.o as number;
    } catch {
      throw badRequest('Invalid nextToken');
    }
  }
  const next = start + size;
  return {
    items: items.slice(start, next),
    nextToken: next < items.length ? Buffer.from(JSON.stringify({ l: listing, o: next })).toString('base64') : undefined,
  };
}

export const OPERATIONS: readonly ApiGatewayOperation[] = [
  {
    name: 'GetApis', method: 'GET', path: '/v2/apis',
    plan: (ctx, req) => ({
      authorization: target(ctx, 'GET', '/apis'),
      act() {
        const page = paginate(ctx.state.apigateway.listApis(ctx.accountId, ctx.region), req.query, `apis:${ctx.accountId}:${ctx.region}`);
        return { status: 200, body: { items: page.items.map(apiJson), nextToken: page.nextToken } };
      },
    }),
  },
  {
    name: 'GetApi', method: 'GET', path: '/v2/apis/{apiId}',
    plan: (ctx, req) => ({
      authorization: target(ctx, 'GET', `/apis/${req.params.apiId}`, apiContext(ctx, req.params.apiId!)),
      act: () => ({ status: 200, body: apiJson(apiOf(ctx, req.params.apiId!)) }),
    }),
  },
  {
    name: 'CreateApi', method: 'POST', path: '/v2/apis',
    plan(ctx, req) {
      const b = req.body;
      const name = b.required('name', { min: 1, max: 128 });
      const protocolType = b.enum('protocolType', ['HTTP', 'WEBSOCKET'] as const, true)!;
      if (protocolType !== 'HTTP') throw badRequest('The embedded AWS serves HTTP APIs only: protocolType must be HTTP');
      const selection = b.string('routeSelectionExpression');
      if (selection !== undefined && selection !== '$request.method $request.path') {
        throw badRequest('Unsupported route selection expression for HTTP API. Only $request.method $request.path is supported');
      }
      const description = b.string('description', { max: 1024 });
      const version = b.string('version', { min: 1, max: 64 });
      const disableExecuteApiEndpoint = b.boolean('disableExecuteApiEndpoint');
      const tags = b.stringMap('tags');
      const routeKey = b.string('routeKey');
      const quickTarget = b.string('target', { min: 1, max: 2048 });
      if (routeKey !== undefined && quickTarget === undefined) throw badRequest('routeKey is only supported with target (quick create)');
      return {
        authorization: target(ctx, 'POST', '/apis', { 'apigateway:Request/ApiName': name, ...tagContext('aws:RequestTag', tags) }),
        act() {
          const model = ctx.state.apigateway;
          // Quick create: a $default stage that auto-deploys and one route to the target.
          const api = model.createApi(ctx.accountId, ctx.region, {
            name, description, version, disableExecuteApiEndpoint, tags, stages: quickTarget === undefined ? [] : ['$default'],
          }, ctx.now);
          if (quickTarget !== undefined) {
            model.createRoute(api, { routeKey: routeKey ?? '$default', target: `integrations/${shortId(`${api.apiId}:integration`)}` });
          }
          return { status: 201, body: apiJson(api) };
        },
      };
    },
  },
  {
    name: 'GetRoutes', method: 'GET', path: '/v2/apis/{apiId}/routes',
    plan: (ctx, req) => ({
      authorization: target(ctx, 'GET', `/apis/${req.params.apiId}/routes`, apiContext(ctx, req.params.apiId!)),
      act() {
        const api = apiOf(ctx, req.params.apiId!);
        const page = paginate(api.routes, req.query, `routes:${api.apiId}`);
        return { status: 200, body: { items: page.items.map(routeJson), nextToken: page.nextToken } };
      },
    }),
  },
  {
    name: 'GetRoute', method: 'GET', path: '/v2/apis/{apiId}/routes/{routeId}',
    plan: (ctx, req) => ({
      authorization: target(ctx, 'GET', `/apis/${req.params.apiId}/routes/${req.params.routeId}`, apiContext(ctx, req.params.apiId!)),
      act: () => ({ status: 200, body: routeJson(ctx.state.apigateway.getRoute(apiOf(ctx, req.params.apiId!), req.params.routeId!)) }),
    }),
  },
  {
    name: 'CreateRoute', method: 'POST', path: '/v2/apis/{apiId}/routes',
    plan(ctx, req) {
      const b = req.body;
      const routeKey = b.required('routeKey');
      const authorizationType = b.enum('authorizationType', AUTHORIZATION_TYPES) ?? 'NONE';
      const authorizerId = b.string('authorizerId');
      const authorizationScopes = b.stringList('authorizationScopes');
      const apiKeyRequired = b.boolean('apiKeyRequired');
      const operationName = b.string('operationName', { min: 1, max: 64 });
      const routeTarget = b.string('target', { min: 1, max: 128 });
      if ((authorizationType === 'JWT' || authorizationType === 'CUSTOM') && authorizerId === undefined) {
        throw badRequest(`An authorizerId is required for authorization type ${authorizationType}`);
      }
      return {
        authorization: target(ctx, 'POST', `/apis/${req.params.apiId}/routes`, {
          ...apiContext(ctx, req.params.apiId!), 'apigateway:Request/RouteAuthorizationType': authorizationType,
        }),
        act() {
          const api = apiOf(ctx, req.params.apiId!);
          // No authorizers are modelled, so any authorizer id names nothing.
          if (authorizerId !== undefined) throw new NotFoundError(`Invalid authorizer identifier specified ${ctx.accountId}:${authorizerId}`, 'Authorizer');
          const route = ctx.state.apigateway.createRoute(api, { routeKey, authorizationType, authorizationScopes, apiKeyRequired, operationName, target: routeTarget });
          return { status: 201, body: routeJson(route) };
        },
      };
    },
  },
  {
    name: 'DeleteRoute', method: 'DELETE', path: '/v2/apis/{apiId}/routes/{routeId}',
    plan(ctx, req) {
      const { apiId, routeId } = req.params as { apiId: string; routeId: string };
      const own = apiContext(ctx, apiId);
      // Only the caller's own route lends its authorization type to the condition keys.
      const existing = own['apigateway:Resource/ApiName'] === undefined ? undefined : ctx.state.apigateway.apis.get(apiId)?.routes.find((r) => r.routeId === routeId);
      const context = existing ? { ...own, 'apigateway:Resource/RouteAuthorizationType': existing.authorizationType } : own;
      return {
        authorization: target(ctx, 'DELETE', `/apis/${apiId}/routes/${routeId}`, context),
        act() {
          ctx.state.apigateway.deleteRoute(apiOf(ctx, apiId), routeId);
          return { status: 204 };
        },
      };
    },
  },
  {
    name: 'GetStages', method: 'GET', path: '/v2/apis/{apiId}/stages',
    plan: (ctx, req) => ({
      authorization: target(ctx, 'GET', `/apis/${req.params.apiId}/stages`, apiContext(ctx, req.params.apiId!)),
      act() {
        const api = apiOf(ctx, req.params.apiId!);
        const page = paginate(api.stages, req.query, `stages:${api.apiId}`);
        return { status: 200, body: { items: page.items.map(stageJson), nextToken: page.nextToken } };
      },
    }),
  },
  {
    name: 'GetStage', method: 'GET', path: '/v2/apis/{apiId}/stages/{stageName}',
    plan: (ctx, req) => ({
      authorization: target(ctx, 'GET', `/apis/${req.params.apiId}/stages/${req.params.stageName}`, apiContext(ctx, req.params.apiId!)),
      act: () => ({ status: 200, body: stageJson(ctx.state.apigateway.getStage(apiOf(ctx, req.params.apiId!), req.params.stageName!)) }),
    }),
  },
  {
    name: 'CreateStage', method: 'POST', path: '/v2/apis/{apiId}/stages',
    plan(ctx, req) {
      const b = req.body;
      const stageName = b.required('stageName', { min: 1, max: 128 });
      const autoDeploy = b.boolean('autoDeploy');
      const description = b.string('description', { max: 1024 });
      const stageVariables = b.stringMap('stageVariables');
      const tags = b.stringMap('tags');
      return {
        authorization: target(ctx, 'POST', `/apis/${req.params.apiId}/stages`, { ...apiContext(ctx, req.params.apiId!), ...tagContext('aws:RequestTag', tags) }),
        act() {
          const stage = ctx.state.apigateway.createStage(apiOf(ctx, req.params.apiId!), { stageName, autoDeploy, description, stageVariables, tags }, ctx.now);
          return { status: 201, body: stageJson(stage) };
        },
      };
    },
  },
];
