/**
 * `crossgate run --shard i/n`: shards are disjoint, together they are the whole run,
 * their sizes differ by at most one, and the partition depends on what the scenarios
 * are, not on the order files were found in. On the seed features, the compliance
 * reports of the shards merge into the report of one run.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseShard, scenarioKey, selectShard } from '../../src/cli/shard.ts';
import type { ComplianceReport } from '../../src/report/index.ts';
import { crossgate } from '../report/support.ts';

const key = (s: string) => s;

describe('selectShard', () => {
  test('partitions: disjoint, complete, balanced, in the original order', () => {
    fc.assert(fc.property(fc.array(fc.string(), { maxLength: 200 }), fc.integer({ min: 1, max: 9 }), (items, total) => {
      const shards = Array.from({ length: total }, (_, i) => selectShard(items.map((x, j) => ({ x, j })), (o) => o.x, { index: i + 1, total }));
      const all = shards.flat().map((o) => o.j).sort((a, b) => a - b);
      assert.deepEqual(all, items.map((_, j) => j));
      const sizes = shards.map((s) => s.length);
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, String(sizes));
      for (const s of shards) assert.deepEqual(s.map((o) => o.j), [...s.map((o) => o.j)].sort((a, b) => a - b));
    }));
  });

  test('a scenario lands in the same shard whatever the order of the others', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 5 }), (items, total) => {
      const shuffled = [...items].reverse();
      for (let i = 1; i <= total; i++) {
        assert.deepEqual(new Set(selectShard(items, key, { index: i, total })), new Set(selectShard(shuffled, key, { index: i, total })));
      }
    }));
  });

  test('scenario keys: file, name, steps and arguments; not the line', () => {
    const base = { uri: 'features/a.feature', name: 'n', steps: [{ text: 'Given x' }] };
    assert.equal(scenarioKey(base), scenarioKey({ ...base }));
    assert.notEqual(scenarioKey(base), scenarioKey({ ...base, steps: [{ text: 'Given x', argument: { docString: { content: 'y' } } }] }));
    assert.equal(scenarioKey({ ...base, uri: 'features\\a.feature' }), scenarioKey(base));
  });

  test('parseShard takes i/n with 1 ≤ i ≤ n', () => {
    assert.deepEqual(parseShard('2/3'), { index: 2, total: 3 });
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1', '1/2/3']) assert.throws(() => parseShard(bad), { name: 'UserError' }, bad);
  });
});

describe('crossgate run --shard on the seed features', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crossgate-shard-'));
  const read = (d: string) => JSON.parse(readFileSync(join(d, 'compliance.json'), 'utf8')) as ComplianceReport;
  const ids = (r: ComplianceReport) => r.scenarios.map((s) => `${s.uri}:${s.line}:${s.name}`);
  let whole: ComplianceReport;
  let shards: ComplianceReport[];

  before(() => {
    const full = crossgate(['run', '--reports', join(dir, 'whole')]);
    assert.equal(full.exitCode, 0, full.stdout + full.stderr);
    whole = read(join(dir, 'whole'));
    shards = [1, 2, 3].map((i) => {
      const r = crossgate(['run', '--reports', join(dir, `shard-${i}`), '--shard', `${i}/3`]);
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      return read(join(dir, `shard-${i}`));
    });
  });

  test('the shards are disjoint and together are the whole run', () => {
    const parts = shards.map(ids);
    assert.ok(parts.every((p) => p.length > 0), parts.map((p) => p.length).join(', '));
    assert.equal(new Set(parts.flat()).size, parts.flat().length, 'no scenario runs twice');
    assert.deepEqual([...parts.flat()].sort(), [...ids(whole)].sort());
  });

  test('the same shard twice runs the same scenarios', () => {
    const again = crossgate(['run', '--reports', join(dir, 'again'), '--shard', '2/3']);
    assert.equal(again.exitCode, 0, again.stdout);
    assert.deepEqual(ids(read(join(dir, 'again'))).sort(), ids(shards[1]!).sort());
  });

  test('crossgate report merge of the shards gives the verdicts of the whole run', () => {
    const out = join(dir, 'merged');
    const r = crossgate(['report', 'merge', ...[1, 2, 3].map((i) => join(dir, `shard-${i}`, 'compliance.json')), '--out', out]);
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    const merged = read(out);
    assert.deepEqual(Object.fromEntries(merged.controls.map((c) => [c.id, c.status])), Object.fromEntries(whole.controls.map((c) => [c.id, c.status])));
    assert.equal(merged.summary.scenarios.total, whole.summary.scenarios.total);
  });

  test("crossgate's --shard and cucumber-js's --shard do not mix", () => {
    const r = crossgate(['run', '--reports', join(dir, 'both'), '--shard', '1/2', '--', '--shard', '1/2']);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /not both/);
  });
});
