/**
 * Requests to an HTTP API, signed with SigV4 (@smithy/signature-v4) or not, sent
 * with undici. Against the embedded AWS the request keeps its real Host
 * ('<api-id>.execute-api.<region>.amazonaws.com') and is delivered to the emulator.
 *
 * Every attempt is bounded (connect, headers, body, and a deadline for the whole
 * attempt). Network errors, timeouts, 5xx, 429 and unreadable answers are retried
 * with backoff and jitter (callPolicy.ts); any other status, 4xx included, is the
 * API's answer and returned at once. When the retries run out the request is an
 * error (AwsCallError) naming the request and the fault, never a status to check.
 */
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Agent, request } from 'undici';
import { executeApiAnswerProblem } from './answers.ts';
import { backoffDelay, callPolicy, sleep, type CallPolicy } from './callPolicy.ts';
import { AwsCallError } from './errors.ts';
import { NodeSha256 } from './sha256.ts';
import type { AwsCredentials } from './types.ts';

let agent: Agent | undefined;
let agentPolicy: string | undefined;

/** One connection pool per process, rebuilt if the policy's connect timeout changes. */
function dispatcher(policy: CallPolicy): Agent {
  const key = String(policy.connectTimeoutMs);
  if (!agent || agentPolicy !== key) {
    void agent?.close();
    agent = new Agent({ connections: 64, keepAliveTimeout: 4_000, connect: { timeout: policy.connectTimeoutMs } });
    agentPolicy = key;
  }
  return agent;
}

export interface ApiRequest {
  method: string;
  /** The URL as a client of the real API would use it. */
  url: URL;
  body?: string;
  headers?: Record<string, string>;
}

export interface SignOptions {
  credentials: AwsCredentials;
  region: string;
  service?: string;
  /** Sign as of this time (default now): lets a scenario send a stale X-Amz-Date. */
  signingDate?: Date;
}

export interface SendOptions {
  /** Deliver to this origin instead of the URL's host (embedded AWS). */
  connectTo?: string;
  /** Who sends it, for error messages (default 'anonymous'). */
  principal?: string;
  /** Timeouts and retries (default: callPolicy()). */
  policy?: CallPolicy;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** x-amzn-ErrorType without any ':…' suffix. */
  errorType?: string;
  /** apigw-requestid or x-amzn-RequestId. */
  requestId?: string;
}

/** A request ready for the wire: what will be sent, byte for byte. */
export interface PreparedRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

export function prepare(req: ApiRequest): PreparedRequest {
  const headers: Record<string, string> = { host: req.url.host, ...(req.headers ?? {}) };
  if (req.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  return { method: req.method.toUpperCase(), url: req.url, headers, body: req.body };
}

/**
 * One signer per credentials, region and service: a signer keeps its signing key per
 * day, so reusing it saves deriving the key for every request.
 */
const signers = new WeakMap<AwsCredentials, Map<string, SignatureV4>>();

function signerFor(credentials: AwsCredentials, region: string, service: string): SignatureV4 {
  let byScope = signers.get(credentials);
  if (!byScope) signers.set(credentials, (byScope = new Map()));
  const scope = `${region}/${service}`;
  let signer = byScope.get(scope);
  if (!signer) byScope.set(scope, (signer = new SignatureV4({ service, region, credentials, sha256: NodeSha256 })));
  return signer;
}

export async function sign(req: PreparedRequest, opts: SignOptions): Promise<PreparedRequest> {
  const signer = signerFor(opts.credentials, opts.region, opts.service ?? 'execute-api');
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of req.url.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const signed = await signer.sign(
    new HttpRequest({
      method: req.method,
      protocol: req.url.protocol,
      hostname: req.url.hostname,
      port: req.url.port ? Number(req.url.port) : undefined,
      path: req.url.pathname,
      query,
      headers: req.headers,
      body: req.body,
    }),
    { signingDate: opts.signingDate },
  );
  return { ...req, headers: signed.headers as Record<string, string> };
}

type Attempt =
  | { kind: 'answer'; response: ApiResponse }
  | { kind: 'retryable'; code: string; message: string; status?: number; requestId?: string; throttled: boolean };

async function attempt(req: PreparedRequest, target: URL, policy: CallPolicy): Promise<Attempt> {
  let res;
  let body: string;
  try {
    res = await request(target, {
      method: req.method as 'GET',
      headers: req.headers,
      body: req.body,
      dispatcher: dispatcher(policy),
      headersTimeout: policy.requestTimeoutMs,
      bodyTimeout: policy.requestTimeoutMs,
      signal: AbortSignal.timeout(policy.requestTimeoutMs),
    });
    body = await res.body.text();
  } catch (err) {
    const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string } };
    const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError' || /TIMEOUT/.test(e.code ?? '');
    if (timedOut) return { kind: 'retryable', code: 'TimeoutError', message: `no answer within ${policy.requestTimeoutMs} ms (${e.code ?? e.name})`, throttled: false };
    const code = e.cause?.code ?? e.code ?? e.name ?? 'Error';
    return { kind: 'retryable', code: 'NetworkError', message: `${code}: ${e.message ?? String(err)}`, throttled: false };
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const errorType = headers['x-amzn-errortype']?.split(':')[0];
  const requestId = headers['apigw-requestid'] ?? headers['x-amzn-requestid'];
  const problem = executeApiAnswerProblem(res.statusCode, headers, body);
  if (problem) return { kind: 'retryable', code: 'MalformedResponse', message: `the answer cannot be read: ${problem}`, status: res.statusCode, requestId, throttled: false };
  if (res.statusCode >= 500 || res.statusCode === 429) {
    let message = body.slice(0, 200);
    try {
      message = String((JSON.parse(body) as { message?: unknown }).message ?? message);
    } catch {
      // not JSON: the raw start of the body says enough
    }
    return { kind: 'retryable', code: errorType ?? (res.statusCode === 429 ? 'TooManyRequests' : 'ServerError'), message, status: res.statusCode, requestId, throttled: res.statusCode === 429 };
  }
  return { kind: 'answer', response: { status: res.statusCode, headers, body, errorType, requestId } };
}

export async function send(req: PreparedRequest, opts: SendOptions = {}): Promise<ApiResponse> {
  const policy = opts.policy ?? callPolicy();
  const origin = opts.connectTo ?? req.url.origin;
  const target = new URL(req.url.pathname + req.url.search, origin);
  for (let n = 1; ; n++) {
    const outcome = await attempt(req, target, policy);
    if (outcome.kind === 'answer') return outcome.response;
    if (n >= policy.maxAttempts) {
      throw new AwsCallError(`execute-api:Invoke ${req.method} ${req.url.href}`, opts.principal ?? 'anonymous', outcome.code, outcome.message, outcome.status, outcome.requestId, n);
    }
    await sleep(backoffDelay(policy, n - 1, outcome.throttled));
  }
}
