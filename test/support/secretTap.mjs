// Test-only preload (node --import): records every secret the embedded AWS hands out
// (STS session credentials, IAM access keys) as it writes them on the wire, one per
// line, to $CROSSGATE_SECRET_TAP. Loaded into `crossgate run` and its parallel workers
// by the redaction test, so the test knows exactly which secrets a run used without
// crossgate itself ever writing one anywhere.
import { appendFileSync } from 'node:fs';
import { ServerResponse } from 'node:http';

const file = process.env.CROSSGATE_SECRET_TAP;
if (file) {
  const SECRET = /<(SecretAccessKey|SessionToken)>([^<]+)<\/\1>|"(SecretAccessKey|SessionToken)"\s*:\s*"([^"]+)"/g;
  const scan = (chunk) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const text = Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
    const found = [...text.matchAll(SECRET)].map((m) => m[2] ?? m[4]);
    if (found.length) appendFileSync(file, found.map((s) => `${s}\n`).join(''));
  };
  for (const method of ['write', 'end']) {
    const original = ServerResponse.prototype[method];
    ServerResponse.prototype[method] = function (chunk, ...rest) {
      scan(chunk);
      return original.call(this, chunk, ...rest);
    };
  }
}
