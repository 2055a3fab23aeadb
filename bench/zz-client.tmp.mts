import { iamClient } from '../src/aws/clients.ts';
const t = { kind: 'embedded' as const, region: 'us-east-1', endpoint: 'http://127.0.0.1:1' };
const c = { accessKeyId: 'AKIAX', secretAccessKey: 'y' };
for (let r = 0; r < 3; r++) { const s = performance.now(); for (let i = 0; i < 200; i++) iamClient(t, c).destroy(); console.log(((performance.now() - s) / 200).toFixed(2), 'ms per client'); }
