/**
 * A loopback HTTP server that records requests exactly as they arrive
 * (rawHeaders, raw url, body bytes) and turns them into WireRequests, the way
 * crossgate's emulator sees them.
 */
import { createHash } from 'node:crypto';
import { type IncomingMessage, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WireRequest } from '../../../src/sigv4/index.ts';

export type Captured = WireRequest & { body: string };

export interface CaptureServer {
  port: number;
  /** The next request to arrive. */
  next(): Promise<Captured>;
  close(): Promise<void>;
}

function toWire(req: IncomingMessage, body: Buffer): Captured {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const headers: Array<[string, string]> = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
  return {
    method: req.method ?? '',
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? '' : url.slice(q + 1),
    headers,
    body: body.toString('utf8'),
    bodySha256: createHash('sha256').update(body).digest('hex'),
  };
}

export async function startCaptureServer(): Promise<CaptureServer> {
  const waiting: Array<(c: Captured) => void> = [];
  const arrived: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const captured = toWire(req, Buffer.concat(chunks));
      const waiter = waiting.shift();
      if (waiter) waiter(captured);
      else arrived.push(captured);
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    next: () => {
      const ready = arrived.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface OutgoingRequest {
  method: string;
  /** Path and query as they go on the wire. */
  target: string;
  headers: Record<string, string>;
  body?: string;
}

/** Sends a signed request with node:http (which adds only unsigned headers such as Connection). */
export function send(port: number, out: OutgoingRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: out.method, path: out.target, headers: out.headers },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    );
    req.on('error', reject);
    req.end(out.body);
  });
}
