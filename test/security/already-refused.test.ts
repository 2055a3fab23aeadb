/**
 * Attacks the embedded AWS already refused, kept standing so that they stay refused:
 * request smuggling (Content-Length with Transfer-Encoding, two lengths, a pipelined
 * request behind a public one), duplicate headers, Host confusion, a signed request
 * replayed on another path, traversal out of a public route. Each is refused with a
 * 4xx and never reaches an AWS_IAM route; none is a 5xx. (Unsigned requests, other
 * secrets, expired presigned URLs, token swaps and scopes are in no-way-in.test.ts;
 * broken SigV4 syntax and hostile paths in test/reliability/fuzz.test.ts.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { API_HOST, KEYS, ROLE, startSeedEmulator } from '../support/emulator.ts';
import { sendRaw, type RawAnswer, type RawRequest } from '../reliability/support/rawHttp.ts';

let emu: RunningEmulator;
let session: { accessKeyId: string; secretAccessKey: string; sessionToken: string };

before(async () => {
  emu = await startSeedEmulator();
  const sts = new STSClient({ endpoint: emu.url, region: 'us-east-1', credentials: KEYS.ciCaller });
  const c = (await sts.send(new AssumeRoleCommand({ RoleArn: ROLE.invoker, RoleSessionName: 'already-refused' }))).Credentials!;
  session = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
});
after(() => emu.close());

async function signedGet(path: string, host = API_HOST): Promise<RawRequest> {
  const signer = new SignatureV4({ service: 'execute-api', region: 'us-east-1', credentials: session, sha256: Sha256 });
  const s = await signer.sign(new HttpRequest({ method: 'GET', protocol: 'https:', hostname: host, path, headers: { host } }));
  return { method: 'GET', target: path, headers: Object.entries(s.headers as Record<string, string>) };
}

function refused(what: string, a: RawAnswer): void {
  assert.ok(!a.dropped || a.status === 0, `${what}: answered or closed`);
  if (a.dropped) return; // closing the connection is a refusal too
  assert.ok(a.status >= 400 && a.status < 500, `${what}: refused with a 4xx, got ${a.status} ${a.body.slice(0, 200)}`);
}

/** Sends raw bytes and returns every status line the server answers with. */
function statuses(bytes: string): Promise<number[]> {
  return new Promise((resolve) => {
    const s = connect(emu.port, '127.0.0.1', () => s.end(bytes));
    let data = '';
    s.on('data', (d: Buffer) => (data += d.toString('latin1')));
    s.on('error', () => undefined);
    s.on('close', () => resolve([...data.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]))));
    setTimeout(() => s.destroy(), 10_000).unref();
  });
}

describe('still refused', () => {
  test('a signed request works as sent (the refusals below are the changes\' doing)', async () => {
    const a = await sendRaw(emu.port, await signedGet('/orders/42'));
    assert.equal(a.status, 200, `the untouched request is accepted: ${a.body.slice(0, 200)}`);
  });

  test('replayed on another path, with another method, or to another API', async () => {
    const req = await signedGet('/orders/42');
    refused('another path', await sendRaw(emu.port, { ...req, target: '/orders/43' }));
    refused('another method', await sendRaw(emu.port, { ...req, method: 'DELETE' }));
    refused('another API host', await sendRaw(emu.port, { ...req, headers: req.headers.map(([k, v]) => [k, k.toLowerCase() === 'host' ? 'zzzzzzzzzz.execute-api.us-east-1.amazonaws.com' : v]) }));
  });

  test('duplicate Host, Authorization and X-Amz-Date headers', async () => {
    const req = await signedGet('/orders/42');
    for (const name of ['host', 'authorization', 'x-amz-date']) {
      const field = req.headers.find(([k]) => k.toLowerCase() === name)!;
      const twice = { ...req, headers: [...req.headers, [field[0], name === 'host' ? 'abcdefghij.execute-api.us-east-1.amazonaws.com' : field[1]] as [string, string]] };
      refused(`a second ${name}`, await sendRaw(emu.port, twice));
    }
  });

  test('traversal out of the public route never reaches a protected one', async () => {
    for (const target of ['/health/../orders', '/health/%2E%2E/orders', '/health/..%2Forders', '//orders', '/./orders']) {
      const a = await sendRaw(emu.port, { method: 'GET', target, headers: [['host', API_HOST]] });
      assert.notEqual(a.status, 200, `${target}: an unsigned request never gets a protected route's 200 (${a.status})`);
      assert.ok(a.status < 500, `${target}: never a 5xx (${a.status})`);
    }
  });

  test('Content-Length with Transfer-Encoding, and two different lengths, are refused', async () => {
    const both = await statuses(`POST /health HTTP/1.1\r\nhost: ${API_HOST}\r\ncontent-length: 4\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\nGET /orders HTTP/1.1\r\nhost: ${API_HOST}\r\n\r\n`);
    assert.ok(both.length >= 1 && both.every((s) => s >= 400 && s < 500), `refused, and nothing smuggled behind it: ${both.join(', ')}`);
    const two = await statuses(`POST /health HTTP/1.1\r\nhost: ${API_HOST}\r\ncontent-length: 0\r\ncontent-length: 40\r\n\r\n`);
    assert.ok(two.length >= 1 && two.every((s) => s >= 400 && s < 500), `two lengths refused: ${two.join(', ')}`);
  });

  test('a request pipelined behind a public one is authenticated on its own', async () => {
    const codes = await statuses(`GET /health HTTP/1.1\r\nhost: ${API_HOST}\r\n\r\nDELETE /orders/42 HTTP/1.1\r\nhost: ${API_HOST}\r\nconnection: close\r\n\r\n`);
    assert.deepEqual(codes, [200, 403], `the public request is answered, the unsigned one behind it refused: ${codes.join(', ')}`);
  });
});
