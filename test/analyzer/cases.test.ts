import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type AccessCheckPolicyType,
  type AccessCheckResourceType,
  type Access,
  type CheckOutcome,
  type Checked,
  type PolicyType,
  type ValidatePolicyFinding,
  type ValidatePolicyResourceType,
  checkAccessNotGranted,
  checkNoNewAccess,
  checkNoPublicAccess,
  validatePolicy,
} from '../../src/analyzer/index.ts';
import { iamDataCatalog } from '../../src/emulator/services/accessanalyzer/iamCatalog.ts';
import { type AnalyzerCase, loadCases, requestOf } from './caseFile.ts';

function run(c: AnalyzerCase): Checked<CheckOutcome | ValidatePolicyFinding[]> {
  const r = requestOf(c);
  switch (c.operation) {
    case 'ValidatePolicy':
      return validatePolicy(
        {
          policyDocument: r['policyDocument'] as string,
          policyType: r['policyType'] as PolicyType,
          ...(r['validatePolicyResourceType'] === undefined ? {} : { validatePolicyResourceType: r['validatePolicyResourceType'] as ValidatePolicyResourceType }),
        },
        { catalog: iamDataCatalog() },
      );
    case 'CheckAccessNotGranted':
      return checkAccessNotGranted({ policyDocument: r['policyDocument'] as string, access: r['access'] as Access[], policyType: r['policyType'] as AccessCheckPolicyType });
    case 'CheckNoNewAccess':
      return checkNoNewAccess({ newPolicyDocument: r['newPolicyDocument'] as string, existingPolicyDocument: r['existingPolicyDocument'] as string, policyType: r['policyType'] as AccessCheckPolicyType });
    case 'CheckNoPublicAccess':
      return checkNoPublicAccess({ policyDocument: r['policyDocument'] as string, resourceType: r['resourceType'] as AccessCheckResourceType });
  }
}

describe('analyzer cases (test/analyzer/cases)', () => {
  const cases = loadCases();

  it('has cases for every operation', () => {
    for (const op of ['ValidatePolicy', 'CheckAccessNotGranted', 'CheckNoNewAccess', 'CheckNoPublicAccess']) {
      assert.ok(cases.filter((c) => c.operation === op).length >= 5, `fewer than 5 ${op} cases`);
    }
  });

  for (const c of cases) {
    it(`${c.file}: ${c.name}`, () => {
      const answer = run(c);
      const e = c.expected;
      if (e.invalid !== undefined) {
        assert.equal(answer.ok, false, 'expected the input to be refused');
        if (!answer.ok) assert.equal(answer.problem.field, e.invalid);
        return;
      }
      assert.ok(answer.ok, answer.ok ? '' : answer.problem.message);
      if (c.operation === 'ValidatePolicy') {
        const findings = answer.value as ValidatePolicyFinding[];
        const text = requestOf(c)['policyDocument'] as string;
        const shown = JSON.stringify(findings.map((f) => [f.issueCode, f.findingDetails]), null, 1);
        if (e.issueCodes !== undefined) assert.deepEqual(findings.map((f) => f.issueCode), e.issueCodes, shown);
        for (const want of e.findings ?? []) {
          const f = findings.find((x) => x.issueCode === want.issueCode);
          assert.ok(f !== undefined, `no ${want.issueCode} in ${shown}`);
          if (want.findingType !== undefined) assert.equal(f.findingType, want.findingType);
          if (want.detailsInclude !== undefined) assert.ok(f.findingDetails.includes(want.detailsInclude), f.findingDetails);
          if (want.path !== undefined) assert.deepEqual(f.locations[0]?.path, want.path);
          if (want.spanText !== undefined) {
            const span = f.locations[0]!.span;
            assert.equal(text.slice(span.start.offset, span.end.offset), want.spanText);
            const lines = text.slice(0, span.start.offset).split('\n');
            assert.equal(span.start.line, lines.length);
            assert.equal(span.start.column, lines[lines.length - 1]!.length);
          }
          if (want.locations !== undefined) {
            assert.deepEqual(
              f.locations.map((l) => ({ path: l.path, spanText: text.slice(l.span.start.offset, l.span.end.offset) })),
              want.locations,
              `${want.issueCode}: locations`,
            );
          }
          assert.match(f.learnMoreLink, /^https:\/\/docs\.aws\.amazon\.com\/IAM\/latest\/UserGuide\/access-analyzer-reference-policy-checks\.html#access-analyzer-reference-policy-checks-(error|security-warning|general-warning|suggestion)-[a-z0-9-]+$/);
        }
        return;
      }
      const outcome = answer.value as CheckOutcome;
      const shown = JSON.stringify(outcome.reasons, null, 1);
      if (e.result !== undefined) assert.equal(outcome.result, e.result, shown);
      if (e.reasonStatements !== undefined) assert.deepEqual(outcome.reasons.map((r) => r.statementIndex), e.reasonStatements, shown);
      if (e.message !== undefined) assert.equal(outcome.message, e.message, 'message');
      if (e.reasonDescriptions !== undefined) assert.deepEqual(outcome.reasons.map((r) => r.description), e.reasonDescriptions, shown);
      if (e.reasonIncludes !== undefined) assert.ok(outcome.reasons.some((r) => `${r.description} ${r.detail ?? ''}`.includes(e.reasonIncludes!)), shown);
      assert.equal(outcome.result === 'PASS', outcome.reasons.length === 0);
    });
  }
});
