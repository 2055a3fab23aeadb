/**
 * The name of the operation a request asks for, in AWS's words, and how its service
 * speaks: what fault plans match on and what fault answers look like.
 */
import { parseQueryString, queryParameters, type WireRequest } from '../sigv4/index.ts';
import type { FaultProtocol } from './faults.ts';
import { APIGATEWAYV2_OPERATIONS } from './services/apigatewayv2/index.ts';
import { matchPath, pathSegments } from './services/apigatewayv2/request.ts';
import { route as accessAnalyzerRoute } from './services/accessanalyzer/operations.ts';
import { IAM_NAMESPACE } from './services/iam/handler.ts';
import { STS_NAMESPACE } from './services/sts/handler.ts';

/** Query services: the Action, from the query string or the form body. */
function queryAction(wire: WireRequest, body: Buffer): string {
  const fromQuery = queryParameters(wire).find((p) => p.key === 'Action')?.value;
  if (fromQuery) return fromQuery;
  return parseQueryString(body.toString('utf8')).find((p) => p.key === 'Action')?.value ?? '';
}

/** `service`: a control-plane signing name, or 'execute-api' (then `apiPath` is the path within the API). */
export function operationName(service: string, wire: WireRequest, body: Buffer, apiPath?: string): string {
  const method = wire.method.toUpperCase();
  switch (service) {
    case 'sts':
    case 'iam':
      return queryAction(wire, body);
    case 'apigateway': {
      const segments = pathSegments(wire.path);
      const op = segments ? APIGATEWAYV2_OPERATIONS.find((o) => o.method === method && matchPath(o.path, segments)) : undefined;
      return op?.name ?? `${method} ${wire.path}`;
    }
    case 'access-analyzer':
      try {
        return accessAnalyzerRoute(method, wire.path).name;
      } catch {
        return `${method} ${wire.path}`;
      }
    case 'execute-api':
      return `${method} ${apiPath ?? wire.path}`;
    default:
      return `${method} ${wire.path}`;
  }
}

export function faultProtocol(service: string): FaultProtocol {
  switch (service) {
    case 'sts':
      return { kind: 'query', namespace: STS_NAMESPACE };
    case 'iam':
      return { kind: 'query', namespace: IAM_NAMESPACE };
    case 'access-analyzer':
      return { kind: 'restJson', throttlingCode: 'ThrottlingException' };
    case 'execute-api':
      return { kind: 'executeApi' };
    default:
      return { kind: 'restJson', throttlingCode: 'TooManyRequestsException' };
  }
}
