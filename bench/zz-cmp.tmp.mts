import { readFileSync } from 'node:fs';
import { prepare, sign } from '../src/aws/http.ts';
import { assumeRole } from '../src/aws/sts.ts';
import { drive, pool } from './load.ts';
import { startServer } from './processes.ts';
function cpuMs(pid: number) { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; }
const servers = await Promise.all(['emulator', 'promise', 'wire'].map((m) => startServer(process.execPath, ['--import', 'tsx', 'bench/zz-variant.tmp.mts', m], /listening on (http:\/\/\S+)/)));
const s = await assumeRole({ kind: 'embedded', region: 'us-east-1', endpoint: servers[0]!.url }, { accessKeyId: 'AKIACICALLER00000002', secretAccessKey: 'YGHwWL2l3ZV43k5DLh1Q1n3VzcE76b2DFiEe7bbx' }, 'ci', { roleArn: 'arn:aws:iam::111111111111:role/ApiInvokerRole', sessionName: 'xx' });
const reqs = await Promise.all(Array.from({ length: 64 }, async (_, i) => { const p = await sign(prepare({ method: 'GET', url: new URL(`https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/orders/${i}`) }), { credentials: s.credentials, region: 'us-east-1' }); return { method: 'GET', path: p.url.pathname, headers: p.headers }; }));
const agent = pool(32);
for (let r = 0; r < 3; r++) for (const [i, name] of ['emulator', 'promise', 'wire'].entries()) {
  const srv = servers[i]!; const c0 = cpuMs(srv.child.pid!);
  const res = await drive(srv.url, reqs, 6000, 32, agent);
  console.log(name.padEnd(9), res.perSecond.toFixed(0).padStart(6), 'req/s  server', ((cpuMs(srv.child.pid!) - c0) * 1000 / 6000).toFixed(0), 'µs/req', [...res.statuses].join(' '));
}
await agent.close(); for (const s2 of servers) await s2.stop();
