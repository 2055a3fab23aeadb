import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepare, sign } from '../src/aws/http.ts';
import { assumeRole } from '../src/aws/sts.ts';
import { drive, pool } from './load.ts';
import { REPO, startEmbedded, startServer } from './processes.ts';
function cpuMs(pid: number) { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; }
const e = await startEmbedded(join(REPO, 'worlds', 'seed.json'));
const s = await assumeRole({ kind: 'embedded', region: 'us-east-1', endpoint: e.url }, { accessKeyId: 'AKIACICALLER00000002', secretAccessKey: 'YGHwWL2l3ZV43k5DLh1Q1n3VzcE76b2DFiEe7bbx' }, 'ci', { roleArn: 'arn:aws:iam::111111111111:role/ApiInvokerRole', sessionName: 'xx' });
const reqs = await Promise.all(Array.from({ length: 64 }, async (_, i) => { const p = await sign(prepare({ method: 'GET', url: new URL(`https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/orders/${i}`) }), { credentials: s.credentials, region: 'us-east-1' }); return { method: 'GET', path: p.url.pathname, headers: p.headers }; }));
writeFileSync('/tmp/ans.json', JSON.stringify({ status: 200, headers: { 'content-type': 'application/json' }, body: 'x'.repeat(829) }));
const b = await startServer(process.execPath, [join(REPO, 'bench/probes/bareServer.mjs'), '/tmp/ans.json'], /listening on (http:\/\/\S+)/);
const agent = pool(Number(process.env.C));
for (let r = 0; r < 3; r++) for (const [name, srv] of [['embedded', e], ['bare', b]] as const) {
  const c0 = cpuMs(srv.child.pid!); const m0 = process.cpuUsage();
  const res = await drive(srv.url, reqs, 6000, Number(process.env.C), agent);
  const c1 = cpuMs(srv.child.pid!); const m = process.cpuUsage(m0);
  console.log(name.padEnd(9), res.perSecond.toFixed(0).padStart(6), 'req/s  server', ((c1 - c0) * 1000 / 6000).toFixed(0), 'µs/req  client', ((m.user + m.system) / 6000).toFixed(0), 'µs/req');
}
await agent.close(); await e.stop(); await b.stop();
