/**
 * The embedded AWS's request limits (LIMITS in src/emulator/server.ts), each hit on
 * purpose: oversized headers and bodies, requests that never finish, too many
 * connections. Timeouts are shortened here through startEmulator's `limits`; the sizes
 * are the real ones. docs/reliability.md states the same numbers.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { LIMITS, loadEstate, startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { API_HOST, REPO, SEED_ESTATE } from '../support/emulator.ts';
import { refusalProblem } from './support/awsShape.ts';
import { sendRaw } from './support/rawHttp.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const SHORT = { headersTimeoutMs: 1_000, requestTimeoutMs: 1_500, keepAliveTimeoutMs: 500, maxConnections: 8 };
let emu: RunningEmulator;

before(async () => {
  emu = await startEmulator({ state: loadEstate(SEED_ESTATE), limits: SHORT });
});
after(() => emu.close());

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(emu.port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
}

/** Everything the server sends until it closes (or `ms` pass). */
function drain(s: Socket, ms: number): Promise<{ text: string; closed: boolean; after: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    let text = '';
    const done = (closed: boolean) => {
      clearTimeout(timer);
      resolve({ text, closed, after: Date.now() - started });
    };
    s.on('data', (d) => (text += d.toString('latin1')));
    s.on('close', () => done(true));
    s.on('error', () => undefined);
    const timer = setTimeout(() => done(false), ms);
  });
}

describe('request limits', () => {
  test(`headers over ${LIMITS.maxHeaderBytes / 1024} KiB → 431, AWS-shaped`, async () => {
    const a = await sendRaw(emu.port, { method: 'GET', target: '/orders', headers: [['host', API_HOST], ['x-padding', 'p'.repeat(LIMITS.maxHeaderBytes)]] });
    assert.equal(a.status, 431);
    assert.equal(refusalProblem(a), undefined);
  });

  test(`a body over ${LIMITS.maxBodyBytes / 1024 / 1024} MiB → 413, declared or streamed`, async () => {
    const big = Buffer.alloc(LIMITS.maxBodyBytes + 1, 0x61);
    const declared = await sendRaw(emu.port, { method: 'POST', target: '/orders', headers: [['host', API_HOST]], body: big });
    assert.equal(declared.status, 413);
    assert.equal(refusalProblem(declared), undefined);
    // Chunked: no Content-Length to refuse up front, so the count stops it.
    const chunks = `${big.length.toString(16)}\r\n${big.toString('latin1')}\r\n0\r\n\r\n`;
    const streamed = await sendRaw(emu.port, { method: 'POST', target: '/orders', headers: [['host', API_HOST], ['transfer-encoding', 'chunked']], body: Buffer.from(chunks, 'latin1') });
    assert.equal(streamed.status, 413);
    const exact = await sendRaw(emu.port, { method: 'POST', target: '/orders', headers: [['host', API_HOST]], body: Buffer.alloc(LIMITS.maxBodyBytes, 0x61) });
    assert.equal(exact.status, 403, 'a body of exactly the limit is read (and this one is unsigned)');
  });

  test('headers that never end → 408 after the headers timeout', async () => {
    const s = await open();
    s.write(`GET /orders HTTP/1.1\r\nhost: ${API_HOST}\r\nx-slow: 1\r\n`);
    const r = await drain(s, 6_000);
    assert.match(r.text, /^HTTP\/1\.1 408 /);
    assert.ok(r.closed, 'the connection is closed');
    assert.ok(r.after >= SHORT.headersTimeoutMs - 100 && r.after < SHORT.headersTimeoutMs + 2_500, `answered after ${r.after} ms`);
  });

  test('a body that never arrives → 408 after the request timeout', async () => {
    const s = await open();
    s.write(`POST /orders HTTP/1.1\r\nhost: ${API_HOST}\r\ncontent-length: 100\r\n\r\n0123456789`);
    const r = await drain(s, 6_000);
    assert.match(r.text, /^HTTP\/1\.1 408 /);
    assert.ok(r.closed);
    assert.ok(r.after < SHORT.requestTimeoutMs + 2_500, `answered after ${r.after} ms`);
  });

  test('an idle keep-alive connection is closed', async () => {
    const s = await open();
    s.write(`GET /health HTTP/1.1\r\nhost: ${API_HOST}\r\n\r\n`);
    const r = await drain(s, 5_000);
    assert.match(r.text, /^HTTP\/1\.1 200 /);
    assert.ok(r.closed && r.after < SHORT.keepAliveTimeoutMs + 2_500, `closed ${r.closed} after ${r.after} ms`);
  });

  test('connections beyond the limit: the oldest silent one makes room; the server keeps serving', async () => {
    const held = await Promise.all(Array.from({ length: SHORT.maxConnections }, () => open()));
    const extra = await open();
    const oldest = await drain(held[0]!, 2_000);
    assert.ok(oldest.closed && oldest.text === '', 'the oldest connection that sent nothing is closed without an answer');
    const a = await sendRaw(emu.port, { method: 'GET', target: '/health', headers: [['host', API_HOST]] });
    assert.equal(a.status, 200, 'a new client is served');
    for (const s of [...held, extra]) s.destroy();
  });

  test('oversized requests leave nothing behind: the heap stays bounded', async (t) => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const big = Buffer.alloc(LIMITS.maxBodyBytes + 1024, 0x62);
    for (let i = 0; i < 60; i++) {
      const a = await sendRaw(emu.port, { method: 'POST', target: '/', headers: [['host', `127.0.0.1:${emu.port}`], ['content-type', 'application/x-www-form-urlencoded']], body: big });
      assert.equal(a.status, 413);
    }
    gc();
    const grown = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    t.diagnostic(`60 bodies of ${(big.length / 1024 / 1024).toFixed(2)} MiB refused; heap grew ${grown.toFixed(1)} MiB`);
    assert.ok(grown < 16, `heap grew ${grown.toFixed(1)} MiB`);
  });

  test('docs/reliability.md states the limits as they are', () => {
    const section = readFileSync(join(REPO, 'docs', 'reliability.md'), 'utf8');
    assert.ok(section.includes('# When things go wrong'), 'docs/reliability.md is the "When things go wrong" page');
    for (const text of [
      `${LIMITS.maxBodyBytes / 1024 / 1024} MiB`,
      `${LIMITS.maxHeaderBytes / 1024} KiB`,
      `${LIMITS.headersTimeoutMs / 1000} s`,
      `${LIMITS.requestTimeoutMs / 1000} s`,
      `${LIMITS.keepAliveTimeoutMs / 1000} s`,
      `${LIMITS.maxConnections}`,
    ]) {
      assert.ok(section.includes(text), `docs/reliability.md names ${text}`);
    }
  });
});
