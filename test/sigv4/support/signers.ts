/**
 * Four independent SigV4 signers, each signing a SignerCase and sending it to
 * a capture server: @smithy/signature-v4 (what the AWS SDK for JavaScript
 * uses), aws4, botocore (the AWS CLI and boto3) and curl --aws-sigv4.
 */
import { spawn, spawnSync } from 'node:child_process';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import aws4 from 'aws4';
import { type OutgoingRequest, send } from './captureServer.ts';
import {
  ACCESS_KEY_ID,
  HOST,
  REGION,
  SECRET_ACCESS_KEY,
  SERVICE,
  SESSION_TOKEN,
  type SignerCase,
  sortedPairs,
  wirePath,
  wireQuery,
} from './signerCases.ts';

export interface Signer {
  name: string;
  /** Why this signer cannot run on this machine, if it cannot. */
  unavailable(): string | undefined;
  /** Why this signer cannot sign that case, if it cannot. */
  unsupported(c: SignerCase): string | undefined;
  /** Sign the case and send it to 127.0.0.1:port. */
  signAndSend(c: SignerCase, port: number): Promise<void>;
}

const PRESIGN_SECONDS = 900;

function caseHeaders(c: SignerCase): Record<string, string> {
  return { ...c.headers, ...(c.unsignedPayload ? { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } : {}) };
}

function target(path: string, query: string): string {
  return query === '' ? path : `${path}?${query}`;
}

export const smithy: Signer = {
  name: '@smithy/signature-v4',
  unavailable: () => undefined,
  unsupported: () => undefined,
  async signAndSend(c, port) {
    const signer = new SignatureV4({
      service: SERVICE,
      region: REGION,
      sha256: Sha256,
      credentials: {
        accessKeyId: ACCESS_KEY_ID,
        secretAccessKey: SECRET_ACCESS_KEY,
        ...(c.sessionToken ? { sessionToken: SESSION_TOKEN } : {}),
      },
    });
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of c.query ?? []) {
      const prev = query[k];
      query[k] = prev === undefined ? v : [...(Array.isArray(prev) ? prev : [prev]), v];
    }
    const request = {
      method: c.method,
      protocol: 'https:',
      hostname: HOST,
      path: wirePath(c.path),
      query,
      headers: { host: HOST, ...caseHeaders(c) },
      ...(c.body !== undefined ? { body: c.body } : {}),
    };
    const signed = c.presign ? await signer.presign(request, { expiresIn: PRESIGN_SECONDS }) : await signer.sign(request);
    const pairs = Object.entries(signed.query ?? {}).flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v ?? '']).map((x) => [k, x] as [string, string]),
    );
    await send(port, {
      method: signed.method,
      target: target(signed.path, wireQuery(pairs)),
      headers: signed.headers,
      ...(c.body !== undefined ? { body: c.body } : {}),
    });
  },
};

export const aws4Signer: Signer = {
  name: 'aws4',
  unavailable: () => undefined,
  unsupported: () => undefined,
  async signAndSend(c, port) {
    // aws4 sets no X-Amz-Expires outside S3; it signs one given in the query.
    const query = [...(c.query ?? []), ...(c.presign ? [['X-Amz-Expires', String(PRESIGN_SECONDS)] as [string, string]] : [])];
    const opts: aws4.Request & { headers: Record<string, string> } = {
      host: HOST,
      method: c.method,
      path: target(wirePath(c.path), wireQuery(query)),
      headers: caseHeaders(c),
      service: SERVICE,
      region: REGION,
      ...(c.body !== undefined ? { body: c.body } : {}),
      ...(c.presign ? { signQuery: true } : {}),
    };
    aws4.sign(opts, {
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: SECRET_ACCESS_KEY,
      ...(c.sessionToken ? { sessionToken: SESSION_TOKEN } : {}),
    });
    await send(port, {
      method: c.method,
      target: opts.path!,
      headers: opts.headers,
      ...(c.body !== undefined ? { body: c.body } : {}),
    });
  },
};

