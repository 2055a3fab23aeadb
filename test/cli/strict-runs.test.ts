/**
 * A run that did not check what it claims never passes, and a usage or configuration
 * mistake is exit 2 with its cause, before any scenario runs: each mistake a new user
 * makes on the command line, and each way a run can check less than it says.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crossgate } from '../report/support.ts';
import type { ComplianceReport } from '../../src/report/index.ts';
import { mergeReports } from '../../src/report/merge.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'crossgate-strict-'));
const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'compliance.json'), 'utf8')) as ComplianceReport;

/** No report file, or none left empty. */
function noEmptyReports(dir: string): void {
  for (const f of ['compliance.json', 'junit.xml']) {
    const file = join(dir, f);
    if (existsSync(file)) assert.ok(statSync(file).size > 0, `${f} is empty`);
  }
}

describe('usage and configuration mistakes exit 2 with their cause, before any scenario runs', () => {
  const cases: { name: string; args: string[]; cause: RegExp }[] = [
    { name: 'a misspelled tag matches nothing', args: ['--tags', '@stattic'], cause: /nothing to check: no scenario matches .*@stattic/ },
    { name: 'a misspelled tag after --', args: ['--', '--tags', '@stattic'], cause: /nothing to check/ },
    { name: 'a feature path that does not exist', args: ['--features', 'features/nope.feature'], cause: /feature path features\/nope\.feature does not exist/ },
    { name: 'a positional feature path that does not exist', args: ['features/nope.feature'], cause: /feature path features\/nope\.feature does not exist/ },
    { name: 'an unknown profile', args: ['--profile', 'bogus'], cause: /--profile bogus: .*unknown profile 'bogus'[\s\S]*fix: use one of the profiles: default, aws/ },
    { name: 'a tag expression that does not parse', args: ['--', '--tags', '@static and'], cause: /is not a tag expression/ },
    { name: 'an unknown cucumber-js option', args: ['--', '--bogus-flag'], cause: /unknown option '--bogus-flag'/ },
    { name: 'a controls catalogue that does not exist', args: ['--controls', 'nope.json'], cause: /controls: nope\.json: cannot read file/ },
    { name: 'a config file that does not exist', args: ['--config', 'nope.config.json'], cause: /nope\.config\.json[\s\S]*fix: create nope\.config\.json/ },
    { name: 'an estate file that does not exist', args: ['--estate', 'estates/nope.json'], cause: /estates\/nope\.json/ },
    { name: 'an unknown crossgate option', args: ['--bogus'], cause: /Unknown option '--bogus'/ },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const dir = tmp();
      const r = crossgate(['run', '--reports', dir, ...c.args]);
      assert.equal(r.exitCode, 2, `${c.name}: exit ${r.exitCode}\n${r.stdout}${r.stderr}`);
      assert.match(r.stderr, c.cause, r.stderr);
      assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace for a user mistake');
      assert.doesNotMatch(r.stdout, /PASSED/, 'never PASSED');
      noEmptyReports(dir);
    });
  }

  test('a misspelled step: the closest crossgate step first, in a few lines, and exit 2', () => {
    const dir = tmp();
    const feature = join(dir, 'typo.feature');
    writeFileSync(feature, 'Feature: typo\n  Scenario: typo\n    Then the role ApiInvokerRole trust the account B\n');
    const r = crossgate(['run', '--reports', join(dir, 'reports'), feature]);
    assert.equal(r.exitCode, 2, r.stdout + r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.ok(lines.length <= 4, `a few lines:\n${r.stderr}`);
    assert.match(r.stderr, /no crossgate step matches "the role ApiInvokerRole trust the account B"\n\s+fix: did you mean: Then the role \{role\} trusts the account \{account\}/);
  });

  test('--dry-run with an undefined step is a usage error (2), never PASSED', () => {
    const dir = tmp();
    const feature = join(dir, 'typo.feature');
    writeFileSync(feature, 'Feature: typo\n  Scenario: typo\n    Then the role ApiInvokerRole trust the account B\n');
    const r = crossgate(['run', '--reports', join(dir, 'reports'), '--', '--dry-run', feature]);
    assert.equal(r.exitCode, 2, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout, /PASSED/);
  });

  test('on the aws target, principals whose profiles are missing are a preflight error, not failed controls', () => {
    const dir = tmp();
    const env = { AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '' };
    const r = crossgate(['run', '--profile', 'aws', '--config', 'crossgate.aws.example.json', '--reports', join(dir, 'reports')], env);
    assert.equal(r.exitCode, 2, r.stdout + r.stderr);
    for (const p of ['crossgate-ci-caller', 'crossgate-bystander', 'crossgate-outsider', 'crossgate-auditor']) assert.match(r.stderr, new RegExp(`fix: define the profile '${p}'`), p);
    assert.doesNotMatch(r.stdout + r.stderr, /controls failed/);
    assert.ok(!existsSync(join(dir, 'reports', 'compliance.json')), 'no compliance report: no control was checked');
  });
});

