// The baseline of the data-plane benchmark: a bare node:http server answering every
// request with the same status, headers and body as the embedded AWS's integration.
// Reads the answer from the JSON file named by argv[2]; prints its URL when listening.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const answer = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const headers = { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) };
const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  });
});
server.listen(0, '127.0.0.1', () => console.log(`bare node:http listening on http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
