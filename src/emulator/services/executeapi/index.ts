/**
 * The execute-api data plane: parse → route → authenticate → authorize → integrate.
 */
import type { ExecuteApiResponse, Invocation, InvocationHandler } from './context.ts';
import { parse } from './parse.ts';
import { route } from './route.ts';
import { authenticate } from './authenticate.ts';
import { authorize } from './authorize.ts';
import { integrate } from './integrate.ts';

export type { Invocation, ExecuteApiResponse } from './context.ts';

export const CHAIN: readonly InvocationHandler[] = [parse, route, authenticate, authorize, integrate];

export function invoke(inv: Invocation): ExecuteApiResponse {
  for (const handler of CHAIN) {
    const response = handler(inv);
    if (response) return response;
  }
  // integrate always answers; reaching here is a bug, and a bug must not grant access.
  throw new Error('execute-api chain ended without a response');
}

/** Host-style addressing: '<api-id>.execute-api.<region>.amazonaws.com[:port]'. */
export function apiIdFromHost(host: string | undefined): string | undefined {
  const m = /^([a-z0-9]{10})\.execute-api\.[a-z0-9-]+\.amazonaws\.com(?::\d+)?$/i.exec(host ?? '');
  return m ? m[1]!.toLowerCase() : undefined;
}

/** Path-style addressing: '/_aws/execute-api/<api-id>/<rest>'. */
export function apiIdFromPath(path: string): { apiId: string; rest: string } | undefined {
  const m = /^\/_aws\/execute-api\/([a-z0-9]{10})(\/.*)?$/.exec(path);
  return m ? { apiId: m[1]!, rest: m[2] ?? '/' } : undefined;
}
