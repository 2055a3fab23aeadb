/**
 * The report pieces that need no run: a wide access matrix splits into tables of at
 * most MATRIX_COLUMNS_PER_TABLE routes with every cell kept; policy digests ignore key
 * order but not content; a long Markdown cause is whole under the table; JUnit names;
 * drift by principal × route × decision, with accept entries.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assembleReport } from '../../src/report/assemble.ts';
import { diffReports } from '../../src/report/drift.ts';
import { validateDrift } from '../../src/report/driftFiles.ts';
import { MATRIX_COLUMNS_PER_TABLE, renderHtml } from '../../src/report/html.ts';
import { junitTestName } from '../../src/report/junitFormatter.ts';
import { renderMarkdown, TABLE_CAUSE_CHARS } from '../../src/report/markdown.ts';
import type { ComplianceReport, ReportEvidence, ScenarioResult } from '../../src/report/model.ts';
import { canonicalJson, documentDigest } from '../../src/report/policyDigests.ts';
import { validateReport } from '../../src/report/writeReports.ts';

const at = '2026-01-01T00:00:00.000Z';
let n = 0;

function request(actor: string, route: string, status: number, expected?: number): ReportEvidence[] {
  const id = `r${++n}`;
  const [method = 'GET', path = '/'] = route.split(' ');
  const out: ReportEvidence[] = [{ kind: 'request', id, at, method, url: `https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com${path}`, route, signed: true, actor, credentials: 'session', role: 'ApiInvokerRole', status }];
  if (expected !== undefined) out.push({ kind: 'expectation', id: `x${n}`, at, of: id, check: 'status', expected, observed: status, holds: expected === status });
  return out;
}

function scenario(id: string, evidence: ReportEvidence[], over: Partial<ScenarioResult> = {}): ScenarioResult {
  return { id, name: `scenario ${id}`, feature: 'f', uri: 'features/invoke.feature', line: 3, layer: 'e2e', controls: ['XACCT-E2E-01'], tags: ['@control:XACCT-E2E-01'], status: 'passed', steps: [], evidence, ...over };
}

function report(scenarios: ScenarioResult[]): ComplianceReport {
  return assembleReport({
    run: { crossgateVersion: '0.1.0', target: 'embedded', accounts: {}, success: true, environment: {} },
    scenarios,
    catalog: { 'XACCT-E2E-01': { title: 'Invocation', layer: 'e2e' } },
    generatorVersion: '0.1.0',
  });
}

describe('the HTML access matrix', () => {
  test(`splits past ${MATRIX_COLUMNS_PER_TABLE} routes, keeping every cell and the callers in each part`, () => {
    const routes = Array.from({ length: 20 }, (_, i) => `GET /resource-${String(i).padStart(2, '0')}`);
    const r = report([scenario('s1', routes.flatMap((route, i) => [...request('ci-caller', route, 200, 200), ...(i % 2 ? request('outsider', route, 403, 403) : [])]))]);
    const html = renderHtml(r);
    const grid = html.slice(html.indexOf('id="access-matrix-grid"'), html.indexOf('class="legend"'));
    const tables = grid.split('<table class="grid"').slice(1);
    assert.equal(tables.length, Math.ceil(20 / MATRIX_COLUMNS_PER_TABLE), 'tables');
    for (const t of tables) {
      const columns = (t.match(/data-column="/g) ?? []).length;
      assert.ok(columns > 0 && columns <= MATRIX_COLUMNS_PER_TABLE, `${columns} columns in a part`);
      assert.ok(t.includes('data-row="ci-caller as ApiInvokerRole"') && t.includes('data-row="outsider as ApiInvokerRole"'), 'both callers in each part');
      assert.match(t, /part \d of \d/, 'each part says which it is');
    }
    assert.equal((grid.match(/data-cell="/g) ?? []).length, 2 * 20, 'every caller × route cell, exercised or not');
    for (const route of routes) assert.ok(grid.includes(`data-column="${route}"`), route);
  });

  test('a small matrix is one table; the disagreement is marked bad', () => {
    const r = report([scenario('s1', [...request('ci-caller', 'DELETE /orders/42', 200, 403), ...request('ci-caller', 'GET /orders', 200, 200)], { status: 'failed', failure: { step: 'Then', message: 'expected 403, got 200' } })]);
    const html = renderHtml(r);
    assert.equal((html.match(/<table class="grid"/g) ?? []).length, 1);
    assert.match(html, /data-cell="ci-caller as ApiInvokerRole \| DELETE \/orders\/42" data-tone="bad"/);
  });
});

describe('policy digests', () => {
  test('canonical JSON sorts keys at every level and keeps array order', () => {
    assert.equal(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }, 'x'] }), '{"a":[{"c":3,"d":2},"x"],"b":1}');
    assert.equal(documentDigest({ Version: '2012-10-17', Statement: [] }), documentDigest({ Statement: [], Version: '2012-10-17' }), 'key order does not count');
    assert.notEqual(documentDigest({ Statement: [{ Effect: 'Allow' }] }), documentDigest({ Statement: [{ Effect: 'Deny' }] }), 'content does');
  });

  test('the report lists each distinct document once, and validates', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }] };
    const ev = (id: string, document: Record<string, unknown>): ReportEvidence => ({ kind: 'policyDocument', id, at, policyType: 'identity', policyId: 'arn:aws:iam::111111111111:policy/P', document });
    const r = report([scenario('s1', [ev('p1', doc), ev('p2', { ...doc })]), scenario('s2', [ev('p3', { ...doc, Version: '2008-10-17' })])]);
    assert.equal(r.policies?.length, 2, 'two distinct documents of one policy');
    assert.deepEqual(validateReport(r), []);
  });
});

describe('Markdown causes', () => {
  test('a long cause is cut at a word in the table and given whole under it', () => {
    const message = `${'The policy grants execute-api:Invoke on more routes than intended '.repeat(4)}in the state arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/DELETE/*`;
    const md = renderMarkdown(report([scenario('s1', [], { status: 'failed', failure: { step: 'Then', message } })]));
    const row = md.split('\n').find((l) => l.startsWith('| ❌ failed | XACCT-E2E-01'))!;
    assert.ok(row.includes('_(in full below)_'), row);
    assert.ok(row.length < TABLE_CAUSE_CHARS + 120, 'the table cell is short');
    const full = md.split('\n').find((l) => l.startsWith('- **XACCT-E2E-01**'))!;
    assert.ok(full.endsWith('a1b2c3d4e5/$default/DELETE/*'), `the resource at the end survives: ${full}`);
  });
});

describe('JUnit test names', () => {
  test('control ids, the scenario, and an outline row\'s values', () => {
    const tags = [{ name: '@trust' }, { name: '@control:XACCT-TRUST-01' }];
    assert.equal(junitTestName({ example: { cells: [{ value: 'outsider' }] } }, { name: 'Principals cannot assume the role', tags }), 'XACCT-TRUST-01 Principals cannot assume the role [outsider]');
    assert.equal(junitTestName({}, { name: 'Plain', tags: [{ name: '@control:A-1' }, { name: '@control:B-2' }] }), 'A-1 B-2 Plain');
    assert.equal(junitTestName({ example: { cells: [{ value: 'GET' }, { value: '/orders' }] } }, { name: 'No control', tags: [] }), 'No control [GET, /orders]');
  });
});

describe('drift', () => {
  const before = report([scenario('s1', [...request('ci-caller', 'GET /orders', 200, 200), ...request('ci-caller', 'DELETE /orders/42', 403, 403)])]);
  const after = report([scenario('s1', [...request('ci-caller', 'GET /orders', 200, 200), ...request('ci-caller', 'DELETE /orders/42', 200, 403), ...request('outsider', 'GET /orders', 403, 403)], { status: 'failed', failure: { step: 'Then', message: 'expected 403, got 200' } })]);

  test('widened access appears as allowed, the old denial disappears, a new denial does not widen', () => {
    const d = diffReports({ file: 'old.json', report: before }, { file: 'new.json', report: after }, { generatorVersion: '0' });
    assert.deepEqual(validateDrift(d), []);
    assert.equal(d.widened, true);
    assert.deepEqual(d.access.appeared.map((a) => [a.principal, a.route, a.decision, a.widens]), [
      ['ci-caller as ApiInvokerRole', 'DELETE /orders/42', 'allowed', true],
      ['outsider as ApiInvokerRole', 'GET /orders', 'denied', false],
    ]);
    assert.deepEqual(d.access.disappeared.map((a) => [a.principal, a.route, a.decision]), [['ci-caller as ApiInvokerRole', 'DELETE /orders/42', 'denied']]);
    assert.deepEqual(d.controls.map((c) => [c.id, c.old, c.new]), [['XACCT-E2E-01', 'passed', 'failed']]);
  });

  test('an accept entry covers exactly its principal and route', () => {
    const accept = [{ principal: 'ci-caller as ApiInvokerRole', route: 'DELETE /orders/42', reason: 'CHANGE-1' }];
    const d = diffReports({ file: 'old.json', report: before }, { file: 'new.json', report: after }, { accept, generatorVersion: '0' });
    assert.equal(d.widened, false);
    assert.deepEqual(d.access.appeared[0]!.accepted, { reason: 'CHANGE-1' });
    const other = diffReports({ file: 'old.json', report: before }, { file: 'new.json', report: after }, { accept: [{ principal: 'ci-caller as ApiInvokerRole', route: 'DELETE /orders/43' }], generatorVersion: '0' });
    assert.equal(other.widened, true, 'another route is not accepted');
    assert.equal(other.unusedAccepts.length, 1);
  });
});
