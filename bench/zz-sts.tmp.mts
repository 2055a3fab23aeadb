import bench from './sts.bench.ts';
const entries = await bench.run({ quick: true, log: console.log });
console.log(entries);
