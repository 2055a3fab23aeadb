/**
 * The API Gateway v2 operations the embedded AWS serves, one declaration each: the
 * model binds each to its method and URI template and reads its input; each says what
 * must be authorized (`apigateway:<METHOD>` on the resource ARN, as in the service
 * authorization reference) and what to do once it is.
 */
import type { CallAuthorization } from '../../authorizeCall.ts';
import { AwsError } from '../../errors.ts';
import { shortId } from '../../ids.ts';
import { operation, type Operation, type OperationContext } from '../../operation/define.ts';
import { paginate } from '../../paging.ts';
import { NotFoundError, type AuthorizationType, type HttpApi } from './model.ts';
import { apiJson, routeJson, stageJson } from './serialize.ts';

/** Page size when maxResults is absent. */
export const DEFAULT_MAX_RESULTS = 25;

function badRequest(message: string): AwsError {
  return new AwsError('BadRequestException', 400, message);
}

/** arn:aws:apigateway:<region>::/apis/… — API Gateway resource ARNs carry no account. */
function resourceArn(ctx: OperationContext, path: string): string {
  return `arn:aws:apigateway:${ctx.region}::${path}`;
}

function target(ctx: OperationContext, method: string, path: string, context: Record<string, string | string[]> = {}): CallAuthorization {
  return { action: `apigateway:${method}`, resource: resourceArn(ctx, path), resourceAccount: ctx.accountId, context };
}

function tagContext(prefix: 'aws:RequestTag' | 'aws:ResourceTag', tags: Record<string, string> | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(tags ?? {})) out[`${prefix}/${k}`] = v;
  if (prefix === 'aws:RequestTag' && tags && Object.keys(tags).length > 0) out['aws:TagKeys'] = Object.keys(tags);
  return out;
}

/** Condition keys of an existing API (none when it does not exist: authorization comes first). */
function apiContext(ctx: OperationContext, apiId: string): Record<string, string | string[]> {
  const api = ctx.state.apigateway.apis.get(apiId);
  if (!api || api.accountId !== ctx.accountId || api.region !== ctx.region) return {};
  return { 'apigateway:Resource/ApiName': api.name, ...tagContext('aws:ResourceTag', api.tags) };
}

const apiOf = (ctx: OperationContext, apiId: string): HttpApi => ctx.state.apigateway.apiFor(ctx.accountId, ctx.region, apiId);

interface Listing {
  ApiId: string;
  MaxResults?: string;
  NextToken?: string;
}

/** items / nextToken pagination (maxResults is a string in API Gateway's model). */
function page<T>(items: readonly T[], input: Omit<Listing, 'ApiId'>, listing: string): { items: T[]; nextToken?: string } {
  const max = input.MaxResults;
  if (max !== undefined && !/^[1-9]\d{0,5}$/.test(max)) throw badRequest(`Invalid maxResults: ${max}`);
  const p = paginate(items, listing, input.NextToken, max === undefined ? DEFAULT_MAX_RESULTS : Number(max), () => badRequest('Invalid nextToken'));
  return { items: p.items, nextToken: p.next };
}

interface CreateApiInput {
  Name: string;
  ProtocolType: 'HTTP' | 'WEBSOCKET';
  RouteSelectionExpression?: string;
  Description?: string;
  Version?: string;
  DisableExecuteApiEndpoint?: boolean;
  Tags?: Record<string, string>;
  RouteKey?: string;
  Target?: string;
}

interface CreateRouteInput {
  ApiId: string;
  RouteKey: string;
  AuthorizationType?: AuthorizationType;
  AuthorizerId?: string;
  AuthorizationScopes?: string[];
  ApiKeyRequired?: boolean;
  OperationName?: string;
  Target?: string;
}

interface CreateStageInput {
  ApiId: string;
  StageName: string;
  AutoDeploy?: boolean;
  Description?: string;
  StageVariables?: Record<string, string>;
  Tags?: Record<string, string>;
}

