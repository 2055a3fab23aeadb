/**
 * The embedded AWS: one node:http server on loopback speaking AWS's wire protocols.
 * Data plane (execute-api) by Host or path prefix; control plane by the SigV4
 * credential scope's service name.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WireRequest } from '../sigv4/index.ts';
import { parseSigV4 } from '../sigv4/index.ts';
import { authenticate } from './auth.ts';
import { apigwRequestId, requestId as newRequestId } from './ids.ts';
import { CONTROL_PLANE, DEFAULT_SERVICE } from './services/index.ts';
import type { Reply } from './services/types.ts';
import { apiIdFromHost, apiIdFromPath, invoke } from './services/executeapi/index.ts';
import { errorResponse } from './services/executeapi/errors.ts';
import type { EmulatorState } from './world/load.ts';

/** Limits that keep a hostile client from exhausting the process. */
export const LIMITS = {
  maxBodyBytes: 1024 * 1024,
  maxHeaderBytes: 16 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
} as const;

export interface EmulatorOptions {
  state: EmulatorState;
  host?: string;
  port?: number;
  /** The clock; tests move it to expire credentials. */
  now?: () => Date;
  /** Called with one line per request (method, path, status); never sees secrets. */
  log?: (line: string) => void;
}

export interface RunningEmulator {
  server: Server;
  url: string;
  host: string;
  port: number;
  state: EmulatorState;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer | 'tooLarge'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > LIMITS.maxBodyBytes) {
      req.resume();
      resolve('tooLarge');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > LIMITS.maxBodyBytes) {
        chunks.length = 0;
        req.removeAllListeners('data');
        req.resume();
        resolve('tooLarge');
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function toWire(req: IncomingMessage, body: Buffer): WireRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const headers: [string, string][] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
  return {
    method: req.method ?? 'GET',
    path: q === -1 ? url : url.slice(0, q),
    query: q === -1 ? '' : url.slice(q + 1),
    headers,
    bodySha256: createHash('sha256').update(body).digest('hex'),
  };
}

function sourceIp(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

function controlPlane(state: EmulatorState, req: IncomingMessage, wire: WireRequest, body: Buffer, now: Date): Reply {
  const requestId = newRequestId();
  const parsed = parseSigV4(wire);
  const service = parsed.ok
    ? CONTROL_PLANE.get(parsed.params.scope.service)
    : [...CONTROL_PLANE.values()].find((s) => s.addresses?.(wire)) ?? DEFAULT_SERVICE;
  if (!service) {
    const name = parsed.ok ? parsed.params.scope.service : '';
    return {
      status: 400,
      headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': 'UnknownServiceException' },
      body: JSON.stringify({ message: `The embedded AWS does not serve '${name}' (it serves ${[...CONTROL_PLANE.keys()].join(', ')} and execute-api)` }),
    };
  }
  const auth = authenticate(wire, state.credentials, now, { service: service.signingName });
  if (!auth.ok) return service.authFailure(auth.reason, auth.message, requestId);
  return service.handle({ state, caller: auth.caller, wire, headers: req.headers, body, now, requestId, sourceIp: sourceIp(req) });
}

function dataPlane(state: EmulatorState, req: IncomingMessage, wire: WireRequest, apiId: string, apiPath: string, now: Date): Reply {
  const host = req.headers.host ?? '';
  return invoke({
    state, now, requestId: apigwRequestId(), sourceIp: sourceIp(req), userAgent: String(req.headers['user-agent'] ?? ''),
    wire, apiId, apiPath,
    domainName: apiIdFromHost(host) ? host.replace(/:\d+$/, '') : `${apiId}.execute-api.${state.region}.amazonaws.com`,
  });
}

async function handle(opts: EmulatorOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const now = (opts.now ?? (() => new Date()))();
  const body = await readBody(req);
  let reply: Reply;
  if (body === 'tooLarge') {
    reply = { status: 413, headers: { 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify({ message: 'Request Entity Too Large' }) };
  } else {
    const wire = toWire(req, body);
    const byHost = apiIdFromHost(req.headers.host);
    const byPath = byHost ? undefined : apiIdFromPath(wire.path);
    if (byHost) reply = dataPlane(opts.state, req, wire, byHost, wire.path, now);
    else if (byPath) reply = dataPlane(opts.state, req, wire, byPath.apiId, byPath.rest, now);
    else reply = controlPlane(opts.state, req, wire, body, now);
  }
  res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
  res.end(reply.body);
  opts.log?.(`${req.method} ${(req.url ?? '').split('?')[0]} ${reply.status}`);
}

export function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const server = createServer(
    { maxHeaderSize: LIMITS.maxHeaderBytes, headersTimeout: LIMITS.headersTimeoutMs, requestTimeout: LIMITS.requestTimeoutMs, keepAliveTimeout: 5_000 },
    (req, res) => {
      handle(opts, req, res).catch((err: unknown) => {
        // An unexpected fault answers 500 with an AWS-shaped body and never grants anything.
        const message = err instanceof Error ? err.message : String(err);
        opts.log?.(`internal error: ${message}`);
        if (!res.headersSent) {
          const r = errorResponse({ requestId: newRequestId() }, 500, 'InternalFailure', 'Internal server error');
          res.writeHead(r.status, r.headers);
          res.end(r.body);
        } else {
          res.destroy();
        }
      });
    },
  );
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    // Malformed HTTP never reaches a handler: answer 4xx and close.
    if (!socket.writable) return socket.destroy();
    const [status, text] =
      err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout']
      : [400, 'Bad Request'];
    socket.end(`HTTP/1.1 ${status} ${text}\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n${JSON.stringify({ message: text })}`);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        server, host, port, url: `http://${urlHost}:${port}`, state: opts.state,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
