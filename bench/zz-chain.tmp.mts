import { createHash } from 'node:crypto';
import { loadWorld } from '../src/emulator/index.ts';
import { invoke } from '../src/emulator/services/executeapi/index.ts';
import { assumeRole } from '../src/emulator/services/sts/model.ts';
import { prepare, sign } from '../src/aws/http.ts';
const state = loadWorld('worlds/seed.json');
const caller = state.credentials.get('AKIACICALLER00000002')!;
const out = assumeRole(state, caller, { roleArn: 'arn:aws:iam::111111111111:role/ApiInvokerRole', roleSessionName: 'bench' }, new Date());
const wires = await Promise.all(Array.from({ length: 64 }, async (_, i) => {
  const p = await sign(prepare({ method: 'GET', url: new URL(`https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/orders/${i}`) }), { credentials: out.credentials, region: 'us-east-1' });
  return { method: 'GET', path: p.url.pathname, query: '', headers: Object.entries(p.headers) as [string, string][], bodySha256: createHash('sha256').update('').digest('hex') };
}));
const N = 60000;
for (let r = 0; r < 4; r++) {
  const c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    const res = invoke({ state, now: new Date(), requestId: 'abc', sourceIp: '127.0.0.1', userAgent: 'ua', wire: wires[i % 64]!, apiId: 'a1b2c3d4e5', apiPath: wires[i % 64]!.path, domainName: 'x' });
    if (res.status !== 200) throw new Error(String(res.status) + res.body);
  }
  const c = process.cpuUsage(c0);
  console.log(`${(((c.user + c.system) / N)).toFixed(1)} µs/request`);
}
