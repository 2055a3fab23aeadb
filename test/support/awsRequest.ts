/**
 * Raw, SigV4-signed requests to the embedded AWS's control plane, for tests that look
 * at the wire (shapes, golden files, malformed input) rather than through an SDK.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { request } from 'undici';
import type { Creds, RawResponse } from './signing.ts';

async function send(url: string, creds: Creds | undefined, service: string, region: string, method: string, path: string, query: string, headers: Record<string, string>, body: string | undefined): Promise<RawResponse> {
  const u = new URL(url);
  let signedHeaders: Record<string, string> = { host: u.host, ...headers };
  if (creds) {
    const signer = new SignatureV4({ service, region, credentials: creds, sha256: Sha256 });
    const signed = await signer.sign(new HttpRequest({
      method, hostname: u.hostname, port: Number(u.port), path, protocol: 'http:', body,
      query: Object.fromEntries(new URLSearchParams(query)), headers: signedHeaders,
    }));
    signedHeaders = signed.headers as Record<string, string>;
  }
  const res = await request(`${url}${path}${query ? `?${query}` : ''}`, { method: method as 'GET', headers: signedHeaders, body });
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') out[k] = v;
  return { status: res.statusCode, headers: out, body: await res.body.text() };
}

/** A Query-protocol call (IAM, STS): form-encoded POST, signed for `service` in us-east-1. */
export function queryCall(url: string, creds: Creds | undefined, params: Record<string, string>, opts: { service?: string; version?: string } = {}): Promise<RawResponse> {
  const form = new URLSearchParams({ Version: opts.version ?? '2010-05-08', ...params }).toString();
  return send(url, creds, opts.service ?? 'iam', 'us-east-1', 'POST', '/', '', { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, form);
}

/** A REST-JSON call (API Gateway v2), signed for 'apigateway'. */
export function restCall(url: string, creds: Creds | undefined, method: string, path: string, opts: { body?: unknown; rawBody?: string; query?: string; region?: string; service?: string } = {}): Promise<RawResponse> {
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  return send(url, creds, opts.service ?? 'apigateway', opts.region ?? 'us-east-1', method, path, opts.query ?? '', headers, body);
}
