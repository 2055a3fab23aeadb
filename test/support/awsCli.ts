/**
 * The AWS CLI for tests. A CLI call costs about a second of Python start-up, so when
 * the CLI's own driver can be imported, commands run through it in one long-lived
 * interpreter (aws_cli_batch.py); otherwise each one spawns `aws`. Either way the
 * requests are the CLI's own: its argument parsing, signing, parsing and output.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Creds } from './signing.ts';

export interface CliResult { status: number | null; stdout: string; stderr: string }

/** Environment for a CLI call as `creds`, isolated from the machine's own AWS configuration. */
export function cliEnv(creds: Creds): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_MAX_ATTEMPTS: '1',
    ...(creds.sessionToken ? { AWS_SESSION_TOKEN: creds.sessionToken } : {}),
  };
}

const UNSET = ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_IAM', 'AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL_APIGATEWAYV2'];

/** Spawn a command without blocking the event loop (an in-process emulator must keep answering). */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (err) => resolve({ status: null, stdout, stderr: String(err) }));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Spawn the `aws` executable on PATH once. */
export function awsExecutable(creds: Creds, args: string[]): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...cliEnv(creds) };
  for (const k of UNSET) if (!(k in cliEnv(creds))) delete env[k];
  return run('aws', args, env);
}

export class AwsCli {
  private batch?: ChildProcessWithoutNullStreams;
  private replies: ((line: string) => void)[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  /** Uses the in-process driver when python3 can import the CLI. */
  start(): void {
    if (spawnSync('python3', ['-c', 'import awscli.clidriver'], { stdio: 'ignore' }).status !== 0) return;
    this.batch = spawn('python3', [join(import.meta.dirname, 'aws_cli_batch.py')]);
    createInterface({ input: this.batch.stdout }).on('line', (line) => this.replies.shift()?.(line));
  }

  stop(): void {
    this.batch?.stdin.end();
    this.batch = undefined;
  }

  /** One CLI command as `creds`; commands run one after another. */
  call(creds: Creds, args: string[]): Promise<CliResult> {
    const next = this.queue.then(() => this.send(creds, args));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private send(creds: Creds, args: string[]): Promise<CliResult> {
    const batch = this.batch;
    if (!batch) return awsExecutable(creds, args);
    return new Promise((resolve) => {
      this.replies.push((line) => resolve(JSON.parse(line) as CliResult));
      batch.stdin.write(`${JSON.stringify({ args, env: cliEnv(creds), unset: UNSET.filter((k) => !(k in cliEnv(creds))) })}\n`);
    });
  }
}
