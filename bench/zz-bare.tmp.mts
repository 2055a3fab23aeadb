import { prepare, sign } from '../src/aws/http.ts';
import { drive, pool } from './load.ts';
const url = process.argv[2]!;
const reqs = await Promise.all(Array.from({ length: 64 }, async (_, i) => { const p = await sign(prepare({ method: 'GET', url: new URL(`https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/orders/${i}`) }), { credentials: { accessKeyId: 'ASIAXXXXXXXXXXXXXXXX', secretAccessKey: 'x'.repeat(40), sessionToken: 'IQ' + 'y'.repeat(300) }, region: 'us-east-1' }); return { method: 'GET', path: p.url.pathname, headers: p.headers }; }));
const agent = pool(16);
for (let i = 0; i < 3; i++) { const r = await drive(url, reqs, 4000, 16, agent); console.log(r.perSecond.toFixed(0)); }
await agent.close();
