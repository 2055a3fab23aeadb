#!/usr/bin/env node
// crossgate's command line. An installed package runs the compiled JavaScript in dist/;
// a checkout whose TypeScript sources are newer than dist/ (or that has no dist/) runs
// the sources through tsx, so an edit takes effect without a build.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

// The version needs nothing loaded.
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n`);
  process.exit(0);
}

// Node.js 20 is crossgate's runtime; the SDK versions in package-lock.json support it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** The newest modification time under a folder of sources, or 0. */
function newest(dir) {
  let t = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : e.name.endsWith('.ts') ? statSync(p).mtimeMs : 0);
  }
  return t;
}

function fromSources() {
  if (process.env.CROSSGATE_FROM_SOURCE === '1') return true;
  if (!existsSync(join(root, 'src', 'cli.ts'))) return false; // an installed package ships dist/ only
  const compiled = join(root, 'dist', 'src', 'cli.js');
  if (!existsSync(compiled)) return true;
  const built = statSync(compiled).mtimeMs;
  return newest(join(root, 'src')) > built || newest(join(root, 'steps')) > built;
}

let main;
if (fromSources()) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli.ts'));
} else {
  ({ main } = await import('../dist/src/cli.js'));
}
process.exitCode = await main(args);
