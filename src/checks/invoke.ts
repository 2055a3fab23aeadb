/**
 * End-to-end invocation of an HTTP API route, signed or not, and the evidence of it
 * (recorded for the compliance report as it happens).
 */
import { prepare, send, sign, type ApiResponse, type PreparedRequest } from '../aws/http.ts';
import type { Actor } from './actor.ts';
import { recordEvidence } from './evidence.ts';
import { apiBaseUrl, type Harness } from './harness.ts';
import { sendsLive, simulateProbe } from './probes.ts';

export type Signing =
  /** Signed with the actor's current credentials (its role session if it assumed one). */
  | { kind: 'signed'; as: Actor; credentials?: 'current' | 'own'; clockSkewSeconds?: number; tamper?: 'signature' }
  | { kind: 'unsigned' };

export interface InvokeEvidence {
  method: string;
  url: string;
  signed: boolean;
  principal?: string;
  status: number;
  errorType?: string;
  requestId?: string;
  body: string;
  response: ApiResponse;
  /** The id of the request evidence recorded for it (expectations refer to it). */
  evidenceId?: string;
}

/** Encode a path the way a client puts it on the wire: each segment percent-encoded once. */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

function tamperSignature(headers: Record<string, string>): Record<string, string> {
  const out = { ...headers };
  const key = Object.keys(out).find((k) => k.toLowerCase() === 'authorization');
  if (!key) throw new Error('cannot tamper with a request that carries no Authorization header');
  out[key] = out[key]!.replace(/Signature=([0-9a-f]+)$/, (_m, sig: string) => {
    const last = sig.at(-1) === '0' ? '1' : '0';
    return `Signature=${sig.slice(0, -1)}${last}`;
  });
  return out;
}

/** What was sent and what came back, before it is recorded. */
interface Invocation {
  request: PreparedRequest;
  url: URL;
  rawPath: string;
  signing: Signing;
  principal?: string;
  response: ApiResponse;
  durationMs: number;
  /** Set when the request was not sent live (a mutating probe on the aws target): why, and how it was decided. */
  simulated?: string;
}

async function sendRoute(h: Harness, apiAlias: string, method: string, path: string, signing: Signing, body?: string): Promise<Invocation> {
  const { url: base, connectTo } = apiBaseUrl(h, apiAlias);
  const [rawPath, rawQuery] = path.split('?', 2) as [string, string | undefined];
  const url = new URL(base.href.replace(/\/$/, '') + encodePath(rawPath) + (rawQuery ? `?${rawQuery}` : ''));
  let request = prepare({ method, url, body });
  let principal: string | undefined;
  if (signing.kind === 'signed') {
    const credentials = signing.credentials === 'own' ? await signing.as.ownCredentials() : await signing.as.currentCredentials();
    principal = signing.credentials === 'own' ? signing.as.name : signing.as.describe();
    const signingDate = signing.clockSkewSeconds ? new Date(Date.now() + signing.clockSkewSeconds * 1000) : undefined;
    request = await sign(request, { credentials, region: h.config.region, signingDate });
    if (signing.tamper === 'signature') request = { ...request, headers: tamperSignature(request.headers) };
  }
  const started = Date.now();
  if (!sendsLive(h, apiAlias, method)) {
    const simulated = await simulateProbe(h, apiAlias, method, rawPath, signing);
    return { request, url, rawPath, signing, principal, response: simulated.response, durationMs: Date.now() - started, simulated: simulated.reason };
  }
  const response = await send(request, { connectTo, principal: principal ?? 'anonymous' });
  return { request, url, rawPath, signing, principal, response, durationMs: Date.now() - started };
}

function recordInvocation(h: Harness, inv: Invocation): InvokeEvidence {
  const { request, url, rawPath, signing, principal, response } = inv;
  const evidence = recordEvidence(h.evidence, {
    kind: 'request',
    method: request.method,
    url: url.href,
    route: `${request.method} ${rawPath}`,
    signed: signing.kind === 'signed',
    ...(signing.kind === 'signed'
      ? {
          actor: signing.as.name,
          credentials: signing.credentials !== 'own' && signing.as.session ? 'session' : 'own',
          role: signing.credentials !== 'own' ? signing.as.session?.roleAlias : undefined,
          principalArn: signing.credentials !== 'own' && signing.as.session ? signing.as.session.arn : signing.as.ownArn(),
          variant: signing.tamper || signing.clockSkewSeconds ? { tamper: signing.tamper, clockSkewSeconds: signing.clockSkewSeconds } : undefined,
        }
      : { credentials: 'none' as const }),
    status: response.status,
    requestId: response.requestId,
    errorType: response.errorType,
    durationMs: inv.durationMs,
    ...(inv.simulated ? { details: { simulated: true, notSentLive: inv.simulated } } : {}),
  });
  return {
    method: request.method, url: url.href, signed: signing.kind === 'signed', principal,
    status: response.status, errorType: response.errorType, requestId: response.requestId, body: response.body, response,
    evidenceId: evidence.id,
  };
}

export async function invokeRoute(h: Harness, apiAlias: string, method: string, path: string, signing: Signing, body?: string): Promise<InvokeEvidence> {
  return recordInvocation(h, await sendRoute(h, apiAlias, method, path, signing, body));
}

/** Requests in flight at once by default: enough to overlap round trips, few enough to stay polite to a real API. */
export const DEFAULT_CONCURRENCY = 8;

/**
 * Many requests with the same signing, at most `concurrency` in flight (over the
 * keep-alive connection pool of aws/http.ts). Answers and evidence come in the
 * order of the requests, whatever order the answers arrive in.
 */
export async function invokeRoutes(h: Harness, apiAlias: string, requests: readonly { method: string; path: string }[], signing: Signing, opts: { concurrency?: number } = {}): Promise<InvokeEvidence[]> {
  const sent = await mapBounded(requests, opts.concurrency ?? DEFAULT_CONCURRENCY, (r) => sendRoute(h, apiAlias, r.method, r.path, signing));
  return sent.map((inv) => recordInvocation(h, inv));
}

/**
 * `fn` over the items with at most `limit` calls pending; results in item order. The
 * first failure stops new calls, and the promise rejects with it once the calls already
 * pending have settled: nothing a step started outlives the step.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      const i = next++;
      try {
        out[i] = await fn(items[i]!, i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
  return out;
}
