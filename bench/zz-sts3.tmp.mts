import { Agent, request } from 'undici';
import { prepare, sign } from '../src/aws/http.ts';
const origin = process.argv[2]!;
const agent = new Agent({ connections: 8 });
const CI = { accessKeyId: 'AKIACICALLER00000002', secretAccessKey: 'YGHwWL2l3ZV43k5DLh1Q1n3VzcE76b2DFiEe7bbx' };
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const tag = (x: string, n: string) => new RegExp(`<${n}>([^<]*)</${n}>`).exec(x)![1]!;
let signMs = 0, reqMs = 0;
async function call(body: string, c: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  const t0 = performance.now();
  const s = await sign(prepare({ method: 'POST', url: new URL(`${origin}/`), body, headers: { 'content-type': FORM } }), { credentials: c, region: 'us-east-1', service: 'sts' });
  const t1 = performance.now(); signMs += t1 - t0;
  const res = await request(`${origin}/`, { method: 'POST', headers: s.headers, body, dispatcher: agent }); const text = await res.body.text();
  reqMs += performance.now() - t1;
  if (res.statusCode !== 200) throw new Error(text); return text;
}
for (let r = 0; r < 3; r++) {
  const t0 = performance.now(); let n = 0; signMs = 0; reqMs = 0; const c0 = process.cpuUsage();
  await Promise.all(Array.from({ length: Number(process.env.C ?? 8) }, async () => { while (performance.now() - t0 < 2000) {
    const a = await call(`Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent('arn:aws:iam::111111111111:role/ApiInvokerRole')}&RoleSessionName=crossgate-bench`, CI);
    await call('Action=GetCallerIdentity&Version=2011-06-15', { accessKeyId: tag(a, 'AccessKeyId'), secretAccessKey: tag(a, 'SecretAccessKey'), sessionToken: tag(a, 'SessionToken') }); n++; } }));
  const c = process.cpuUsage(c0);
  console.log('pairs/s', (n / ((performance.now() - t0) / 1000)).toFixed(0), 'sign ms/call', (signMs / n / 2).toFixed(2), 'req ms/call', (reqMs / n / 2).toFixed(2), 'client cpu µs/pair', ((c.user + c.system) / n).toFixed(0));
}
await agent.close();
