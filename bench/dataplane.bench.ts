/**
 * The execute-api data plane: signed, authorized requests per second through the
 * embedded AWS (`crossgate serve`, seed world: route, SigV4 verification, IAM
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
    const embedded = await startEmbedded(join(REPO, 'worlds', 'seed.json'));
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
      log(`${rounds} rounds of ${perRound} GET requests (after one warm-up round each), ${CONCURRENCY} in flight, one answer body of ${Buffer.byteLength(body)} bytes`);

      const crossgateRates: number[] = [];
      const baselineRates: number[] = [];
      for (let round = 0; round <= rounds; round++) {
        const reqs = await signedRequests();
        const c = await drive(embedded.url, reqs, perRound, CONCURRENCY, agent);
        onlyStatus(c, 200, 'embedded AWS');
        const b = await drive(bare.url, reqs, perRound, CONCURRENCY, agent);
        onlyStatus(b, 200, 'bare node:http');
        if (round === 0) continue; // warm-up
        crossgateRates.push(c.perSecond);
        baselineRates.push(b.perSecond);
      }
      log(`embedded AWS rounds: ${crossgateRates.map(formatRate).join(' ')} req/s`);
      log(`bare node:http rounds: ${baselineRates.map(formatRate).join(' ')} req/s`);
      const crossgate = median(crossgateRates);
      const baseline = median(baselineRates);
      const entry: BenchEntry = { name: 'executeapi.signedAuthorized.throughput', unit: 'req/s', crossgate, baseline, ratio: crossgate / baseline };
      return [entry];
    } finally {
      await agent.close();
      await bare?.stop();
      await embedded.stop();
    }
  },
};

export default bench;
