/**
 * Connections: a client holding more idle connections than the limits allow (all
 * from 127.0.0.1, as every loopback client is) cannot turn a well-behaved client
 * away, whether its connections send nothing or stop halfway through a request; a
 * connection that sends nothing is closed on its own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect, type Socket } from 'node:net';
import { loadEstate, startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { API_HOST, SEED_ESTATE } from '../support/emulator.ts';
import { sendRaw } from '../reliability/support/rawHttp.ts';

const LIMITS = { maxConnections: 48, maxConnectionsPerAddress: 32, firstByteTimeoutMs: 60_000, headersTimeoutMs: 60_000, requestTimeoutMs: 60_000 };
let emu: RunningEmulator;
const held: Socket[] = [];

before(async () => {
  emu = await startEmulator({ state: loadEstate(SEED_ESTATE), limits: LIMITS });
});
after(async () => {
  for (const s of held) s.destroy();
  await emu.close();
});

function open(send?: string): Promise<Socket> {
  return new Promise((resolve) => {
    const s = connect(emu.port, '127.0.0.1', () => {
      if (send !== undefined) s.write(send);
      resolve(s);
    });
    s.on('error', () => undefined);
    held.push(s);
  });
}

const closed = (s: Socket) => s.destroyed || s.readyState === 'closed' || !s.readable;

function closedWithin(s: Socket, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (s.readyState === 'closed') return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    s.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

const HEALTH = { method: 'GET', target: '/health', headers: [['host', API_HOST]] as [string, string][] };

describe('more idle connections than the limits', () => {
  test('silent connections beyond the per-address limit: a well-behaved client is still served', async () => {
    const silent = await Promise.all(Array.from({ length: LIMITS.maxConnectionsPerAddress * 2 }, () => open()));
    await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 5; i++) {
      const a = await sendRaw(emu.port, HEALTH, 5_000);
      assert.equal(a.status, 200, `request ${i} is served: ${a.status} ${a.dropped ? '(dropped)' : ''}`);
    }
    const open_ = silent.filter((s) => !closed(s)).length;
    assert.ok(open_ < LIMITS.maxConnectionsPerAddress, `the oldest silent connections were closed to make room: ${open_} still open`);
  });

  test('connections stopped halfway through their headers: a well-behaved client is still served', async () => {
    await Promise.all(Array.from({ length: LIMITS.maxConnections + 8 }, () => open(`GET /health HTTP/1.1\r\nhost: ${API_HOST}\r\n`)));
    await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 5; i++) {
      const a = await sendRaw(emu.port, HEALTH, 5_000);
      assert.equal(a.status, 200, `request ${i} is served: ${a.status} ${a.dropped ? '(dropped)' : ''}`);
    }
  });
});

describe('a connection that sends nothing', () => {
  test('is closed by the server', async () => {
    const quick = await startEmulator({ state: loadEstate(SEED_ESTATE), limits: { firstByteTimeoutMs: 200 } });
    try {
      const s = await new Promise<Socket>((resolve) => {
        const c = connect(quick.port, '127.0.0.1', () => resolve(c));
        c.on('error', () => undefined);
      });
      assert.ok(await closedWithin(s, 5_000), 'the silent connection was closed (before the 10 s headers timeout)');
      const a = await sendRaw(quick.port, HEALTH, 5_000);
      assert.equal(a.status, 200, 'a prompt client is served');
    } finally {
      await quick.close();
    }
  });
});
