import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authorize } from '../../src/policy/index.ts';
import { loadCases, toRequest, type PolicyCase } from './caseFile.ts';

const cases = loadCases();
const byTopic = new Map<string, PolicyCase[]>();
for (const c of cases) byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c]);

describe('policy evaluation cases (test/policy/cases/<topic>)', () => {
  it('has at least 200 cases, each in a topic folder and citing the AWS documentation', () => {
    assert.ok(cases.length >= 200, `only ${cases.length} cases`);
    for (const c of cases) {
      assert.ok(c.topic !== '', `${c.file}: not in a topic folder`);
      for (const d of [c.doc].flat()) {
        assert.ok(d !== undefined && /^https:\/\/docs\.aws\.amazon\.com\//.test(d.url), `${c.file}: doc.url must be an AWS documentation page`);
        assert.ok(d.quote.length >= 20, `${c.file}: doc.quote must state the rule`);
      }
    }
  });

  for (const [topic, group] of [...byTopic].sort(([a], [b]) => a.localeCompare(b))) {
    describe(topic, () => {
      for (const c of group) {
        it(`${c.file}: ${c.name}`, () => {
          const result = authorize(toRequest(c));
          const e = c.expected;
          const context = `explanation: ${result.explanation}`;
          assert.equal(result.decision, e.decision, context);
          if (e.matchedSids !== undefined) {
            const sids = result.matchedStatements.flatMap((m) => (m.sid === undefined ? [] : [m.sid])).sort();
            assert.deepEqual(sids, [...e.matchedSids].sort(), context);
          }
          if (e.explanationIncludes !== undefined) assert.ok(result.explanation.includes(e.explanationIncludes), context);
          if (e.decidedBy !== undefined) assert.deepEqual(result.decidedBy, e.decidedBy, context);
          if (e.layers !== undefined) {
            for (const [layer, decision] of Object.entries(e.layers)) assert.equal(result.layers[layer as keyof typeof result.layers], decision, `layer ${layer}; ${context}`);
          }
          if (e.missingContextKeys !== undefined) assert.deepEqual([...result.missingContextKeys].sort(), [...e.missingContextKeys].sort(), context);
          for (const f of e.failedConditions ?? []) {
            assert.ok(
              result.failedConditions.some((g) => g.key === f.key && g.why === f.why && (f.sid === undefined || g.sid === f.sid)),
              `no failed condition ${JSON.stringify(f)} in ${JSON.stringify(result.failedConditions)}`,
            );
          }
          for (const p of e.positions ?? []) {
            const m = result.matchedStatements.find((s) => s.sid === p.sid);
            assert.deepEqual(m?.position?.start && { line: m.position.start.line, column: m.position.start.column }, { line: p.line, column: p.column }, `position of ${p.sid}`);
          }
          assert.ok(result.explanation.length > 0);
        });
      }
    });
  }
});
