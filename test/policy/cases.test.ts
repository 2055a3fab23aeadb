import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authorize } from '../../src/policy/index.ts';
import { loadCases, toRequest } from './caseFile.ts';

describe('policy evaluation cases (test/policy/cases)', () => {
  const cases = loadCases();

  it('has at least 50 cases', () => assert.ok(cases.length >= 50, `only ${cases.length} cases`));

  for (const c of cases) {
    it(`${c.file}: ${c.name}`, () => {
      const result = authorize(toRequest(c));
      const context = `explanation: ${result.explanation}`;
      assert.equal(result.decision, c.expected.decision, context);
      if (c.expected.matchedSids !== undefined) {
        const sids = result.matchedStatements.flatMap((m) => (m.sid === undefined ? [] : [m.sid])).sort();
        assert.deepEqual(sids, [...c.expected.matchedSids].sort(), context);
      }
      if (c.expected.explanationIncludes !== undefined) {
        assert.ok(result.explanation.includes(c.expected.explanationIncludes), context);
      }
      assert.ok(result.explanation.length > 0);
    });
  }
});
