/** Find the API the request addresses; an unknown API id is a 404 as for any unknown host. */
import type { Invocation, InvocationHandler } from './context.ts';
import { notFound } from './errors.ts';

export const parse: InvocationHandler = (inv: Invocation) => {
  const api = inv.state.apigateway.apis.get(inv.apiId);
  if (!api) return notFound(inv);
  inv.api = api;
  return undefined;
};
