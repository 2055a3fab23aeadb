/**
 * The concrete requests that stand for an HTTP API route key, so that an execute-api
 * ARN can be built for each: 'GET /pets/{id}' → GET /pets/crossgate-sample.
 */

/** The methods an ANY route (or the $default route) stands for. */
export const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** A concrete request path for a route key: '{id}' → 'crossgate-sample', '{proxy+}' → 'crossgate/sample'. */
export function samplePath(routePath: string): string {
  return routePath.replace(/\{[^}/]+\+\}/g, 'crossgate/sample').replace(/\{[^}/]+\}/g, 'crossgate-sample');
}

/** The concrete (method, path) requests that represent a route. ANY is every method. */
export function routeRequests(routeKey: string): { method: string; path: string }[] {
  if (routeKey === '$default') return ALL_METHODS.map((method) => ({ method, path: '/crossgate/sample' }));
  const [method = '', path = '/'] = routeKey.split(' ', 2);
  return (method === 'ANY' ? ALL_METHODS : [method]).map((m) => ({ method: m, path: samplePath(path) }));
}
