/**
 * The execute-api data plane: signed, authorized requests per second through the
 * embedded AWS (`crossgate serve`, seed estate: route, SigV4 verification, IAM
 * evaluation of execute-api:Invoke, the mock integration) against a bare node:http
 * server returning the same answer byte for byte. Same client (undici, one keep-alive
 * pool), same pre-signed requests, same concurrency; each server in its own process.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { prepare, sign } from '../src/aws/http.ts';
import { assumeRole } from '../src/aws/sts.ts';
import { drive, onlyStatus, pool, type WireRequest } from './load.ts';
import { REPO, scratchDir, startEmbedded, startServer } from './processes.ts';
import { formatRate, median, type Bench, type BenchEntry } from './support.ts';

const CI_CALLER = { accessKeyId: 'AKIACICALLER00000002', secretAccessKey: 'YGHwWL2l3ZV43k5DLh1Q1n3VzcE76b2DFiEe7bbx' };
const API_HOST = 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';
export const CONCURRENCY = 16;

const bench: Bench = {
  name: 'execute-api data plane: embedded AWS vs bare node:http',
  async run({ quick, log }) {
    const rounds = quick ? 3 : 5;
    const perRound = quick ? 1_500 : 4_000;
    const embedded = await startEmbedded(join(REPO, 'estates', 'seed.json'));
    let bare: Awaited<ReturnType<typeof startServer>> | undefined;
    const agent = pool(CONCURRENCY);
    try {
      const target = { kind: 'embedded' as const, region: 'us-east-1', endpoint: embedded.url };
      const session = await assumeRole(target, CI_CALLER, 'ci-caller', { roleArn: 'arn:aws:iam::111111111111:role/ApiInvokerRole', sessionName: 'crossgate-bench' });
      // Signed anew each round: a signature is good for five minutes.
      const signedRequests = async (): Promise<WireRequest[]> =>
        Promise.all(Array.from({ length: 64 }, async (_, i) => {
          const prepared = await sign(prepare({ method: 'GET', url: new URL(`https://${API_HOST}/orders/${i + 1}`) }), { credentials: session.credentials, region: 'us-east-1' });
          return { method: 'GET', path: prepared.url.pathname, headers: prepared.headers };
        }));
      const sample = (await signedRequests())[0]!;
      const answer = await request(embedded.url + sample.path, { method: 'GET', headers: sample.headers });
      const body = await answer.body.text();
      if (answer.statusCode !== 200) throw new Error(`the embedded AWS answered ${answer.statusCode}: ${body}`);
      const keep = ['content-type', 'apigw-requestid', 'x-amzn-requestid'];
      const headers = Object.fromEntries(keep.map((k) => [k, String(answer.headers[k])]));
      const answerFile = join(scratchDir('dataplane'), 'answer.json');
      writeFileSync(answerFile, JSON.stringify({ status: 200, headers, body }));
      bare = await startServer(process.execPath, [join(import.meta.dirname, 'probes', 'bareServer.mjs'), answerFile], /listening on (http:\/\/\S+)/);
      // Warm-up: V8 needs some thousands of requests before its optimised code settles.
      const warmUp = quick ? 5_000 : 15_000;
      log(`${rounds} rounds of ${perRound} GET requests after ${warmUp} to warm up, ${CONCURRENCY} in flight, one answer body of ${Buffer.byteLength(body)} bytes`);
      const reqs = await signedRequests();
      onlyStatus(await drive(embedded.url, reqs, warmUp, CONCURRENCY, agent), 200, 'embedded AWS');
      onlyStatus(await drive(bare.url, reqs, warmUp, CONCURRENCY, agent), 200, 'bare node:http');

      const crossgateRates: number[] = [];
      const baselineRates: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const fresh = await signedRequests();
        const c = await drive(embedded.url, fresh, perRound, CONCURRENCY, agent);
        onlyStatus(c, 200, 'embedded AWS');
        const b = await drive(bare.url, fresh, perRound, CONCURRENCY, agent);
        onlyStatus(b, 200, 'bare node:http');
        crossgateRates.push(c.perSecond);
        baselineRates.push(b.perSecond);
      }
      log(`embedded AWS rounds: ${crossgateRates.map(formatRate).join(' ')} req/s`);
      log(`bare node:http rounds: ${baselineRates.map(formatRate).join(' ')} req/s`);
      // Each round measures both back to back: the median of the per-round ratios is steadier than a ratio of medians on a busy machine.
      const ratios = crossgateRates.map((c, i) => c / baselineRates[i]!);
      log(`ratio per round: ${ratios.map((r) => r.toFixed(2)).join(' ')}`);
      const entry: BenchEntry = { name: 'executeapi.signedAuthorized.throughput', unit: 'req/s', crossgate: median(crossgateRates), baseline: median(baselineRates), ratio: median(ratios) };
      return [entry];
    } finally {
      await agent.close();
      await bare?.stop();
      await embedded.stop();
    }
  },
};

export default bench;
