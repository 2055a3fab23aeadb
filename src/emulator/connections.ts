/**
 * Connections as a shared resource. One client must not fill the server with
 * connections that send nothing (or never finish a request) and so turn everyone
 * else away. Three rules:
 *
 * - a connection that has sent no byte within `firstByteTimeoutMs` is closed;
 * - each remote address may hold `maxConnectionsPerAddress` connections, and the
 *   server `maxConnections` in all;
 * - at either limit a new connection is not refused while some connection is idle:
 *   the oldest idle one is closed instead, preferring one that never sent a byte,
 *   then one still short of a whole request, then an idle keep-alive connection. A
 *   connection whose request is being answered is never closed. So a client that
 *   sends its request promptly is served, whoever holds the rest (all loopback
 *   clients share one address, 127.0.0.1).
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  maxConnections: number;
  maxConnectionsPerAddress: number;
  firstByteTimeoutMs: number;
}

interface Tracked {
  address: string;
  /** Requests received on this connection, and those not yet answered. */
  requests: number;
  inflight: number;
  timer: NodeJS.Timeout | undefined;
}

function addressOf(socket: Socket): string {
  return (socket.remoteAddress ?? '?').replace(/^::ffff:/, '');
}

export function guardConnections(server: Server, limits: ConnectionLimits, log?: (line: string) => void): void {
  const all = new Map<Socket, Tracked>();
  const byAddress = new Map<string, Set<Socket>>();

  /** How idle a connection is: 3 sent nothing, 2 no whole request yet, 1 idle keep-alive, 0 busy. */
  const idleness = (socket: Socket, t: Tracked): number => {
    if (t.inflight > 0) return 0;
    if (socket.bytesRead === 0) return 3;
    return t.requests === 0 ? 2 : 1;
  };

  /** Closes the oldest, idlest connection among `pool`; false when every one is busy. */
  const evict = (pool: Iterable<Socket>, why: string): boolean => {
    let victim: Socket | undefined;
    let worst = 0;
    for (const socket of pool) {
      const t = all.get(socket);
      if (t === undefined) continue;
      const level = idleness(socket, t);
      if (level > worst) {
        worst = level;
        victim = socket;
        if (level === 3) break; // the oldest silent one: nothing idler exists
      }
    }
    if (victim === undefined) return false;
    log?.(`connection from ${all.get(victim)?.address} closed to make room (${why})`);
    forget(victim);
    victim.destroy();
    return true;
  };

  const forget = (socket: Socket): void => {
    const t = all.get(socket);
    if (t === undefined) return;
    if (t.timer !== undefined) clearTimeout(t.timer);
    all.delete(socket);
    const set = byAddress.get(t.address);
    set?.delete(socket);
    if (set?.size === 0) byAddress.delete(t.address);
  };

  server.on('connection', (socket: Socket) => {
    const address = addressOf(socket);
    const mine = byAddress.get(address);
    if (all.size >= limits.maxConnections && !evict(all.keys(), `${limits.maxConnections} connections in all`)) {
      socket.destroy();
      return;
    }
    if (mine !== undefined && mine.size >= limits.maxConnectionsPerAddress && !evict(mine, `${limits.maxConnectionsPerAddress} connections from ${address}`)) {
      socket.destroy();
      return;
    }
    const t: Tracked = { address, requests: 0, inflight: 0, timer: undefined };
    t.timer = setTimeout(() => {
      t.timer = undefined;
      if (socket.bytesRead === 0 && all.has(socket)) {
        forget(socket);
        socket.destroy();
      }
    }, limits.firstByteTimeoutMs);
    t.timer.unref();
    all.set(socket, t);
    let set = byAddress.get(address);
    if (set === undefined) byAddress.set(address, (set = new Set()));
    set.add(socket);
    socket.once('close', () => forget(socket));
  });

  server.on('request', (req, res) => {
    const t = all.get(req.socket);
    if (t === undefined) return;
    t.requests++;
    t.inflight++;
    res.once('close', () => {
      t.inflight--;
    });
  });
}
