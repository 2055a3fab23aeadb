/**
 * Stage and route selection, as HTTP APIs do it: a named stage is the first path
 * segment, else the $default stage; then the most specific route wins (literal
 * segments over {param} over {proxy+}, a method over ANY), else the $default route.
 */
import { pathSegments } from '../../../sigv4/index.ts';
import type { Route } from '../apigatewayv2/model.ts';
import type { Invocation, InvocationHandler } from './context.ts';
import { notFound } from './errors.ts';

interface Match { route: Route; params: Record<string, string>; score: number[] }

/** Match one route's segments against the request's; higher score is more specific. */
function matchRoute(route: Route, method: string, segments: string[]): Match | undefined {
  if (!route.method || !route.segments) return undefined;
  if (route.method !== 'ANY' && route.method !== method) return undefined;
  const params: Record<string, string> = {};
  const score: number[] = [];
  for (let i = 0; i < route.segments.length; i++) {
    const pattern = route.segments[i]!;
    if (pattern.startsWith('{') && pattern.endsWith('+}')) {
      if (i >= segments.length) return undefined; // a greedy variable needs at least one segment
      params[pattern.slice(1, -2)] = segments.slice(i).join('/');
      score.push(1);
      return { route, params, score: [...score, route.method === 'ANY' ? 0 : 1] };
    }
    const actual = segments[i];
    if (actual === undefined) return undefined;
    if (pattern.startsWith('{') && pattern.endsWith('}')) {
      params[pattern.slice(1, -1)] = actual;
      score.push(2);
    } else if (pattern === actual) {
      score.push(3);
    } else {
      return undefined;
    }
  }
  if (route.segments.length !== segments.length) return undefined;
  return { route, params, score: [...score, route.method === 'ANY' ? 0 : 1] };
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

export const route: InvocationHandler = (inv: Invocation) => {
  const api = inv.api!;
  // The path as the signature covers it (normalized), so what is signed is what is routed.
  const read = pathSegments(inv.apiPath);
  if (read === undefined) return notFound(inv);
  let segments = read;

  const named = segments[0];
  if (named !== undefined && named !== '$default' && api.stages.some((s) => s.stageName === named)) {
    inv.stage = named;
    segments = segments.slice(1);
  } else if (api.stages.some((s) => s.stageName === '$default')) {
    inv.stage = '$default';
  } else {
    return notFound(inv);
  }
  inv.resourcePath = '/' + segments.join('/');

  let best: Match | undefined;
  for (const r of api.routes) {
    const m = matchRoute(r, inv.wire.method.toUpperCase(), segments);
    if (m && (!best || compareScores(m.score, best.score) > 0)) best = m;
  }
  if (best) {
    inv.route = best.route;
    inv.pathParameters = best.params;
    return undefined;
  }
  const fallback = api.routes.find((r) => r.routeKey === '$default');
  if (fallback) {
    inv.route = fallback;
    inv.pathParameters = {};
    return undefined;
  }
  return notFound(inv);
};
