// Variants of the server to find where the per-request CPU goes.
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { loadWorld, startEmulator } from '../src/emulator/index.ts';
const mode = process.argv[2];
if (mode === 'emulator') {
  const e = await startEmulator({ state: loadWorld('worlds/seed.json') });
  console.log(`listening on ${e.url}`);
} else {
  const body = 'x'.repeat(829);
  const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
    const chunks: Buffer[] = [];
    new Promise<Buffer>((resolve) => { req.on('data', (c: Buffer) => chunks.push(c)); req.on('end', () => resolve(Buffer.concat(chunks))); req.on('error', () => resolve(Buffer.alloc(0))); req.on('close', () => resolve(Buffer.alloc(0))); }).then((b) => {
      if (mode === 'wire') {
        const headers: [string, string][] = []; for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
        void req.headers.host; void req.socket.remoteAddress; void req.headers['user-agent']; createHash('sha256').update(b).digest('hex');
      }
      res.writeHead(200, { 'content-type': 'application/json', 'apigw-requestid': 'abc', 'x-amzn-requestid': 'abc', 'content-length': 829 });
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${(server.address() as { port: number }).port}`));
}