describe('a run that checked less than it claims never passes', () => {
  test('--dry-run writes a report that is never PASSED', () => {
    const dir = tmp();
    const r = crossgate(['run', '--reports', dir, '--', '--dry-run']);
    assert.notEqual(read(dir).verdict, 'passed', r.stdout);
    assert.equal(read(dir).verdict, 'not-checked');
    assert.doesNotMatch(r.stdout, /PASSED/);
  });

  test('a control of the catalogue that did not run fails the run unless it is declared partial', () => {
    const dir = tmp();
    const controls = join(dir, 'extra-controls.json');
    writeFileSync(controls, JSON.stringify({ controls: { 'XACCT-EXTRA-01': { title: 'A control no feature checks', layer: 'static' } } }));
    const r = crossgate(['run', '--reports', join(dir, 'strict'), '--controls', 'controls.json', '--controls', controls]);
    assert.equal(r.exitCode, 1, r.stdout + r.stderr);
    const report = read(join(dir, 'strict'));
    assert.equal(report.verdict, 'failed');
    assert.ok(report.controls.some((c) => c.id === 'XACCT-TRUST-03'), 'the repeated --controls merge: the bundled catalogue is kept');
    assert.match(report.problems.join('\n'), /XACCT-EXTRA-01/);
    assert.match(r.stderr, /did not run: XACCT-EXTRA-01/);

    const partial = crossgate(['run', '--reports', join(dir, 'partial'), '--controls', 'controls.json', '--controls', controls, '--partial']);
    assert.equal(partial.exitCode, 0, partial.stdout + partial.stderr);
    assert.equal(read(join(dir, 'partial')).verdict, 'partial');
    assert.match(partial.stdout, /PARTIAL/);
  });

  test('a tag filter declares the run partial and the report records the selection, digests and commit', () => {
    const dir = tmp();
    const r = crossgate(['run', '--reports', dir, '--tags', '@static']);
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    const { verdict, run } = read(dir);
    assert.equal(verdict, 'partial');
    assert.equal(run.selection?.tags, '(@static)');
    assert.deepEqual(run.selection?.partialBecause, ['tags']);
    assert.deepEqual(run.selection?.paths, ['features/**/*.feature']);
    for (const k of ['config', 'estate', 'controls'] as const) assert.match(run.digests?.[k] ?? '', /^[0-9a-f]{64}$/, k);
    assert.match(run.identity ?? '', /^[0-9a-f]{64}$/, 'identity');
    assert.ok(run.git?.commit, 'the commit');
  });

  test('a table step without its table is a clear step error, and the run still writes its reports', () => {
    const dir = tmp();
    const feature = join(dir, 'no-table.feature');
    writeFileSync(feature, 'Feature: no table\n  Scenario: pasted without its table\n    Then the policies of the role OrdersReadOnlyRole allow exactly these routes of the HTTP API "orders":\n');
    const r = crossgate(['run', '--reports', join(dir, 'reports'), feature]);
    assert.equal(r.exitCode, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /this step needs a data table under it, for example:\n\s+\| route/);
    assert.doesNotMatch(r.stdout, /table\.raw is not a function/);
    for (const f of ['compliance.json', 'junit.xml', 'messages.ndjson']) assert.ok(statSync(join(dir, 'reports', f)).size > 0, f);
  });
});

