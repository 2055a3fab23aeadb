/**
 * The layers of docs/architecture.md hold: no import against the direction (type-only
 * imports included), no file outside a layer, no I/O in the pure cores, no cycle.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cycles, importGraph, layerViolations, parseLayers, serviceViolations, sourceFiles, type ImportEdge } from './importGraph.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const layers = parseLayers(readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8'));
const files = sourceFiles(ROOT);
const { edges, bare } = importGraph(ROOT, files);

test('docs/architecture.md draws the layers, pure cores at the bottom', () => {
  const names = layers.flatMap((l) => l.modules);
  for (const m of ['arn', 'sigv4', 'policy', 'analyzer', 'secrets', 'aws', 'emulator', 'checks', 'report', 'steps', 'cli']) {
    assert.ok(names.includes(m), `the layer table names ${m}`);
  }
  assert.equal(new Set(names).size, names.length, 'each module is in one layer');
  const rank = (m: string) => layers.find((l) => l.modules.includes(m))!.rank;
  for (const core of ['arn', 'sigv4', 'policy', 'analyzer']) {
    assert.ok(layers.find((l) => l.modules.includes(core))!.pure, `${core} is marked pure`);
    assert.ok(rank(core) < rank('secrets') && rank(core) < rank('aws') && rank(core) < rank('emulator'), `${core} is below secrets, aws and emulator`);
  }
  const order = ['aws', 'checks', 'report', 'steps', 'cli'];
  for (let i = 1; i < order.length; i += 1) assert.ok(rank(order[i - 1]!) < rank(order[i]!), `${order[i - 1]} is below ${order[i]}`);
  assert.ok(rank('emulator') < rank('checks'), 'emulator is below checks');
  assert.ok(rank('secrets') < rank('aws') && rank('secrets') < rank('report'), 'secrets are below everything that handles them');
});

test('the import graph is read whole (type-only, re-exports and dynamic imports too)', () => {
  assert.ok(files.length > 100, `found ${files.length} source files`);
  assert.ok(edges.length > 300, `found ${edges.length} relative imports`);
  assert.ok(edges.some((e) => e.from === 'steps/support/world.ts'), 'steps are read');
});

test('no import goes against the layers, no file is outside them, the cores do no I/O', () => {
  const violations = layerViolations(layers, files, edges, bare);
  assert.deepEqual(violations.map((v) => v.message), [], 'layer violations');
});

test("the embedded AWS's generic code imports no single service", () => {
  assert.deepEqual(serviceViolations(edges).map((v) => v.message), [], 'generic code importing a service');
  const e = (from: string, to: string): ImportEdge => ({ from, to, specifier: to });
  assert.equal(serviceViolations([e('src/emulator/authorizeCall.ts', 'src/emulator/services/sts/model.ts')]).length, 1, 'authorizeCall importing the STS model is caught');
  assert.equal(serviceViolations([e('src/emulator/faults.ts', 'src/emulator/services/types.ts')]).length, 0, 'the shared service types are allowed');
});

test('no import cycle between files, type-only imports included', () => {
  assert.deepEqual(cycles(edges), [], 'import cycles');
});

test('the checks find a wrong-way import, an unplaced file, I/O in a core and a cycle', () => {
  const table = parseLayers('<!-- layers -->\n| layer | modules | kind |\n|---|---|---|\n| top | `report` | |\n| core | `policy` | pure |\n');
  const e = (from: string, to: string): ImportEdge => ({ from, to, specifier: to });
  const found = layerViolations(
    table,
    ['src/policy/a.ts', 'src/report/b.ts', 'src/elsewhere/c.ts'],
    [e('src/policy/a.ts', 'src/report/b.ts'), e('src/report/b.ts', 'src/policy/a.ts')],
    [{ from: 'src/policy/a.ts', specifier: 'node:fs' }],
  );
  assert.deepEqual(found.map((v) => v.kind).sort(), ['direction', 'impure', 'unplaced'], 'one violation of each kind');
  assert.match(found.find((v) => v.kind === 'direction')!.message, /src\/policy\/a\.ts imports .*policy \(layer 'core'\) may not import report/, 'the message names the file and the layers');
  assert.deepEqual(cycles([e('a.ts', 'b.ts'), e('b.ts', 'c.ts'), e('c.ts', 'a.ts'), e('d.ts', 'a.ts')]), [['a.ts', 'b.ts', 'c.ts']], 'a three-file cycle');
  assert.deepEqual(cycles([e('a.ts', 'a.ts')]), [['a.ts']], 'a self-import');
});
