/**
 * The embedded AWS: one node:http server on loopback speaking AWS's wire protocols.
 * Data plane (execute-api) by Host or path prefix; control plane by the SigV4
 * credential scope's service name. An optional fault plan (faults.ts) makes chosen
 * operations misbehave the way AWS and networks do.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WireRequest } from '../sigv4/index.ts';
import { parseSigV4, SIGV4 } from '../sigv4/index.ts';
import { authenticate } from './authenticate.ts';
import { guardConnections } from './connections.ts';
import { damageAnswer, DEFAULT_SLOW_MS, faultAnswer, FaultInjector, replacesAnswer, type FaultEvent, type FaultPlan } from './faults.ts';
import { apigwRequestId, requestId as newRequestId } from './ids.ts';
import { faultProtocol, operationName } from './operationName.ts';
import { CONTROL_PLANE, DEFAULT_SERVICE } from './services/index.ts';
import type { ControlPlaneService, Reply } from './services/types.ts';
import { apiIdFromHost, apiIdFromPath, invoke } from './services/executeapi/index.ts';
import { errorResponse } from './services/executeapi/errors.ts';
import type { EmulatorState } from './estate/load.ts';
import { isLoopback } from '../util/isLoopback.ts';

/** Limits that keep a hostile client from exhausting the process (docs/reliability.md). */
export const LIMITS = {
  /** Request bodies beyond this get 413. */
  maxBodyBytes: 1024 * 1024,
  /** Request line plus headers beyond this get 431. */
  maxHeaderBytes: 16 * 1024,
  /** Time to send the request line and headers; then 408. */
  headersTimeoutMs: 10_000,
  /** Time to send the whole request, body included; then 408. */
  requestTimeoutMs: 30_000,
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: 5_000,
  /** Open connections in all; beyond it the oldest idle one is closed (connections.ts), else the new one. */
  maxConnections: 1024,
  /** Open connections from one remote address (loopback clients all share 127.0.0.1). */
  maxConnectionsPerAddress: 512,
  /** A connection that sends no byte within this is closed. */
  firstByteTimeoutMs: 2_000,
} as const;

export type Limits = { -readonly [K in keyof typeof LIMITS]: number };

export interface EmulatorOptions {
  state: EmulatorState;
  host?: string;
  port?: number;
  /** The clock; tests move it to expire credentials. */
  now?: () => Date;
  /** Called with one line per request (method, path, status); never sees secrets. */
  log?: (line: string) => void;
  /** Make chosen operations fail (faults.ts). */
  faults?: FaultPlan;
  /** Called for every fault injected. */
  onFault?: (event: FaultEvent) => void;
  /** Tighter limits (tests); the defaults are LIMITS. */
  limits?: Partial<Limits>;
}

export interface RunningEmulator {
  server: Server;
  url: string;
  host: string;
  port: number;
  state: EmulatorState;
  /** The fault injector, when a plan was given: what it injected so far. */
  faults?: FaultInjector;
  close(): Promise<void>;
}

interface Context {
  opts: EmulatorOptions;
  limits: Limits;
  clock: () => Date;
  faults?: FaultInjector;
}

type Body = Buffer | 'tooLarge' | 'aborted';

interface BodyState { chunks: Buffer[]; size: number; done: boolean; resolve: (b: Body) => void }

function finishBody(state: BodyState, b: Body): void {
  if (!state.done) {
    state.done = true;
    state.resolve(b);
  }
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<Body> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      req.resume();
      resolve('tooLarge');
      return;
    }
    // No named closures here: under tsx, each one costs a defineProperty per request.
    const state: BodyState = { chunks: [], size: 0, done: false, resolve };
    req.on('data', (c: Buffer) => {
      if (state.done) return;
      state.size += c.length;
      if (state.size > maxBytes) {
        state.chunks.length = 0;
        req.resume();
        finishBody(state, 'tooLarge');
        return;
      }
      state.chunks.push(c);
    });
    req.on('end', () => finishBody(state, Buffer.concat(state.chunks)));
    // A client that goes away mid-body is nobody to answer.
    req.on('error', () => finishBody(state, 'aborted'));
    req.on('close', () => finishBody(state, req.complete ? Buffer.concat(state.chunks) : 'aborted'));
  });
}

