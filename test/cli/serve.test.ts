/**
 * `crossgate serve` with clients nobody here wrote: the AWS CLI and curl --aws-sigv4.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { KEYS, REPO, ROLE } from '../support/emulator.ts';
import { BIN, has, serve, stop } from '../support/cli.ts';
import { requireTool } from '../support/tools.ts';

const HOST = 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';
let child: ChildProcess;
let url: string;
let port: string;

before(async () => {
  ({ child, url } = await serve());
  port = new URL(url).port;
});
after(async () => {
  if (child.exitCode === null) await stop(child);
});

function awsEnv(creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
  delete env.AWS_PROFILE;
  if (creds.sessionToken) env.AWS_SESSION_TOKEN = creds.sessionToken;
  else delete env.AWS_SESSION_TOKEN;
  return env;
}

function curl(args: string[]): { status: number; body: string } {
  const out = execFileSync('curl', ['-s', '-o', '-', '-w', '\n%{http_code}', ...args], { encoding: 'utf8' });
  const i = out.lastIndexOf('\n');
  return { body: out.slice(0, i), status: Number(out.slice(i + 1)) };
}

describe('crossgate serve', () => {
  test('prints the ready line with the actual port', () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('AWS CLI assume-role as ci-caller, then curl --aws-sigv4 with those credentials gets 200; unsigned curl gets 403', { skip: requireTool(!has('aws') || !has('curl') ? 'the AWS CLI or curl is not installed' : false) }, () => {
    const out = execFileSync('aws', ['sts', 'assume-role', '--endpoint-url', url, '--role-arn', ROLE.invoker, '--role-session-name', 'role_session', '--output', 'json'], { env: awsEnv(KEYS.ciCaller), encoding: 'utf8' });
    const parsed = JSON.parse(out) as { Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string }; AssumedRoleUser: { Arn: string } };
    assert.equal(parsed.AssumedRoleUser.Arn, 'arn:aws:sts::111111111111:assumed-role/ApiInvokerRole/role_session');
    const c = parsed.Credentials;

    const signed = curl([
      '--aws-sigv4', 'aws:amz:us-east-1:execute-api', '--user', `${c.AccessKeyId}:${c.SecretAccessKey}`,
      '-H', `x-amz-security-token: ${c.SessionToken}`,
      '--connect-to', `${HOST}:80:127.0.0.1:${port}`, `http://${HOST}/orders`,
    ]);
    assert.equal(signed.status, 200, signed.body);
    assert.equal(JSON.parse(signed.body).requestContext.authorizer.iam.userArn, parsed.AssumedRoleUser.Arn);

    const pathStyle = curl([
      '--aws-sigv4', 'aws:amz:us-east-1:execute-api', '--user', `${c.AccessKeyId}:${c.SecretAccessKey}`,
      '-H', `x-amz-security-token: ${c.SessionToken}`, `${url}/_aws/execute-api/a1b2c3d4e5/orders/42`,
    ]);
    assert.equal(pathStyle.status, 200, pathStyle.body);

    const unsigned = curl(['--connect-to', `${HOST}:80:127.0.0.1:${port}`, `http://${HOST}/orders`]);
    assert.equal(unsigned.status, 403);
    assert.deepEqual(JSON.parse(unsigned.body), { message: 'Missing Authentication Token' });
  });

  test('AWS CLI as bystander is denied assume-role with AccessDenied', { skip: requireTool(!has('aws') ? 'the AWS CLI is not installed' : false) }, () => {
    const r = spawnSync('aws', ['sts', 'assume-role', '--endpoint-url', url, '--role-arn', ROLE.invoker, '--role-session-name', 'denied-session'], { env: awsEnv(KEYS.bystander), encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /AccessDenied/);
    assert.match(r.stderr, /User: arn:aws:iam::222222222222:user\/bystander is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role\/ApiInvokerRole/);
  });

  test('garbage on the wire gets a 4xx, and the server keeps serving', async () => {
    const payloads = [
      'GARBAGE\r\n\r\n',
      'GET /orders HTTP/1.1\r\nHost: ' + HOST + '\r\nAuthorization: AWS4-HMAC-SHA256 Credential=\u0000\u00ff, Signature=zz\r\n\r\n',
      'GET /orders HTTP/1.1\r\nHost: ' + HOST + '\r\nAuthorization: ' + 'A'.repeat(20000) + '\r\n\r\n',
      'GET /%%%/..%2f../etc/passwd HTTP/1.1\r\nHost: ' + HOST + '\r\n\r\n',
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIACICALLER00000002/20200101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00\r\nContent-Length: 5\r\n\r\n%%%%%',
      'GET /?X-Amz-Credential=%ZZ&X-Amz-Algorithm=AWS4-HMAC-SHA256 HTTP/1.1\r\nHost: ' + HOST + '\r\n\r\n',
    ];
    for (const p of payloads) {
      const status = await new Promise<number>((resolve, reject) => {
        const s = connect(Number(port), '127.0.0.1', () => s.write(p, 'latin1'));
        let data = '';
        s.on('data', (d) => (data += d));
        s.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
        s.on('error', reject);
        setTimeout(() => { s.destroy(); resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)); }, 3000);
      });
      assert.ok(status >= 400 && status < 500, `${JSON.stringify(p.slice(0, 60))} → ${status}`);
    }
    const health = curl(['--connect-to', `${HOST}:80:127.0.0.1:${port}`, `http://${HOST}/health`]);
    assert.equal(health.status, 200);
  });

  test('answers readiness on /_crossgate/health with no credentials', async () => {
    const res = await fetch(`${url}/_crossgate/health`);
    assert.equal(res.status, 200, 'ready');
    const body = (await res.json()) as { status: string; services: string[] };
    assert.equal(body.status, 'ready', 'the body says ready');
    assert.ok(body.services.includes('sts') && body.services.includes('execute-api'), `the services served: ${body.services.join(', ')}`);
  });

  test('stops cleanly on SIGTERM, with a line saying so', async () => {
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    const code = await stop(child);
    assert.equal(code, 0, 'exit 0');
    assert.match(out, /crossgate embedded AWS stopped \(SIGTERM\)/, 'the stop line');
  });

  test('the default port is crossgate\'s own, not LocalStack\'s 4566', () => {
    const r = spawnSync(process.execPath, [BIN, '--help'], { cwd: REPO, encoding: 'utf8' });
    assert.match(r.stdout + r.stderr, /--port 4577/, 'the usage names the default port');
  });
});

describe('user mistakes exit 2 with a message, never a stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crossgate-cli-'));

  test('serve with a malformed estate', () => {
    const bad = join(dir, 'estate.json');
    writeFileSync(bad, JSON.stringify({ region: 'us-east-1', accounts: [{ id: '12' }] }));
    const r = spawnSync(process.execPath, [BIN, 'serve', '--port', '0', '--estate', bad], { cwd: REPO, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /estate\.json: \/accounts\/0\/id: must match pattern/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  test('run with a malformed config', () => {
    const bad = join(dir, 'config.json');
    writeFileSync(bad, JSON.stringify({ target: 'embedded', region: 'us-east-1', accounts: {}, apis: {}, roles: {}, principals: {} }));
    const r = spawnSync(process.execPath, [BIN, 'run', '--config', bad], { cwd: REPO, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /config\.json: \/accounts: must NOT have fewer than 1 properties/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  test('unknown command', () => {
    const r = spawnSync(process.execPath, [BIN, 'frobnicate'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown command 'frobnicate'/);
  });
});
