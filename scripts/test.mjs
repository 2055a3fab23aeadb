// Runs every test/**/*.test.ts (or the files and folders given) with node's test runner (Node 20 has no glob in --test).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'fixtures' || name === 'cases' ? [] : walk(p);
    return p.endsWith('.test.ts') ? [p] : [];
  });
}

// Arguments are test files or folders (a folder means every test file under it).
const only = process.argv.slice(2);
const files = only.length > 0 ? only.flatMap((p) => (statSync(p).isDirectory() ? walk(p).sort() : [p])) : walk('test').sort();
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
