/**
 * crossgate's command line: `run` the features, `serve` the embedded AWS, `report merge`
 * sharded compliance reports.
 * Exit codes: 0 all passed, 1 a check (control) failed, 2 a usage or configuration error,
 * 130 interrupted (SIGINT/SIGTERM; the reports written are partial and say so).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG_FILE } from './config/load.ts';
import { redact, redactError } from './secrets/redact.ts';
import { UserError } from './util/userError.ts';
import { isLoopback } from './util/isLoopback.ts';
import { RUN_USAGE } from './cli/runUsage.ts';

const USAGE = `usage:
  crossgate run   [--profile default|aws] [--config FILE] [--estate FILE] [--controls FILE…] [--reports DIR]
                  [--tags EXPR] [--name REGEXP] [--shard i/n] [--partial] [--dry-run]
                  [--compare-to OLD.json [--accept FILE]] [FEATURE_PATH…] [-- cucumber-js options…]
  crossgate serve [--port 4577] [--host 127.0.0.1] [--estate estates/seed.json] [--faults FILE]
  crossgate steps [--markdown]
  crossgate baseline write [--config FILE] [--role ROLE…]
  crossgate report merge <compliance.json…> [--out DIR] [--controls FILE]
  crossgate report formats [--markdown]
  crossgate report diff OLD.json NEW.json [--accept FILE] [--out DIR]
  crossgate report verify DIR [--expect SHA256]
  crossgate report pdf [DIR|compliance.html] [--out FILE]
  crossgate estate generate --accounts N --apis M --routes R --roles K [--seed S] [--out DIR]
  crossgate estate import cloudformation|terraform|aws …
  crossgate init  [--estate estate.json] [--out DIR]
  crossgate --version | --help | <command> --help`;

/** Each command's own usage, for `crossgate <command> --help`. */
const COMMAND_USAGE: Record<string, string> = {
  run: RUN_USAGE,
  serve: `usage: crossgate serve [--port 4577] [--host 127.0.0.1] [--estate estates/seed.json] [--faults FILE]

Starts the embedded AWS alone (STS, IAM, Access Analyzer, API Gateway v2, execute-api) on
loopback, loaded with the estate, until SIGINT/SIGTERM. Any AWS client can use it with
--endpoint-url / AWS_ENDPOINT_URL and the estate's documented access keys.`,
  steps: `usage: crossgate steps [--markdown] [--profile NAME]

Lists every step crossgate defines, with its description, an example and, for table
and doc-string steps, an example of the argument (--markdown: the form of docs/steps.md).`,
  baseline: `usage: crossgate baseline write [--config FILE] [--role ROLE…]

Records each role's permission policies under the baselines folder, for
CheckNoNewAccess ('grant no new access compared to its baseline').`,
  report: `usage: crossgate report merge <compliance.json…> [--out DIR] [--controls FILE]
       crossgate report diff OLD.json NEW.json [--accept FILE] [--out DIR]
       crossgate report verify DIR [--expect SHA256]
       crossgate report pdf [DIR|compliance.html] [--out FILE] [--chromium PATH]
       crossgate report formats [--markdown]

merge: one report from the compliance reports of sharded jobs (run --shard i/n); every
shard 1..n of one run must be given exactly once. diff: drift between two runs. verify:
a reports folder against its manifest. pdf: the HTML report printed. formats: the report
files a run writes.`,
  estate: `usage: crossgate estate generate --accounts N --apis M --routes R --roles K [--seed S] [--region us-east-1] [--out reports/estate]
       crossgate estate import cloudformation|terraform|aws …  (crossgate estate import --help)

generate: a deterministic estate of that size, with its config, features and controls.`,
  init: `usage: crossgate init [--estate estate.json] [--out .] [--force]

A starting project from an estate: a config for the embedded AWS and one for real
accounts, controls, features and baselines to review.`,
};

function wantsHelp(args: string[]): boolean {
  const own = args.indexOf('--') === -1 ? args : args.slice(0, args.indexOf('--'));
  return own.includes('--help') || own.includes('-h');
}


async function steps(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { markdown: { type: 'boolean', default: false }, profile: { type: 'string', default: 'default' } } });
  const { loadCatalogue, renderMarkdown, renderText } = await import('./cli/steps.ts');
  const { entries, undocumented } = await loadCatalogue(values.profile);
  process.stdout.write(values.markdown ? renderMarkdown(entries) : renderText(entries));
  for (const p of undocumented) process.stderr.write(`note: step '${p}' is not defined through step() and has no description\n`);
  return 0;
}

