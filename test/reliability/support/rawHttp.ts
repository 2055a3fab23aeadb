/**
 * HTTP/1.1 over a bare socket: sends exactly the bytes a test composes (duplicate
 * headers, broken encodings, lying lengths), and reads back status, headers and body.
 * Every request says `connection: close`; the answer ends when the server closes.
 */
import { connect } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

export interface RawRequest {
  method: string;
  /** The request target as sent: path and query, unencoded or not. */
  target: string;
  headers: [string, string][];
  body?: Buffer | string;
  /** Send the headers, then stop: never send the body (or the end of the headers). */
  stall?: 'headers' | 'body';
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The connection ended without an HTTP answer (reset or closed). */
  dropped: boolean;
  ms: number;
}

export function encodeRequest(req: RawRequest): Buffer {
  const body = req.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
  const lines = [`${req.method} ${req.target} HTTP/1.1`, ...req.headers.map(([k, v]) => `${k}: ${v}`)];
  if (!req.headers.some(([k]) => k.toLowerCase() === 'connection')) lines.push('connection: close');
  if (!req.headers.some(([k]) => k.toLowerCase() === 'content-length' || k.toLowerCase() === 'transfer-encoding') && body.length > 0) lines.push(`content-length: ${body.length}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n${req.stall === 'headers' ? '' : '\r\n'}`, 'latin1');
  return req.stall ? head : Buffer.concat([head, body]);
}

function parse(data: Buffer, ms: number): RawAnswer {
  const text = data.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  if (!m || end === -1) return { status: 0, headers: {}, body: '', dropped: true, ms };
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, end).split('\r\n').slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const bodyBytes = data.subarray(Buffer.byteLength(text.slice(0, end + 4), 'latin1'));
  return { status: Number(m[1]), headers, body: bodyBytes.toString('utf8'), dropped: false, ms };
}

export function sendRaw(port: number, req: RawRequest, timeoutMs = 10_000): Promise<RawAnswer> {
  const started = Date.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parse(Buffer.concat(chunks), Date.now() - started));
    };
    const socket = connect(port, '127.0.0.1', () => socket.write(encodeRequest(req)));
    socket.on('data', (d) => chunks.push(d));
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', done);
    const timer = setTimeout(done, timeoutMs);
  });
}

/** SigV4 headers for a request as it will be sent (path and query as given). */
export async function signedHeaders(opts: {
  method: string; host: string; path: string; query?: Record<string, string | string[]>; headers?: Record<string, string>; body?: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }; service: string; region?: string; signingDate?: Date;
}): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service: opts.service, region: opts.region ?? 'us-east-1', credentials: opts.credentials, sha256: Sha256 });
  const signed = await signer.sign(new HttpRequest({
    method: opts.method, hostname: opts.host.replace(/:\d+$/, ''), path: opts.path, protocol: 'http:', query: opts.query ?? {},
    headers: { host: opts.host, ...(opts.headers ?? {}) }, body: opts.body,
  }), { signingDate: opts.signingDate });
  return signed.headers as Record<string, string>;
}
