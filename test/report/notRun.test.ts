import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notRunWords } from '../../src/report/notRun.ts';
import type { ComplianceReport } from '../../src/report/model.ts';

const report = (statuses: Record<string, string>, notApplicable?: string[]) =>
  ({ run: { selection: notApplicable ? { notApplicable } : undefined }, controls: Object.entries(statuses).map(([id, status]) => ({ id, status })) }) as unknown as ComplianceReport;

test('controls not applicable to the estate are told apart from controls that did not run', () => {
  assert.equal(notRunWords(report({ A: 'passed', B: 'not-run' })), ', 1 not run', 'a gap is named as one');
  assert.equal(notRunWords(report({ A: 'passed', B: 'not-run', C: 'not-run' }, ['C'])), ', 1 not run, 1 not applicable to this estate', 'both, each counted');
  assert.equal(notRunWords(report({ A: 'passed', C: 'not-run' }, ['C', 'D'])), ', 1 not applicable to this estate', 'only controls that did not run are counted');
  assert.equal(notRunWords(report({ A: 'passed', C: 'failed' }, ['C'])), '', 'a control that ran is neither');
});
