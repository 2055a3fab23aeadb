/**
 * API Gateway v2 resources as their JSON members (lowerCamelCase, in the order of the
 * service's API model); timestamps ISO-8601 to the second. Undefined members are left out.
 */
import { isoSeconds } from '../../timeText.ts';
import { apiEndpoint, type HttpApi, type Route, type Stage } from './model.ts';

export function apiJson(api: HttpApi): Record<string, unknown> {
  return {
    apiEndpoint: apiEndpoint(api),
    apiId: api.apiId,
    apiKeySelectionExpression: '$request.header.x-api-key',
    createdDate: isoSeconds(api.createdDate),
    description: api.description,
    disableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
    ipAddressType: 'ipv4',
    name: api.name,
    protocolType: api.protocolType,
    routeSelectionExpression: '$request.method $request.path',
    tags: api.tags,
    version: api.version,
  };
}

export function routeJson(route: Route): Record<string, unknown> {
  return {
    apiKeyRequired: route.apiKeyRequired,
    authorizationScopes: route.authorizationScopes,
    authorizationType: route.authorizationType,
    authorizerId: route.authorizerId,
    operationName: route.operationName,
    routeId: route.routeId,
    routeKey: route.routeKey,
    target: route.target,
  };
}

export function stageJson(stage: Stage): Record<string, unknown> {
  return {
    autoDeploy: stage.autoDeploy,
    createdDate: isoSeconds(stage.createdDate),
    defaultRouteSettings: { detailedMetricsEnabled: false },
    description: stage.description,
    lastUpdatedDate: isoSeconds(stage.lastUpdatedDate),
    routeSettings: {},
    stageName: stage.stageName,
    stageVariables: stage.stageVariables,
    tags: stage.tags,
  };
}