/** `baseline write`: record each role's permission policies as CheckNoNewAccess's baseline. */
async function baseline(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb !== 'write') throw new UserError(`unknown baseline command '${verb ?? ''}' (try: crossgate baseline write)`);
  const { values } = parseArgs({ args: rest, options: { config: { type: 'string', default: DEFAULT_CONFIG_FILE }, role: { type: 'string', multiple: true } } });
  const { startHarness } = await import('./checks/harness.ts');
  const { writeBaseline } = await import('./checks/analyzer.ts');
  const harness = await startHarness(values.config!);
  try {
    const roles = values.role ?? Object.keys(harness.config.roles);
    for (const role of roles) process.stdout.write(`wrote ${await writeBaseline(harness, role)}\n`);
  } finally {
    await harness.close();
  }
  return 0;
}

/** crossgate's own port: not LocalStack's 4566, so the two can run side by side. */
const DEFAULT_PORT = 4577;

async function serve(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: String(DEFAULT_PORT) }, host: { type: 'string', default: '127.0.0.1' }, estate: { type: 'string' },
      world: { type: 'string' }, faults: { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port: '${values.port}' is not a port number`);
  const host = values.host!;
  if (values.world !== undefined) deprecated('--world', '--estate');
  const { loadEstate, startEmulator } = await import('./emulator/index.ts');
  const { loadFaultPlan } = await import('./emulator/faults.ts');
  const state = loadEstate(values.estate ?? values.world ?? 'estates/seed.json');
  const faults = values.faults === undefined ? undefined : loadFaultPlan(values.faults, '--faults');
  if (!isLoopback(host)) {
    process.stderr.write(
      `WARNING: the embedded AWS is listening on ${host}, not on loopback. Its users' access keys are published in\n` +
      `crossgate's documentation: anyone who can reach this address can act as them. Use --host 127.0.0.1 unless you mean it.\n`,
    );
  }
  let emulator;
  try {
    emulator = await startEmulator({
      state, host, port, faults,
      onFault: (e) => process.stderr.write(`crossgate: fault injected: ${e.fault} on ${e.service} ${e.operation} (call ${e.call})\n`),
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') throw new UserError(`cannot listen on ${host}:${port}: ${code}`);
    throw err;
  }
  process.stdout.write(`crossgate embedded AWS listening on ${emulator.url}\n`);
  if (faults) process.stderr.write(`crossgate: injecting faults (${faults.faults.length} rule${faults.faults.length === 1 ? '' : 's'}) from ${values.faults}: answers are deliberately wrong\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void emulator.close().then(() => {
        process.stdout.write(`crossgate embedded AWS stopped (${signal})\n`);
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

/** Old names keep working for one release, with a line saying what replaces them. */
function deprecated(old: string, replacement: string): void {
  process.stderr.write(`crossgate: ${old} is deprecated and will be removed in the next release; use ${replacement}\n`);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    // `estate import` and `init` have their own help.
    if (command && COMMAND_USAGE[command] && wantsHelp(rest) && !(command === 'estate' && rest[0] === 'import')) {
      process.stdout.write(`${COMMAND_USAGE[command]}\n`);
      return 0;
    }
    switch (command) {
      case 'run': {
        const { run } = await import('./cli/run.ts');
        return await run(rest);
      }
      case 'serve':
        return await serve(rest);
      case 'steps':
        return await steps(rest);
      case 'baseline':
        return await baseline(rest);
      case 'init': {
        const { init } = await import('./cli/init.ts');
        return await init(rest);
      }
      case 'report': {
        const { report } = await import('./cli/report.ts');
        return await report(rest);
      }
      case 'world':
      case 'estate': {
        if (command === 'world') deprecated("'crossgate world'", "'crossgate estate'");
        const { estate } = await import('./cli/estate.ts');
        return await estate(rest);
      }
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UserError(`unknown command '${command}'\n${USAGE}`);
    }
  } catch (err) {
    if (err instanceof UserError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`crossgate: ${redact((err as Error).message)}\n`);
      return 2;
    }
    throw redactError(err);
  }
}