/** Signs with botocore in python3; prints what botocore would send, as JSON. */
const BOTOCORE_SCRIPT = `
import json, sys
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
s = json.load(sys.stdin)
creds = Credentials(s['accessKeyId'], s['secretAccessKey'], s.get('sessionToken'))
body = s['body'].encode('utf-8') if s['body'] is not None else None
req = AWSRequest(method=s['method'], url=s['url'], headers=s['headers'], data=body)
if s['presign']:
    SigV4QueryAuth(creds, s['service'], s['region'], expires=s['expires']).add_auth(req)
else:
    SigV4Auth(creds, s['service'], s['region']).add_auth(req)
p = req.prepare()
out = p.body.decode('utf-8') if isinstance(p.body, bytes) else (p.body or None)
print(json.dumps({'method': p.method, 'url': p.url, 'headers': dict(p.headers.items()), 'body': out}))
`;

function python(args: string[], input?: string) {
  return spawnSync('python3', args, { input, encoding: 'utf8', timeout: 30_000 });
}

export const botocore: Signer = {
  name: 'botocore',
  unavailable: () => {
    const r = python(['-c', 'import botocore']);
    return r.status === 0 ? undefined : 'python3 with botocore is not installed';
  },
  unsupported: () => undefined,
  async signAndSend(c, port) {
    const spec = {
      method: c.method,
      url: `https://${HOST}${target(wirePath(c.path), wireQuery(c.query ?? []))}`,
      headers: caseHeaders(c),
      body: c.body ?? null,
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: SECRET_ACCESS_KEY,
      sessionToken: c.sessionToken ? SESSION_TOKEN : null,
      service: SERVICE,
      region: REGION,
      presign: c.presign === true,
      expires: PRESIGN_SECONDS,
    };
    const r = python(['-c', BOTOCORE_SCRIPT], JSON.stringify(spec));
    if (r.status !== 0) throw new Error(`botocore failed: ${r.stderr}`);
    const signed = JSON.parse(r.stdout) as { method: string; url: string; headers: Record<string, string>; body: string | null };
    const url = new URL(signed.url);
    const out: OutgoingRequest = {
      method: signed.method,
      // The raw path and query, exactly as botocore built them (URL keeps them encoded).
      target: signed.url.slice(`${url.protocol}//${url.host}`.length),
      // botocore leaves Host to the HTTP layer; it signed the URL's host.
      headers: { Host: url.host, ...signed.headers },
      ...(signed.body !== null ? { body: signed.body } : {}),
    };
    await send(port, out);
  },
};

export const curl: Signer = {
  name: 'curl --aws-sigv4',
  unavailable: () => {
    const r = spawnSync('curl', ['--help', 'all'], { encoding: 'utf8' });
    if (r.error || r.status !== 0) return 'curl is not installed';
    return r.stdout.includes('--aws-sigv4') ? undefined : 'this curl has no --aws-sigv4 (needs 7.75+)';
  },
  unsupported: (c) => (c.presign ? 'curl signs requests in the Authorization header only' : undefined),
  async signAndSend(c, port) {
    const headers = Object.entries({
      ...caseHeaders(c),
      ...(c.sessionToken ? { 'x-amz-security-token': SESSION_TOKEN } : {}),
    }).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
    // curl 7.x signs the query exactly as given, so give it in canonical order.
    const query = wireQuery(sortedPairs(c.query ?? []));
    const args = [
      '-s', '-g', '-o', '/dev/null', '--max-time', '20',
      '--aws-sigv4', `aws:amz:${REGION}:${SERVICE}`,
      '--user', `${ACCESS_KEY_ID}:${SECRET_ACCESS_KEY}`,
      '--connect-to', `::127.0.0.1:${port}`,
      '-X', c.method,
      ...headers,
      ...(c.body !== undefined ? ['--data-binary', c.body] : []),
      `http://${HOST}${target(wirePath(c.path), query)}`,
    ];
    // Asynchronously: the capture server runs on this very event loop.
    await new Promise<void>((resolve, reject) => {
      const child = spawn('curl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`curl failed (${code}): ${stderr}`))));
    });
  },
};

export function curlVersion(): string {
  return spawnSync('curl', ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0] ?? 'curl';
}

export const SIGNERS: Signer[] = [smithy, aws4Signer, botocore, curl];
