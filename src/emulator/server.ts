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
import { AwsError } from './errors.ts';
import { apigwRequestId, requestId as newRequestId } from './ids.ts';
import { parseQueryRequest, queryAuthError, queryErrorXml, queryResponseXml } from './protocol/query.ts';
import { apiIdFromHost, apiIdFromPath, invoke } from './services/executeapi/index.ts';
import { errorResponse } from './services/executeapi/errors.ts';
import { handleSts, STS_NAMESPACE } from './services/sts/handler.ts';
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

interface Reply { status: number; headers: Record<string, string>; body: string }

/** Query-protocol services and their XML namespaces. */
const QUERY_SERVICES: Record<string, { namespace: string; handle: typeof handleSts }> = {
  sts: { namespace: STS_NAMESPACE, handle: handleSts },
};

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

function queryReply(status: number, xml: string, requestId: string): Reply {
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body: xml };
}

function controlPlane(state: EmulatorState, req: IncomingMessage, wire: WireRequest, body: Buffer, now: Date): Reply {
  const requestId = newRequestId();
  const parsed = parseSigV4(wire);
  const service = parsed.ok ? parsed.params.scope.service : undefined;
  const queryService = QUERY_SERVICES[service ?? 'sts'];
  if (!queryService) {
    const err = new AwsError('UnknownServiceException', 400, `The embedded AWS does not serve '${service}'`);
    return { status: 400, headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': err.code }, body: JSON.stringify({ message: err.message }) };
  }
  const fail = (err: AwsError) => queryReply(err.status, queryErrorXml(err, queryService.namespace, requestId), requestId);
  try {
    const auth = authenticate(wire, state.credentials, now, { service: service ?? 'sts' });
    if (!auth.ok) return fail(queryAuthError(auth.reason, auth.message));
    const query = parseQueryRequest(wire.method, wire.query, req.headers['content-type'], body);
    const result = queryService.handle(state, auth.caller, query, now, sourceIp(req));
    return queryReply(200, queryResponseXml(query.action, queryService.namespace, result, requestId), requestId);
  } catch (err) {
    if (err instanceof AwsError) return fail(err);
    throw err;
  }
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
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{"message":"Bad Request"}');
    else socket.destroy();
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
