/**
 * No secret a run used appears in any report or in the console: the seed users'
 * secret access keys and every STS session secret and token the embedded AWS issued.
 *
 * How the test knows the session secrets without crossgate ever writing one: it
 * preloads test/support/secretTap.mjs into `crossgate run` (and, through
 * NODE_OPTIONS, its parallel workers); the tap copies each secret the embedded AWS
 * writes on the wire (AssumeRole's <SecretAccessKey> and <SessionToken>) to a file
 * outside the reports directory. Production code has no such hook.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO } from '../support/emulator.ts';
import { runReports, estate, type ReportRun } from './support.ts';

function seedSecrets(): string[] {
  const seed = JSON.parse(readFileSync(join(REPO, 'estates', 'seed.json'), 'utf8')) as { accounts: { users?: { accessKeys?: { secretAccessKey: string }[] }[] }[] };
  return seed.accounts.flatMap((a) => a.users ?? []).flatMap((u) => u.accessKeys ?? []).map((k) => k.secretAccessKey);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Every form of a secret that would count as a leak: whole, URL-encoded, or a token's telling start. */
function forms(secret: string): string[] {
  const out = new Set([secret, encodeURIComponent(secret)]);
  if (secret.length > 60) out.add(secret.slice(0, 40));
  return [...out];
}

function leaks(run: ReportRun, secrets: string[]): string[] {
  const texts: [string, string][] = [['stdout', run.stdout], ['stderr', run.stderr], ...filesUnder(run.reportsDir).map((f): [string, string] => [f.slice(run.reportsDir.length + 1), readFileSync(f, 'utf8')])];
  const found: string[] = [];
  for (const [where, text] of texts) {
    for (const s of secrets) if (forms(s).some((f) => text.includes(f))) found.push(`${where}: a secret starting ${s.slice(0, 4)}…`);
  }
  return found;
}

describe('redaction: no secret in any report or log', () => {
  const runs: { name: string; run: ReportRun; tapped: string[] }[] = [];

  before(() => {
    const cases: [string, string[]][] = [
      ['seed', ['--parallel', '2']],
      ['caller-policy-missing', []],
      ['trust-any-account', []],
    ];
    for (const [name, cucumberArgs] of cases) {
      const tap = join(mkdtempSync(join(tmpdir(), 'crossgate-tap-')), 'secrets.txt');
      const env = {
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${pathToFileURL(join(REPO, 'test', 'support', 'secretTap.mjs')).href}`.trim(),
        CROSSGATE_SECRET_TAP: tap,
      };
      const run = runReports(estate(name), { cucumberArgs, env });
      let tapped: string[] = [];
      try {
        tapped = readFileSync(tap, 'utf8').split('\n').filter(Boolean);
      } catch {
        // nothing tapped: asserted below
      }
      runs.push({ name, run, tapped });
    }
  });

  test('the runs used session credentials (the tap saw them), and wrote their reports', () => {
    for (const { name, run, tapped } of runs) {
      assert.ok(run.report, `${name}: compliance.json (${run.stderr})`);
      // In caller-policy-missing no role can be assumed: only the seed keys are in play.
      if (name === 'caller-policy-missing') continue;
      assert.ok(tapped.length >= 2, `${name}: ${tapped.length} secrets tapped`);
      assert.ok(tapped.some((t) => t.startsWith('IQoJ')), `${name}: a session token was tapped`);
    }
    for (const { name, run } of runs) assert.equal(run.exitCode, run.report?.verdict === 'passed' ? 0 : 1, name);
    assert.equal(runs[1]!.run.exitCode, 1);
    assert.equal(runs[2]!.run.exitCode, 1);
  });

  for (const name of ['seed', 'caller-policy-missing', 'trust-any-account']) {
    test(`${name}: no seed key, session secret or session token in reports/, stdout or stderr`, () => {
      const { run, tapped } = runs.find((r) => r.name === name)!;
      const secrets = [...new Set([...seedSecrets(), ...tapped])];
      assert.deepEqual(leaks(run, secrets), []);
    });
  }
});
