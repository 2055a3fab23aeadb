import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { request } from 'undici';

export interface Creds { accessKeyId: string; secretAccessKey: string; sessionToken?: string }

export interface RawResponse { status: number; headers: Record<string, string>; body: string }

/** Send a request to the emulator, optionally signed for execute-api with @smithy/signature-v4. */
export async function callApi(
  emulatorUrl: string,
  opts: { method: string; path: string; host?: string; creds?: Creds; body?: string; signingDate?: Date; service?: string; region?: string; headers?: Record<string, string> },
): Promise<RawResponse> {
  const host = opts.host ?? 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';
  const [path, q] = opts.path.split('?', 2) as [string, string | undefined];
  let headers: Record<string, string> = { host, ...(opts.headers ?? {}) };
  if (opts.creds) {
    const signer = new SignatureV4({ service: opts.service ?? 'execute-api', region: opts.region ?? 'us-east-1', credentials: opts.creds, sha256: Sha256 });
    const query: Record<string, string> = Object.fromEntries(new URLSearchParams(q ?? ''));
    const signed = await signer.sign(new HttpRequest({ method: opts.method, hostname: host, path, query, headers, body: opts.body, protocol: 'https:' }), { signingDate: opts.signingDate });
    headers = signed.headers as Record<string, string>;
  }
  const res = await request(`${emulatorUrl}${opts.path}`, { method: opts.method as 'GET', headers, body: opts.body });
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') out[k] = v;
  return { status: res.statusCode, headers: out, body: await res.body.text() };
}
