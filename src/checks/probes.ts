/**
 * Live probing on the `aws` target is safe by default: a request with a mutating method
 * (POST, PUT, PATCH, DELETE) is sent to a real API only where the config allows it
 * (`apis.<alias>.mutatingProbes: true`). Otherwise API Gateway's answer is decided the
 * way API Gateway decides it — route selection, then the route's authorization, then
 * IAM's evaluation of `execute-api:Invoke` by crossgate's engine over the caller's
 * session policies read through the auditor — and the request's evidence says it was
 * simulated and why. What cannot be decided that way (a caller whose own policies
 * crossgate cannot read) fails closed: the step errors, naming the config key to set.
 * Responses: docs/DESIGN's execute-api table (HTTP API errors as API Gateway sends them).
 */
import { executeApiArn, principalFromArnSafe } from './probeArns.ts';
import type { ApiResponse } from '../aws/http.ts';
import { authorize } from '../policy/index.ts';
import { UserError } from '../util/userError.ts';
import type { Actor } from './actor.ts';
import { configuredApi, type Harness } from './harness.ts';
import { readRole, readRoutes } from './policies.ts';

export const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether this request may go to the API live. */
export function sendsLive(h: Harness, apiAlias: string, method: string): boolean {
  if (h.target.kind !== 'aws') return true;
  if (!MUTATING_METHODS.has(method.toUpperCase())) return true;
  return h.config.apis[apiAlias]?.mutatingProbes === true;
}

function answer(status: number, errorType: string | undefined, message: string): ApiResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...(errorType ? { 'x-amzn-errortype': errorType } : {}) },
    body: JSON.stringify({ message }),
    ...(errorType ? { errorType } : {}),
  };
}

/** How specifically a route key matches (higher is more specific), as the emulator's router scores it; undefined when it does not. */
function matchScore(routeKey: string, method: string, segments: string[]): number[] | undefined {
  const [m = '', p = '/'] = routeKey.split(' ', 2);
  if (m !== 'ANY' && m !== method) return undefined;
  const pattern = p.split('/').filter(Boolean);
  const score: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const seg = pattern[i]!;
    if (/^\{.+\+\}$/.test(seg)) {
      if (i >= segments.length) return undefined; // a greedy variable needs at least one segment
      return [...score, 1, m === 'ANY' ? 0 : 1];
    }
    const actual = segments[i];
    if (actual === undefined) return undefined;
    if (/^\{.+\}$/.test(seg)) score.push(2);
    else if (seg === actual) score.push(3);
    else return undefined;
  }
  if (pattern.length !== segments.length) return undefined;
  return [...score, m === 'ANY' ? 0 : 1];
}

/** HTTP API route selection: the most specific matching route, else the $default route. */
export function selectRoute<R extends { routeKey: string }>(routes: R[], method: string, path: string): R | undefined {
  const segments = path.split('?')[0]!.split('/').filter(Boolean);
  let best: { route: R; score: number[] } | undefined;
  for (const route of routes) {
    if (route.routeKey === '$default') continue;
    const score = matchScore(route.routeKey, method, segments);
    if (!score) continue;
    let cmp = 0;
    for (let i = 0; best && cmp === 0 && i < Math.max(score.length, best.score.length); i++) cmp = (score[i] ?? -1) - (best.score[i] ?? -1);
    if (!best || cmp > 0) best = { route, score };
  }
  return best?.route ?? routes.find((r) => r.routeKey === '$default');
}

export interface SimulatedProbe { response: ApiResponse; reason: string }

/** API Gateway's answer to a request that is not sent live, decided as API Gateway decides it. */
export async function simulateProbe(h: Harness, apiAlias: string, method: string, path: string, signing: { kind: 'unsigned' } | { kind: 'signed'; as: Actor; credentials?: 'current' | 'own'; clockSkewSeconds?: number; tamper?: 'signature' }): Promise<SimulatedProbe> {
  const why = `${method} is a mutating method and apis.${apiAlias}.mutatingProbes is not true: not sent to the live API; decided by crossgate's engine`;
  const api = configuredApi(h, apiAlias);
  const routes = await readRoutes(h, apiAlias);
  const route = selectRoute(routes, method.toUpperCase(), path);
  if (!route) return { response: answer(404, 'NotFoundException', 'Not Found'), reason: `${why} (no route matches)` };
  if (route.authorizationType !== 'AWS_IAM') {
    if (route.authorizationType === 'NONE') return { response: { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ simulated: true, routeKey: route.routeKey }) }, reason: `${why} (route ${route.routeKey} has no authorization; the integration is assumed to answer 200)` };
    return { response: answer(401, undefined, 'Unauthorized'), reason: `${why} (route ${route.routeKey} uses ${route.authorizationType}; no token is sent)` };
  }
  if (signing.kind === 'unsigned') return { response: answer(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token'), reason: `${why} (unsigned request to an AWS_IAM route)` };
  if (signing.tamper === 'signature') return { response: answer(403, 'InvalidSignatureException', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'), reason: `${why} (tampered signature)` };
  if (signing.clockSkewSeconds && Math.abs(signing.clockSkewSeconds) > 300) return { response: answer(403, 'InvalidSignatureException', 'Signature expired'), reason: `${why} (request time outside five minutes)` };
  const session = signing.credentials === 'own' ? undefined : signing.as.session;
  if (!session) {
    throw new UserError(`${method} ${path} by ${signing.as.name}: ${why}, but the caller's own policies cannot be read to decide it; set apis.${apiAlias}.mutatingProbes to true in ${h.config.file} to send it live`);
  }
  const docs = await readRole(h, session.roleAlias);
  const resource = executeApiArn({ region: api.region, accountId: api.accountId, apiId: api.apiId, stage: api.stage, method: method.toUpperCase(), path: path.split('?')[0]! });
  const principal = principalFromArnSafe(session.arn, docs.role.arn);
  const result = authorize({
    principal, action: 'execute-api:Invoke', resource, resourceAccount: api.accountId,
    identityPolicies: docs.permissions.map((p) => ({ name: p.fetched.id, kind: 'identity' as const, policy: p.policy })),
  });
  return result.decision === 'allowed'
    ? { response: { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ simulated: true, routeKey: route.routeKey }) }, reason: `${why}: IAM allows ${resource}` }
    : { response: answer(403, 'AccessDeniedException', 'Forbidden'), reason: `${why}: ${result.explanation}` };
}
