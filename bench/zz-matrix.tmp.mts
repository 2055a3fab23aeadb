import bench from './matrix.bench.ts';
console.log(await bench.run({ quick: true, log: console.log }));
