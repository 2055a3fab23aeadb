/**
 * A failing run's reports folder, sealed: manifest.json lists every report file with
 * its SHA-256, compliance.json carries the manifest's digest, compliance.json.sha256
 * compliance.json's; `report verify` passes on the folder as written and names any file
 * changed, missing or added. The console ends with the failed controls and their causes
 * and prints no attachment; JUnit test names carry control ids and outline values.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crossgate, runReports, estate, REPO_BASELINES, type ReportRun } from './support.ts';
import type { Manifest } from '../../src/report/manifest.ts';
import { listFiles } from '../../src/report/manifest.ts';
import type { ComplianceReport } from '../../src/report/model.ts';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('the sealed reports of a failing run (estates/broken/readonly-may-delete.json)', () => {
  let run: ReportRun;
  let work: string;

  before(() => {
    run = runReports(estate('readonly-may-delete'), { config: REPO_BASELINES });
    assert.equal(run.exitCode, 1, run.stdout + run.stderr);
    work = mkdtempSync(join(tmpdir(), 'crossgate-seal-'));
  });

  /** A copy of the reports folder to tamper with. */
  function copy(name: string): string {
    const dir = join(work, name);
    cpSync(run.reportsDir, dir, { recursive: true });
    return dir;
  }

  test('manifest.json lists every other file with its digest; compliance.json and the console carry the digests', () => {
    const dir = run.reportsDir;
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const listed = manifest.files.map((f) => f.path).sort();
    assert.deepEqual(listed, listFiles(dir).filter((f) => !['manifest.json', 'compliance.json', 'compliance.json.sha256'].includes(f)), 'every other file, nothing else');
    for (const f of ['junit.xml', 'cucumber.html', 'messages.ndjson', 'compliance.md', 'compliance.html', 'compliance.sarif']) assert.ok(listed.includes(f), f);
    for (const f of manifest.files) assert.equal(f.sha256, sha256(join(dir, f.path)), f.path);
    const report = JSON.parse(readFileSync(join(dir, 'compliance.json'), 'utf8')) as ComplianceReport;
    assert.deepEqual(report.integrity, { manifest: 'manifest.json', algorithm: 'sha256', sha256: sha256(join(dir, 'manifest.json')) });
    const reportDigest = sha256(join(dir, 'compliance.json'));
    assert.equal(readFileSync(join(dir, 'compliance.json.sha256'), 'utf8'), `${reportDigest}  compliance.json\n`, 'sha256sum format');
    assert.ok(run.stdout.includes(`sha256:${report.integrity!.sha256}`), 'the console prints the manifest digest');
    assert.ok(run.stdout.includes(`compliance.json sha256:${reportDigest}`), 'and compliance.json\'s');
  });

  test('report verify: exit 0 on the folder as written, also against the anchored digest', () => {
    let r = crossgate(['report', 'verify', run.reportsDir]);
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /intact: \d+ files match manifest\.json/);
    const anchor = sha256(join(run.reportsDir, 'compliance.json'));
    r = crossgate(['report', 'verify', run.reportsDir, '--expect', anchor]);
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    r = crossgate(['report', 'verify', run.reportsDir, '--expect', 'f'.repeat(64)]);
    assert.equal(r.exitCode, 1, 'another anchored digest fails');
    assert.match(r.stdout, /changed: compliance\.json/);
  });

  test('report verify names a changed, a missing and an added file (exit 1)', () => {
    const dir = copy('tampered');
    appendFileSync(join(dir, 'compliance.md'), '\nall good\n');
    rmSync(join(dir, 'junit.xml'));
    writeFileSync(join(dir, 'extra.txt'), 'x');
    const r = crossgate(['report', 'verify', dir]);
    assert.equal(r.exitCode, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /NOT intact/);
    assert.match(r.stdout, /changed: compliance\.md/);
    assert.match(r.stdout, /missing: junit\.xml/);
    assert.match(r.stdout, /added: +extra\.txt/);
  });

  test('editing compliance.json, or the manifest to match an edit, is caught', () => {
    let dir = copy('report-edited');
    const file = join(dir, 'compliance.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"verdict": "failed"', '"verdict": "passed"'));
    let r = crossgate(['report', 'verify', dir]);
    assert.equal(r.exitCode, 1, r.stdout);
    assert.match(r.stdout, /changed: compliance\.json/);

    dir = copy('manifest-edited');
    appendFileSync(join(dir, 'compliance.html'), '<!-- edited -->');
    const manifestFile = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    manifest.files.find((f) => f.path === 'compliance.html')!.sha256 = sha256(join(dir, 'compliance.html'));
    writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    r = crossgate(['report', 'verify', dir]);
    assert.equal(r.exitCode, 1, r.stdout);
    assert.match(r.stdout, /changed: manifest\.json/);
    assert.match(r.stdout, /manifest\.json does not match the digest compliance\.json records/);
  });

  test('report verify on a folder without a manifest, or a broken one, is a usage error naming the file', () => {
    const empty = mkdtempSync(join(work, 'empty-'));
    let r = crossgate(['report', 'verify', empty]);
    assert.equal(r.exitCode, 2);
    assert.ok(r.stderr.includes(join(empty, 'manifest.json')), r.stderr);
    const dir = copy('bad-manifest');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ schemaVersion: '1.0.0', algorithm: 'sha256', files: [{ path: 'a', sha256: 'xyz', bytes: 1 }] }));
    r = crossgate(['report', 'verify', dir]);
    assert.equal(r.exitCode, 2);
    assert.ok(r.stderr.includes(`${join(dir, 'manifest.json')}: /files/0/sha256: must match pattern`), r.stderr);
    r = crossgate(['report', 'verify', dir, '--expect', 'nope']);
    assert.equal(r.exitCode, 2);
  });

  test('report pdf without its input or its browser is a usage error that says what is missing', () => {
    let r = crossgate(['report', 'pdf', join(work, 'nowhere')]);
    assert.equal(r.exitCode, 2);
    assert.ok(r.stderr.includes(join(work, 'nowhere')), r.stderr);
    r = crossgate(['report', 'pdf', run.reportsDir, '--out', join(work, 'x.pdf'), '--chromium', join(work, 'no-chromium')]);
    assert.equal(r.exitCode, 2);
    assert.ok(r.stderr.includes(`needs Chromium at ${join(work, 'no-chromium')}`), r.stderr);
  });

  test('the console ends with each failed control, its title and its cause, and prints no attachment', () => {
    const report = run.report!;
    const failed = report.controls.filter((c) => c.status === 'failed');
    assert.ok(failed.length >= 2, 'several controls failed');
    const lines = run.stdout.trimEnd().split('\n');
    const tail = lines.slice(-2 * failed.length);
    for (const [i, c] of failed.entries()) {
      assert.equal(tail[2 * i], `  ✖ ${c.id} ${c.title}`, 'id and title');
      assert.equal(tail[2 * i + 1], `      ${c.cause}`, 'the cause on one line');
    }
    assert.match(lines[lines.length - 2 * failed.length - 1]!, /^crossgate: FAILED: \d+ of \d+ controls failed/);
    assert.ok(!run.stdout.includes('Attachment ('), 'no attachment lines on the console');
    assert.ok(!run.stdout.includes('application/vnd.crossgate.evidence+json'), 'no evidence media type on the console');
  });

  test('JUnit test names carry the control ids and an outline row\'s values', () => {
    const xml = readFileSync(join(run.reportsDir, 'junit.xml'), 'utf8');
    const names = [...xml.matchAll(/<testcase [^>]*name="([^"]*)"/g)].map((m) => m[1]!);
    assert.ok(names.length === run.report!.scenarios.length, `${names.length} test cases`);
    assert.ok(names.every((n) => /^XACCT-[A-Z0-9]+-\d+ /.test(n)), `every name starts with its control id: ${names.filter((n) => !/^XACCT-/.test(n)).join('; ')}`);
    assert.ok(names.some((n) => /^XACCT-TRUST-01 .* \[outsider\]$/.test(n)), `an outline row names its example: ${names.filter((n) => n.startsWith('XACCT-TRUST-01')).join('; ')}`);
    assert.ok(!names.some((n) => /#\d+\.\d+/.test(n)), 'no row numbers');
  });
});