/** Most data-plane requests have no body; its hash is a constant (SIGV4.EMPTY_SHA256). */
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
    bodySha256: body.length === 0 ? SIGV4.EMPTY_SHA256 : createHash('sha256').update(body).digest('hex'),
  };
}

function sourceIp(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

/** Where a request goes: the data plane (an API id and the path within it) or a control-plane service. */
type Destination =
  | { plane: 'data'; apiId: string; apiPath: string }
  | { plane: 'control'; service?: ControlPlaneService; scopeService: string; parsed: ReturnType<typeof parseSigV4> };

function destination(req: IncomingMessage, wire: WireRequest): Destination {
  const byHost = apiIdFromHost(req.headers.host);
  if (byHost) return { plane: 'data', apiId: byHost, apiPath: wire.path };
  const byPath = apiIdFromPath(wire.path);
  if (byPath) return { plane: 'data', apiId: byPath.apiId, apiPath: byPath.rest };
  const parsed = parseSigV4(wire);
  if (parsed.ok) return { plane: 'control', service: CONTROL_PLANE.get(parsed.params.scope.service), scopeService: parsed.params.scope.service, parsed };
  const service = [...CONTROL_PLANE.values()].find((s) => s.addresses?.(wire)) ?? DEFAULT_SERVICE;
  return { plane: 'control', service, scopeService: '', parsed };
}

function controlPlane(state: EmulatorState, req: IncomingMessage, wire: WireRequest, body: Buffer, now: Date, dest: Extract<Destination, { plane: 'control' }>, requestId: string): Reply | Promise<Reply> {
  const service = dest.service;
  if (!service) {
    return {
      status: 400,
      headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': 'UnknownServiceException' },
      body: JSON.stringify({ message: `The embedded AWS does not serve '${dest.scopeService.slice(0, 64)}' (it serves ${[...CONTROL_PLANE.keys()].join(', ')} and execute-api)` }),
    };
  }
  // The signature was parsed to find the service: authenticate goes on from there.
  const auth = authenticate(wire, state.credentials, now, { service: service.signingName, region: service.signingRegion }, dest.parsed);
  if (!auth.ok) return service.authFailure(auth.reason, auth.message, requestId);
  // Every control-plane service reads its parameters from the body: a body the
  // signature does not cover (UNSIGNED-PAYLOAD, an S3 convention) could be swapped
  // under a valid signature, so it is refused as the signature not matching.
  if (!auth.payloadSigned && body.length > 0) return service.authFailure('signatureMismatch', SIGV4.SIGNATURE_DOES_NOT_MATCH, requestId);
  return service.handle({ state, caller: auth.caller, wire, headers: req.headers, body, now, requestId, sourceIp: sourceIp(req), region: auth.params.scope.region });
}

function dataPlane(state: EmulatorState, req: IncomingMessage, wire: WireRequest, apiId: string, apiPath: string, now: Date, requestId: string): Reply {
  const host = req.headers.host ?? '';
  return invoke({
    state, now, requestId, sourceIp: sourceIp(req), userAgent: String(req.headers['user-agent'] ?? ''),
    wire, apiId, apiPath,
    domainName: apiIdFromHost(host) ? host.replace(/:\d+$/, '') : `${apiId}.execute-api.${state.region}.amazonaws.com`,
  });
}

/** Wait `ms`, unless the client hangs up first (then false: nobody is left to answer). */
function hold(req: IncomingMessage, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      req.socket.off('close', onClose);
      resolve(true);
    }, ms);
    req.socket.once('close', onClose);
  });
}

