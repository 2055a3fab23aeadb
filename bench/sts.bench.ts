/**
 * STS: AssumeRole and then GetCallerIdentity with the new session's credentials,
 * pairs per second, through the embedded AWS (`crossgate serve`, seed estate: the
 * caller's policies and the role's trust policy evaluated) against moto_server (moto
 * 5, the Python AWS emulator). Same client (undici, SigV4 by @smithy/signature-v4),
 * same concurrency, both on loopback. Skipped, with a note, when moto is not installed.
 */
import { join } from 'node:path';
import { request, type Agent } from 'undici';
import { prepare, sign } from '../src/aws/http.ts';
import { pool } from './load.ts';
import { motoAvailable, REPO, startEmbedded, startMoto, type RunningServer } from './processes.ts';
import { formatRate, median, type Bench } from './support.ts';

const CI_CALLER = { accessKeyId: 'AKIACICALLER00000002', secretAccessKey: 'YGHwWL2l3ZV43k5DLh1Q1n3VzcE76b2DFiEe7bbx' };
const ROLE_ARN = 'arn:aws:iam::111111111111:role/ApiInvokerRole';
const CONCURRENCY = 8;
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';

function tag(xml: string, name: string): string {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  if (!m) throw new Error(`no <${name}> in the answer: ${xml.slice(0, 300)}`);
  return m[1]!;
}

async function call(agent: Agent, origin: string, body: string, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Promise<string> {
  const signed = await sign(prepare({ method: 'POST', url: new URL(`${origin}/`), body, headers: { 'content-type': FORM } }), { credentials, region: 'us-east-1', service: 'sts' });
  const res = await request(`${origin}/`, { method: 'POST', headers: signed.headers, body, dispatcher: agent });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`${origin}: ${res.statusCode} ${text.slice(0, 300)}`);
  return text;
}

/** One AssumeRole, then GetCallerIdentity as the session. */
async function pair(agent: Agent, origin: string): Promise<void> {
  const assumed = await call(agent, origin, `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(ROLE_ARN)}&RoleSessionName=crossgate-bench`, CI_CALLER);
  const session = { accessKeyId: tag(assumed, 'AccessKeyId'), secretAccessKey: tag(assumed, 'SecretAccessKey'), sessionToken: tag(assumed, 'SessionToken') };
  const who = await call(agent, origin, 'Action=GetCallerIdentity&Version=2011-06-15', session);
  if (!tag(who, 'Arn').includes(':assumed-role/ApiInvokerRole/')) throw new Error(`${origin}: GetCallerIdentity answered ${tag(who, 'Arn')}`);
}

/** Pairs per second over a round of at least `minMs`, `CONCURRENCY` pairs in flight. */
async function round(agent: Agent, origin: string, minMs: number): Promise<number> {
  let done = 0;
  const started = performance.now();
  const worker = async () => {
    while (performance.now() - started < minMs) {
      await pair(agent, origin);
      done++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return done / ((performance.now() - started) / 1000);
}

const bench: Bench = {
  name: 'STS AssumeRole + GetCallerIdentity: embedded AWS vs moto_server',
  async run({ quick, log }) {
    if (!motoAvailable()) {
      log('skipped: moto is not installed in python3 (pip install "moto[server]")');
      return [];
    }
    const rounds = quick ? 3 : 5;
    const minMs = quick ? 1_000 : 2_000;
    const servers: RunningServer[] = [];
    const agent = pool(CONCURRENCY);
    try {
      const embedded = await startEmbedded(join(REPO, 'estates', 'seed.json'));
      servers.push(embedded);
      const moto = await startMoto();
      servers.push(moto);
      // Warm-up: V8 needs several seconds of this traffic (SDK, XML, policy code) before its
      // optimised code settles; Python has no such phase, one round is plenty for moto.
      const warmUpMs = quick ? 4_000 : 8_000;
      log(`${rounds} rounds of ≥${minMs} ms each after a warm-up (${warmUpMs / 1000} s for the embedded AWS, one round for moto), ${CONCURRENCY} pairs in flight; moto at ${moto.url}`);
      await round(agent, embedded.url, warmUpMs);
      await round(agent, moto.url, minMs);
      const crossgateRates: number[] = [];
      const baselineRates: number[] = [];
      for (let r = 0; r < rounds; r++) {
        crossgateRates.push(await round(agent, embedded.url, minMs));
        baselineRates.push(await round(agent, moto.url, minMs));
      }
      log(`embedded AWS rounds: ${crossgateRates.map(formatRate).join(' ')} pairs/s`);
      log(`moto_server rounds: ${baselineRates.map(formatRate).join(' ')} pairs/s`);
      // Each round measures both back to back: the median of the per-round ratios is steadier than a ratio of medians on a busy machine.
      const ratios = crossgateRates.map((c, i) => c / baselineRates[i]!);
      log(`ratio per round: ${ratios.map((r) => r.toFixed(1)).join(' ')}`);
      return [{ name: 'sts.assumeRoleAndGetCallerIdentity.throughput', unit: 'pairs/s', crossgate: median(crossgateRates), baseline: median(baselineRates), ratio: median(ratios) }];
    } finally {
      await agent.close();
      for (const s of servers) await s.stop();
    }
  },
};

export default bench;
