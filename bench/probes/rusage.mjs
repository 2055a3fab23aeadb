// Loaded with --import into processes a benchmark spawns (crossgate run and its
// workers): on exit, appends this process's CPU time and peak RSS to the file that
// CROSSGATE_BENCH_RUSAGE names, one JSON line per process.
import { appendFileSync } from 'node:fs';

const file = process.env.CROSSGATE_BENCH_RUSAGE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    appendFileSync(file, `${JSON.stringify({ pid: process.pid, userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000, maxRssKb: u.maxRSS })}\n`);
  });
}
