/**
 * Processes the benchmarks start: servers (the embedded AWS, a bare node:http server,
 * moto_server) and timed runs of crossgate, with their CPU time and peak memory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const REPO = join(import.meta.dirname, '..');
export const BIN = join(REPO, 'bin', 'crossgate.js');
const RUSAGE_PROBE = join(import.meta.dirname, 'probes', 'rusage.mjs');

export interface RunningServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Start a server process and wait for the line that gives its URL. */
export function startServer(command: string, args: string[], ready: RegExp, opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {}): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd ?? REPO, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const stop = () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      });
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${command} ${args.join(' ')} did not start within ${opts.timeoutMs ?? 60_000} ms:\n${output.slice(-2000)}`));
    }, opts.timeoutMs ?? 60_000);
    const onLine = (line: string) => {
      output += `${line}\n`;
      const m = ready.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child, stop });
      }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${code}) before it was ready:\n${output.slice(-2000)}`));
    });
  });
}

/** The embedded AWS as users start it: `crossgate serve --port 0 --estate FILE`. */
export function startEmbedded(estate: string): Promise<RunningServer> {
  return startServer(process.execPath, [BIN, 'serve', '--port', '0', '--estate', estate], /listening on (http:\/\/\S+)/);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Whether python3 can run moto's server (moto 5). */
export function motoAvailable(): boolean {
  return spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' }).status === 0;
}

export async function startMoto(): Promise<RunningServer> {
  const port = await freePort();
  return startServer('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], /Running on (http:\/\/127\.0\.0\.1:\d+)/, { timeoutMs: 60_000 });
}

export interface TimedRun {
  exitCode: number | null;
  wallMs: number;
  /** User + system CPU time of the process and every Node.js process it started. */
  cpuMs: number;
  /** The largest peak RSS of any of those processes, and their sum. */
  maxRssMb: number;
  sumRssMb: number;
  processes: number;
  stdout: string;
  stderr: string;
}

/** Run `node bin/crossgate.js …args` to completion, measuring it. */
export function timedCrossgate(args: string[], env: NodeJS.ProcessEnv = {}): Promise<TimedRun> {
  return timedNode([BIN, ...args], { env });
}

/** Run `node …args` (in `cwd`, the repository by default) to completion, measuring it and every Node.js process it starts. */
export function timedNode(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<TimedRun> {
  const env = opts.env ?? {};
  const dir = mkdtempSync(join(tmpdir(), 'crossgate-bench-'));
  const usage = join(dir, 'rusage.ndjson');
  const nodeOptions = `${process.env.NODE_OPTIONS ?? ''} --import ${RUSAGE_PROBE}`.trim();
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: opts.cwd ?? REPO,
      env: { ...process.env, GITHUB_STEP_SUMMARY: '', ...env, NODE_OPTIONS: nodeOptions, CROSSGATE_BENCH_RUSAGE: usage },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('close', (exitCode) => {
      const wallMs = performance.now() - started;
      const lines = existsSync(usage) ? readFileSync(usage, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { userMs: number; systemMs: number; maxRssKb: number }) : [];
      rmSync(dir, { recursive: true, force: true });
      resolve({
        exitCode, wallMs, stdout, stderr, processes: lines.length,
        cpuMs: lines.reduce((s, l) => s + l.userMs + l.systemMs, 0),
        maxRssMb: Math.max(0, ...lines.map((l) => l.maxRssKb / 1024)),
        sumRssMb: lines.reduce((s, l) => s + l.maxRssKb / 1024, 0),
      });
    });
  });
}

/** A fresh temporary directory, removed when the process exits. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `crossgate-bench-${prefix}-`));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