describe('report merge holds each shard 1..n exactly once, from one run', () => {
  const dir = tmp();
  const shard = (i: number, n: number, extra: string[] = []) => {
    const out = join(dir, `s${i}-${n}${extra.length ? '-x' : ''}`);
    const r = crossgate(['run', '--reports', out, '--shard', `${i}/${n}`, ...extra]);
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    return join(out, 'compliance.json');
  };
  const s1 = shard(1, 2);
  const s2 = shard(2, 2);

  test('both shards merge into a PASSED report', () => {
    const r = crossgate(['report', 'merge', s1, s2, '--out', join(dir, 'merged')]);
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.equal(read(join(dir, 'merged')).verdict, 'passed');
  });

  test('a missing shard fails the merge', () => {
    const r = crossgate(['report', 'merge', s1, '--out', join(dir, 'm1')]);
    assert.equal(r.exitCode, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /shard 2\/2 is missing/);
  });

  test('the same shard twice fails the merge', () => {
    const r = crossgate(['report', 'merge', s1, s1, '--out', join(dir, 'm2')]);
    assert.equal(r.exitCode, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /shard 1\/2 is given 2 times/);
  });

  test('shards of different runs do not merge', () => {
    const other = shard(2, 2, ['--tags', '@static or @e2e or @simulation or @analyzer']);
    const r = crossgate(['report', 'merge', s1, other, '--out', join(dir, 'm3')]);
    assert.equal(r.exitCode, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /come from different runs/);
  });

  test('mergeReports refuses a report that is not a shard', () => {
    const whole = read(join(dir, 'merged'));
    assert.throws(() => mergeReports([whole]), /already a merged report/);
  });
});

describe('steps and snippets', () => {
  test('crossgate steps shows every table and doc-string step with an example of its argument', async () => {
    const r = crossgate(['steps']);
    assert.equal(r.exitCode, 0, r.stderr);
    const lines = r.stdout.split('\n');
    const tableSteps = lines.map((l, i) => [l, i] as const).filter(([l]) => /^ {6}e\.g\. .*:$/.test(l));
    assert.ok(tableSteps.length >= 4, `${tableSteps.length} table steps`);
    for (const [l, i] of tableSteps) assert.match(lines[i + 1] ?? '', /^\s+(\| .* \||""")$/, `an example table or doc string under: ${l}`);
  });

  test("an undefined step's snippet is one definition, not every permutation of parameter types", async () => {
    const { default: Syntax } = await import('../../src/cli/snippetSyntax.ts');
    const snippet = new Syntax().build({
      comment: 'Write code here',
      functionName: 'Then',
      generatedExpressions: [{ source: 'the role {word} trusts {int}', parameterNames: ['word', 'int'] }, { source: 'the role {string} trusts {int}', parameterNames: ['string', 'int'] }],
      stepParameterNames: [],
    });
    assert.equal((snippet.match(/^step\(/gm) ?? []).length, 1, snippet);
    assert.doesNotMatch(snippet, /\{string\}/, 'only the first expression');
  });
});

describe('the command line a user expects', () => {
  test('--help on every command prints its usage and exits 0; --version prints the version', () => {
    for (const args of [['run'], ['serve'], ['steps'], ['baseline'], ['report'], ['estate'], ['estate', 'import'], ['init']]) {
      const r = crossgate([...args, '--help']);
      assert.equal(r.exitCode, 0, `${args.join(' ')} --help: ${r.stderr}`);
      assert.match(r.stdout, /^usage:/, `${args.join(' ')} --help prints its usage`);
    }
    const v = crossgate(['--version']);
    assert.equal(v.exitCode, 0, 'version exit');
    assert.match(v.stdout, /^\d+\.\d+\.\d+/, 'the version');
  });
});
