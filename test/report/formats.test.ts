/**
 * One registry of report formats (src/report/formats.ts): the built-in profiles ask
 * Cucumber for its formats from it, the writer writes crossgate's from it, CI and
 * docs/reports.md list them from it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cucumberSources } from '../../src/cli/profiles.ts';
import { assembleReport } from '../../src/report/assemble.ts';
import { COMPLIANCE_FORMATS, CUCUMBER_FORMATS, formatsMarkdown, REPORT_FORMATS } from '../../src/report/formats.ts';
import { writeReports } from '../../src/report/writeReports.ts';
import { REPO } from '../support/emulator.ts';

test('docs/reports.md shows the registry as it is (npx crossgate report formats --markdown)', () => {
  const doc = readFileSync(join(REPO, 'docs', 'reports.md'), 'utf8');
  const start = doc.indexOf('\n', doc.indexOf('<!-- formats:')) + 1;
  const end = doc.indexOf('<!-- /formats -->');
  assert.ok(start > 0 && end > start, 'docs/reports.md has the formats block');
  assert.equal(doc.slice(start, end), formatsMarkdown(), 'the table in docs/reports.md is stale: regenerate it');
});

test('the built-in profiles ask Cucumber for every Cucumber format of the registry, under reports/', () => {
  const argv = cucumberSources('default', mkdtempSync(join(tmpdir(), 'crossgate-formats-'))).argv;
  for (const f of CUCUMBER_FORMATS) {
    if (f.plugin) assert.ok(argv.some((a) => a.endsWith(`${f.plugin}.ts":"reports/${f.file}"`)), `--format <src/report/${f.plugin}.ts>:reports/${f.file}`);
    else assert.ok(argv.includes(`${f.formatter}:reports/${f.file}`), `--format ${f.formatter}:reports/${f.file}`);
  }
  assert.ok(argv.some((a) => a.endsWith(`:"reports/compliance.json"`)), 'the compliance formatter writes reports/compliance.json');
});

test('the writer writes every compliance format of the registry, and nothing else', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crossgate-formats-'));
  try {
    const report = assembleReport({ run: { crossgateVersion: '0', target: 'embedded', accounts: {}, success: true, environment: {} }, scenarios: [], catalog: {}, generatorVersion: '0' });
    const { files } = writeReports(report, { dir, cwd: REPO, env: {} });
    assert.deepEqual(readdirSync(dir).sort(), COMPLIANCE_FORMATS.map((f) => f.file).sort(), 'files in the folder');
    assert.equal(files.length, COMPLIANCE_FORMATS.length, 'files reported');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('file names are unique', () => {
  assert.equal(new Set(REPORT_FORMATS.map((f) => f.file)).size, REPORT_FORMATS.length, 'unique files');
});