function write(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string | number> = Object.assign({}, reply.headers);
  headers['content-length'] = Buffer.byteLength(reply.body);
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

function compute(ctx: Context, req: IncomingMessage, wire: WireRequest, body: Buffer, dest: Destination, now: Date, requestId: string): Reply | Promise<Reply> {
  return dest.plane === 'data'
    ? dataPlane(ctx.opts.state, req, wire, dest.apiId, dest.apiPath, now, requestId)
    : controlPlane(ctx.opts.state, req, wire, body, now, dest, requestId);
}

async function handle(ctx: Context, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let now = ctx.clock();
  const body = await readBody(req, ctx.limits.maxBodyBytes);
  if (body === 'aborted') return;
  if (body === 'tooLarge') {
    write(res, { status: 413, headers: { 'content-type': 'application/json', 'x-amzn-requestid': newRequestId(), connection: 'close' }, body: JSON.stringify({ message: 'Request Entity Too Large' }) });
    ctx.opts.log?.(`${req.method} ${(req.url ?? '').split('?')[0]} 413`);
    return;
  }
  const wire = toWire(req, body);
  const dest = destination(req, wire);
  const service = dest.plane === 'data' ? 'execute-api' : dest.service?.signingName;
  const requestId = dest.plane === 'data' ? apigwRequestId() : newRequestId();

  let reply: Reply;
  const operation = service && ctx.faults ? operationName(service, wire, body, dest.plane === 'data' ? dest.apiPath : undefined) : '';
  const fault = service && ctx.faults ? ctx.faults.match(service, operation) : undefined;
  if (!fault || !service) {
    reply = await compute(ctx, req, wire, body, dest, now, requestId);
  } else {
    const injected = () => {
      const e = ctx.faults!.record(fault, service, operation);
      ctx.opts.log?.(`fault: ${e.fault} on ${service} ${operation} (call ${e.call}${fault.rule.times ? ` of ${fault.rule.times}` : ''})`);
    };
    const kind = fault.rule.fault;
    if (kind === 'reset') {
      injected();
      req.socket.destroy();
      return;
    }
    if (kind === 'slow') {
      injected();
      if (!(await hold(req, fault.rule.delayMs ?? DEFAULT_SLOW_MS))) return;
      now = ctx.clock();
      reply = await compute(ctx, req, wire, body, dest, now, requestId);
    } else if (replacesAnswer(kind)) {
      injected();
      reply = faultAnswer(fault.rule, faultProtocol(service), requestId);
    } else {
      reply = await compute(ctx, req, wire, body, dest, now, requestId);
      const damaged = damageAnswer(fault.rule, reply);
      if (damaged) {
        injected();
        reply = damaged;
      }
    }
  }
  write(res, reply);
  ctx.opts.log?.(`${req.method} ${(req.url ?? '').split('?')[0]} ${reply.status}`);
}

/**
 * Readiness for scripts that wait on `crossgate serve` (curl --retry-connrefused, wait-on):
 * answered before anything else, with no credentials; no AWS endpoint has this path.
 */
export const READY_PATH = '/_crossgate/health';

function ready(res: ServerResponse): void {
  const body = JSON.stringify({ status: 'ready', services: [...CONTROL_PLANE.keys(), 'execute-api'] });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const limits: Limits = { ...LIMITS, ...(opts.limits ?? {}) };
  const faults = opts.faults ? new FaultInjector(opts.faults, opts.onFault) : undefined;
  const ctx: Context = { opts, limits, clock: opts.now ?? (() => new Date()), faults };
  const server = createServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // A request without Host is answered by the handlers (SigV4 needs a signed host), not by a bare Node 400.
      requireHostHeader: false,
      // Node checks the two timeouts above only this often (30 s by default).
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    (req, res) => {
      if (req.url === READY_PATH && req.method === 'GET' && !apiIdFromHost(req.headers.host ?? '')) return ready(res);
      handle(ctx, req, res).catch((err: unknown) => {
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
  // Not server.maxConnections: Node would refuse newcomers before anyone could make room.
  guardConnections(server, limits, opts.log);
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    // Malformed HTTP never reaches a handler: answer 4xx and close.
    if (!socket.writable) return socket.destroy();
    const [status, text] =
      err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout']
      : [400, 'Bad Request'];
    const body = JSON.stringify({ message: text });
    socket.end(`HTTP/1.1 ${status} ${text}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  if (!isLoopback(host)) {
    opts.log?.(`WARNING: listening on ${host}, not on loopback: anyone who can reach it can use the estate's published keys`);
  }
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // A deep accept queue: a burst of connections (a flood, or many parallel jobs) is
    // accepted and sorted out by connections.ts instead of being dropped by the kernel,
    // which would leave a well-behaved client retrying its SYN for seconds.
    server.listen({ port: opts.port ?? 0, host, backlog: 4096 }, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        server, host, port, url: `http://${urlHost}:${port}`, state: opts.state, faults,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
