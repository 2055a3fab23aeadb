import bench from './bench/policy.bench.ts';
(globalThis as any).__crossgateOnly = true;
await bench.run({ quick: true, log: console.log }).catch(e => console.log(e.message));
