/**
 * Switching fault injection on: `crossgate serve --faults FILE` for any client, and
 * CROSSGATE_FAULTS for a run. A plan that does not parse is a usage error (exit 2)
 * before anything runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, serve, stop } from '../support/cli.ts';
import { KEYS, REPO } from '../support/emulator.ts';
import { sendRaw, signedHeaders } from './support/rawHttp.ts';

test('crossgate serve --faults: the plan applies to every client, and the server says it is lying', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crossgate-serve-faults-'));
  const plan = join(dir, 'plan.json');
  writeFileSync(plan, JSON.stringify({ faults: [{ service: 'sts', operation: 'GetCallerIdentity', fault: 'throttling', times: 1 }] }));
  const s = await serve(['--faults', plan]);
  try {
    const port = Number(new URL(s.url).port);
    const host = `127.0.0.1:${port}`;
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const call = async () => {
      const headers = await signedHeaders({ method: 'POST', host, path: '/', body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, credentials: KEYS.ciCaller, service: 'sts' });
      return sendRaw(port, { method: 'POST', target: '/', headers: Object.entries(headers), body });
    };
    const first = await call();
    assert.equal(first.status, 400);
    assert.match(first.body, /<Code>Throttling<\/Code><Message>Rate exceeded<\/Message>/);
    assert.equal((await call()).status, 200, 'transient: only the first call');
    for (let i = 0; i < 40 && !/fault injected/.test(s.stderr()); i++) await new Promise((r) => setTimeout(r, 50));
    assert.match(s.stderr(), /crossgate: injecting faults \(1 rule\) from .*plan\.json: answers are deliberately wrong/);
    assert.match(s.stderr(), /crossgate: fault injected: throttling on sts GetCallerIdentity \(call 1\)/);
  } finally {
    await stop(s.child);
  }
});

test('CROSSGATE_FAULTS that does not parse stops a run before it starts (exit 2)', () => {
  const r = spawnSync(process.execPath, [BIN, 'run', '--reports', mkdtempSync(join(tmpdir(), 'crossgate-badplan-'))], {
    cwd: REPO, encoding: 'utf8', env: { ...process.env, CROSSGATE_FAULTS: '{"faults":[{"service":"dynamodb","fault":"reset"}]}' },
  });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /CROSSGATE_FAULTS: \/faults\/0\/service: must be one of sts, iam, apigateway, access-analyzer, execute-api, \*/, "the problem names the variable and the JSON path");
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});
