// crossgate as a user gets it: the packed tarball installed into an empty project, offline,
// then run there. The install takes the tarball and the dependency versions crossgate's own
// package-lock.json pins, from npm's local cache (filled by the `npm ci` that set up this
// checkout); devDependencies are absent, so the run also proves none is needed at run time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO = process.cwd();

function sh(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' }, timeout: 300_000 });
}

/** A lockfile for a project depending on the tarball alone: crossgate's runtime tree as its own lock pins it. */
function projectLock(tarball: string): object {
  const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Record<string, unknown>;
  const packages: Record<string, unknown> = {
    '': { name: 'user-project', dependencies: { crossgate: `file:${tarball}` } },
    'node_modules/crossgate': {
      version: manifest.version, resolved: `file:${tarball}`, license: manifest.license,
      dependencies: manifest.dependencies, bin: manifest.bin, engines: manifest.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) if (path !== '' && !entry.dev) packages[path] = entry;
  return { name: 'user-project', lockfileVersion: 3, requires: true, packages };
}

test('the packed tarball installs offline into an empty project and runs there', { timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'crossgate-pack-'));
  const packed = sh('npm', ['pack', '--silent', '--pack-destination', dir], REPO);
  assert.equal(packed.status, 0, `npm pack: ${packed.stderr}`);
  const tarball = join(dir, packed.stdout.trim().split('\n').pop()!);
  assert.ok(existsSync(tarball), `the tarball ${tarball}`);

  const listing = sh('tar', ['-tzf', tarball], dir).stdout.split('\n');
  assert.ok(listing.includes('package/dist/src/cli.js'), 'the compiled CLI is in the package');
  assert.ok(listing.includes('package/dist/src/index.d.ts'), 'typed exports are in the package');
  for (const p of listing) assert.doesNotMatch(p, /^package\/(src|test|bench|steps)\//, `${p}: the package ships compiled code, not sources or tests`);

  const project = join(dir, 'project');
  sh('mkdir', ['-p', project], dir);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module', dependencies: { crossgate: `file:${tarball}` } }));
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify(projectLock(tarball)));
  const install = sh('npm', ['ci', '--offline', '--no-audit', '--no-fund'], project);
  assert.equal(install.status, 0, `npm ci --offline: ${install.stderr}`);
  assert.ok(!existsSync(join(project, 'node_modules', 'typescript')), 'devDependencies are not installed');

  const version = sh('npx', ['--no-install', 'crossgate', '--version'], project);
  assert.equal(version.stdout.trim(), (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version, 'crossgate --version');

  // A new user's first steps: an estate, `crossgate init` on it, then `crossgate run` with no arguments.
  writeFileSync(join(project, 'estate.json'), readFileSync(join(project, 'node_modules', 'crossgate', 'estates', 'seed.json')));
  const init = sh('npx', ['--no-install', 'crossgate', 'init', '--estate', 'estate.json'], project);
  assert.equal(init.status, 0, `crossgate init: ${init.stdout}\n${init.stderr}`);
  for (const f of ['crossgate.config.json', 'controls.json', 'REVIEW.md']) assert.ok(existsSync(join(project, f)), `init writes ${f}`);
  assert.ok(readdirSync(join(project, 'features')).some((f) => f.endsWith('.feature')), 'init writes features');
  const run = sh('npx', ['--no-install', 'crossgate', 'run', '--reports', 'gen/reports'], project);
  assert.equal(run.status, 0, `crossgate run: ${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, /crossgate: PASSED/, 'the verdict line');
  const reports = readdirSync(join(project, 'gen', 'reports'));
  for (const f of ['compliance.json', 'compliance.md', 'compliance.html', 'compliance.sarif', 'junit.xml']) assert.ok(reports.includes(f), `${f} is written`);
  const compliance = JSON.parse(readFileSync(join(project, 'gen', 'reports', 'compliance.json'), 'utf8')) as { verdict: string };
  assert.equal(compliance.verdict, 'passed', 'compliance.json says passed');
});
