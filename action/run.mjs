// The GitHub Action's run step (action.yml). Inputs arrive as INPUT_* environment variables,
// as the runner sets them; outputs go to $GITHUB_OUTPUT and the Markdown report to
// $GITHUB_STEP_SUMMARY. Exits with crossgate's own exit code, so a failed control fails the job.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const input = (name) => (process.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim();

/** Shell-like words: spaces separate, single or double quotes group. */
export function words(line) {
  const out = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m;
  while ((m = re.exec(line)) !== null) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

export function crossgateArgs() {
  const args = ['run', '--profile', input('profile') || 'default', '--reports', input('reports') || 'reports'];
  if (input('config')) args.push('--config', input('config'));
  if (input('estate')) args.push('--estate', input('estate'));
  if (input('shard')) args.push('--shard', input('shard'));
  const extra = words(input('args'));
  const dashdash = extra.indexOf('--');
  const own = dashdash === -1 ? extra : extra.slice(0, dashdash);
  const cucumber = dashdash === -1 ? [] : extra.slice(dashdash + 1);
  if (input('tags')) cucumber.push('--tags', input('tags'));
  return [...args, ...own, ...(cucumber.length > 0 ? ['--', ...cucumber] : [])];
}

function output(name, value) {
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

function summarySize(file) {
  return existsSync(file) ? statSync(file).size : 0;
}

function main() {
  const bin = join(fileURLToPath(new URL('..', import.meta.url)), 'bin', 'crossgate.js');
  const args = crossgateArgs();
  const summaryBefore = process.env.GITHUB_STEP_SUMMARY ? summarySize(process.env.GITHUB_STEP_SUMMARY) : 0;
  process.stdout.write(`crossgate ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [bin, ...args], { stdio: 'inherit' });
  const code = r.status ?? 2;
  const reports = resolve(input('reports') || 'reports');
  const json = join(reports, 'compliance.json');
  const markdown = join(reports, 'compliance.md');
  let verdict = 'error';
  if (existsSync(json)) {
    try {
      verdict = JSON.parse(readFileSync(json, 'utf8')).verdict ?? 'error';
    } catch {
      verdict = 'error';
    }
  }
  if (code === 2) verdict = 'error';
  output('exit-code', String(code));
  output('verdict', verdict);
  output('report', json);
  output('markdown', markdown);
  output('sarif', join(reports, 'compliance.sarif'));
  // The seal's anchor (compliance.json.sha256, sha256sum format), for attestations.
  const seal = join(reports, 'compliance.json.sha256');
  const digest = existsSync(seal) ? /^[0-9a-f]{64}/.exec(readFileSync(seal, 'utf8'))?.[0] : undefined;
  output('digest', digest ?? '');
  // crossgate run appends compliance.md to the job summary itself; add it only where it did not.
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (summaryFile && summarySize(summaryFile) === summaryBefore) {
    const summary = existsSync(markdown) && code !== 2
      ? readFileSync(markdown, 'utf8')
      : `## crossgate: no compliance report\n\ncrossgate exited with ${code} before writing ${markdown}; see the job log.\n`;
    appendFileSync(summaryFile, `${summary}\n`);
  }
  process.exitCode = code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
