/**
 * Requests to an HTTP API, signed with SigV4 (@smithy/signature-v4) or not, sent
 * with undici. Against the embedded AWS the request keeps its real Host
 * ('<api-id>.execute-api.<region>.amazonaws.com') and is delivered to the emulator.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Agent, request } from 'undici';
import type { AwsCredentials } from './types.ts';

const agent = new Agent({ connections: 64, keepAliveTimeout: 4_000, headersTimeout: 30_000, bodyTimeout: 30_000 });

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
  timeoutMs?: number;
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

export async function sign(req: PreparedRequest, opts: SignOptions): Promise<PreparedRequest> {
  const signer = new SignatureV4({
    service: opts.service ?? 'execute-api',
    region: opts.region,
    credentials: opts.credentials,
    sha256: Sha256,
  });
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

export async function send(req: PreparedRequest, opts: SendOptions = {}): Promise<ApiResponse> {
  const origin = opts.connectTo ?? req.url.origin;
  const target = new URL(req.url.pathname + req.url.search, origin);
  const res = await request(target, {
    method: req.method as 'GET',
    headers: req.headers,
    body: req.body,
    dispatcher: agent,
    headersTimeout: opts.timeoutMs ?? 30_000,
    bodyTimeout: opts.timeoutMs ?? 30_000,
  });
  const body = await res.body.text();
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const errorType = headers['x-amzn-errortype']?.split(':')[0];
  return { status: res.statusCode, headers, body, errorType, requestId: headers['apigw-requestid'] ?? headers['x-amzn-requestid'] };
}