export const APIGATEWAYV2_OPERATIONS: readonly Operation[] = [
  operation<Omit<Listing, 'ApiId'>>({
    name: 'GetApis',
    authorization: (ctx) => target(ctx, 'GET', '/apis'),
    run(ctx, input) {
      const p = page(ctx.state.apigateway.listApis(ctx.accountId, ctx.region), input, `apis:${ctx.accountId}:${ctx.region}`);
      return { items: p.items.map(apiJson), nextToken: p.nextToken };
    },
  }),

  operation<{ ApiId: string }>({
    name: 'GetApi',
    authorization: (ctx, input) => target(ctx, 'GET', `/apis/${input.ApiId}`, apiContext(ctx, input.ApiId)),
    run: (ctx, input) => apiJson(apiOf(ctx, input.ApiId)),
  }),

  operation<CreateApiInput>({
    name: 'CreateApi',
    check(input) {
      if (input.ProtocolType !== 'HTTP') throw badRequest('The embedded AWS serves HTTP APIs only: protocolType must be HTTP');
      const selection = input.RouteSelectionExpression;
      if (selection !== undefined && selection !== '$request.method $request.path') {
        throw badRequest('Unsupported route selection expression for HTTP API. Only $request.method $request.path is supported');
      }
      if (input.RouteKey !== undefined && input.Target === undefined) throw badRequest('routeKey is only supported with target (quick create)');
    },
    authorization: (ctx, input) => target(ctx, 'POST', '/apis', { 'apigateway:Request/ApiName': input.Name, ...tagContext('aws:RequestTag', input.Tags) }),
    run(ctx, input) {
      const model = ctx.state.apigateway;
      // Quick create: a $default stage that auto-deploys and one route to the target.
      const api = model.createApi(ctx.accountId, ctx.region, {
        name: input.Name, description: input.Description, version: input.Version, disableExecuteApiEndpoint: input.DisableExecuteApiEndpoint,
        tags: input.Tags, stages: input.Target === undefined ? [] : ['$default'],
      }, ctx.now);
      if (input.Target !== undefined) {
        model.createRoute(api, { routeKey: input.RouteKey ?? '$default', target: `integrations/${shortId(`${api.apiId}:integration`)}` });
      }
      return apiJson(api);
    },
  }),

  operation<Listing>({
    name: 'GetRoutes',
    authorization: (ctx, input) => target(ctx, 'GET', `/apis/${input.ApiId}/routes`, apiContext(ctx, input.ApiId)),
    run(ctx, input) {
      const api = apiOf(ctx, input.ApiId);
      const p = page(api.routes, input, `routes:${api.apiId}`);
      return { items: p.items.map(routeJson), nextToken: p.nextToken };
    },
  }),

  operation<{ ApiId: string; RouteId: string }>({
    name: 'GetRoute',
    authorization: (ctx, input) => target(ctx, 'GET', `/apis/${input.ApiId}/routes/${input.RouteId}`, apiContext(ctx, input.ApiId)),
    run: (ctx, input) => routeJson(ctx.state.apigateway.getRoute(apiOf(ctx, input.ApiId), input.RouteId)),
  }),

  operation<CreateRouteInput>({
    name: 'CreateRoute',
    check(input) {
      const type = input.AuthorizationType ?? 'NONE';
      if ((type === 'JWT' || type === 'CUSTOM') && input.AuthorizerId === undefined) throw badRequest(`An authorizerId is required for authorization type ${type}`);
    },
    authorization: (ctx, input) => target(ctx, 'POST', `/apis/${input.ApiId}/routes`, {
      ...apiContext(ctx, input.ApiId), 'apigateway:Request/RouteAuthorizationType': input.AuthorizationType ?? 'NONE',
    }),
    run(ctx, input) {
      const api = apiOf(ctx, input.ApiId);
      // No authorizers are modelled, so any authorizer id names nothing.
      if (input.AuthorizerId !== undefined) throw new NotFoundError(`Invalid authorizer identifier specified ${ctx.accountId}:${input.AuthorizerId}`, 'Authorizer');
      const route = ctx.state.apigateway.createRoute(api, {
        routeKey: input.RouteKey, authorizationType: input.AuthorizationType ?? 'NONE', authorizationScopes: input.AuthorizationScopes,
        apiKeyRequired: input.ApiKeyRequired, operationName: input.OperationName, target: input.Target,
      });
      return routeJson(route);
    },
  }),

  operation<{ ApiId: string; RouteId: string }>({
    name: 'DeleteRoute',
    authorization(ctx, { ApiId: apiId, RouteId: routeId }) {
      const own = apiContext(ctx, apiId);
      // Only the caller's own route lends its authorization type to the condition keys.
      const existing = own['apigateway:Resource/ApiName'] === undefined ? undefined : ctx.state.apigateway.apis.get(apiId)?.routes.find((r) => r.routeId === routeId);
      const context = existing ? { ...own, 'apigateway:Resource/RouteAuthorizationType': existing.authorizationType } : own;
      return target(ctx, 'DELETE', `/apis/${apiId}/routes/${routeId}`, context);
    },
    run(ctx, input) {
      ctx.state.apigateway.deleteRoute(apiOf(ctx, input.ApiId), input.RouteId);
      return undefined;
    },
  }),

  operation<Listing>({
    name: 'GetStages',
    authorization: (ctx, input) => target(ctx, 'GET', `/apis/${input.ApiId}/stages`, apiContext(ctx, input.ApiId)),
    run(ctx, input) {
      const api = apiOf(ctx, input.ApiId);
      const p = page(api.stages, input, `stages:${api.apiId}`);
      return { items: p.items.map(stageJson), nextToken: p.nextToken };
    },
  }),

  operation<{ ApiId: string; StageName: string }>({
    name: 'GetStage',
    authorization: (ctx, input) => target(ctx, 'GET', `/apis/${input.ApiId}/stages/${input.StageName}`, apiContext(ctx, input.ApiId)),
    run: (ctx, input) => stageJson(ctx.state.apigateway.getStage(apiOf(ctx, input.ApiId), input.StageName)),
  }),

  operation<CreateStageInput>({
    name: 'CreateStage',
    authorization: (ctx, input) => target(ctx, 'POST', `/apis/${input.ApiId}/stages`, { ...apiContext(ctx, input.ApiId), ...tagContext('aws:RequestTag', input.Tags) }),
    run(ctx, input) {
      const stage = ctx.state.apigateway.createStage(apiOf(ctx, input.ApiId), {
        stageName: input.StageName, autoDeploy: input.AutoDeploy, description: input.Description, stageVariables: input.StageVariables, tags: input.Tags,
      }, ctx.now);
      return stageJson(stage);
    },
  }),
];
