import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundedCache, cacheSizes, clearCaches } from '../../src/cache/boundedCache.ts';
import { parseDate } from '../../src/policy/conditions/date.ts';

test('a bounded cache remembers values and misses, and starts over when full', () => {
  let computed = 0;
  const c = boundedCache<string, number>('test.lengths', 2);
  const len = (s: string) => {
    computed += 1;
    return s === '' ? undefined : s.length;
  };
  assert.equal(c.get('ab', len), 2, 'computed');
  assert.equal(c.get('ab', len), 2, 'remembered');
  assert.equal(c.get('', len), undefined, 'a miss');
  assert.equal(c.get('', len), undefined, 'a remembered miss');
  assert.equal(computed, 2, 'each key computed once');
  c.get('abc', len);
  assert.equal(c.size, 1, 'full: it started over');
  assert.throws(() => boundedCache('test.lengths', 1), /exists already/, 'names are unique');
});

test("the policy engine's caches are registered by name and can be cleared", () => {
  parseDate('2026-01-01T00:00:00Z');
  assert.ok((cacheSizes()['policy.dates'] ?? 0) > 0, 'policy.dates holds the date');
  clearCaches();
  assert.equal(cacheSizes()['policy.dates'], 0, 'cleared');
  assert.equal(parseDate('2026-01-01T00:00:00Z'), Date.UTC(2026, 0, 1), 'still answers after clearing');
});
