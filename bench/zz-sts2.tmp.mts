import { Agent, request } from 'undici';
import { prepare, sign } from '../src/aws/http.ts';
const origin = process.argv[2]!;
const agent = new Agent({ connections: 8 });
const CI = { accessKeyId: 'AKIACICALLER00000002', secretAccessKey: 'YGHwWL2l3ZV43k5DLh1Q1n3VzcE76b2DFiEe7bbx' };
const body = `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent('arn:aws:iam::111111111111:role/ApiInvokerRole')}&RoleSessionName=crossgate-bench`;
const signed = await sign(prepare({ method: 'POST', url: new URL(`${origin}/`), body, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } }), { credentials: CI, region: 'us-east-1', service: 'sts' });
for (let r = 0; r < 3; r++) {
  const t0 = performance.now(); let n = 0;
  await Promise.all(Array.from({ length: 8 }, async () => { while (performance.now() - t0 < 2000) { const res = await request(`${origin}/`, { method: 'POST', headers: signed.headers, body, dispatcher: agent }); await res.body.text(); if (res.statusCode !== 200) throw new Error(String(res.statusCode)); n++; } }));
  console.log('AssumeRole/s', (n / ((performance.now() - t0) / 1000)).toFixed(0));
}
await agent.close();
