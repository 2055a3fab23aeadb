import { prepare, sign } from '/work/main/src/aws/http.ts';
import { assumeRole } from '/work/main/src/aws/sts.ts';
import { drive, pool } from '/work/main/bench/load.ts';
const url = process.argv[2]!;
const session = await assumeRole({ kind: 'embedded', region: 'us-east-1', endpoint: url }, { accessKeyId: 'AKIACICALLER00000002', secretAccessKey: 'YGHwWL2l3ZV43k5DLh1Q1n3VzcE76b2DFiEe7bbx' }, 'ci', { roleArn: 'arn:aws:iam::111111111111:role/ApiInvokerRole', sessionName: 'xx' });
const reqs = await Promise.all(Array.from({ length: 64 }, async (_, i) => { const p = await sign(prepare({ method: 'GET', url: new URL(`https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/orders/${i}`) }), { credentials: session.credentials, region: 'us-east-1' }); return { method: 'GET', path: p.url.pathname, headers: p.headers }; }));
const agent = pool(16);
for (let i = 0; i < 3; i++) { const r = await drive(url, reqs, 4000, 16, agent); console.log(r.perSecond.toFixed(0), [...r.statuses]); }
await agent.close();
