/**
 * SARIF and the evidence kinds later steps will emit (policy documents, simulations,
 * Access Analyzer findings): they validate against the schema, and SARIF locates
 * them in the repository's policy file by JSON pointer, at the right line.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../support/emulator.ts';
import { assembleReport } from '../../src/report/assemble.ts';
import type { ReportEvidence, ScenarioResult } from '../../src/report/model.ts';
import { renderSarif } from '../../src/report/sarif.ts';
import { decodeJsonPointer, regionOfPointer } from '../../src/report/sourceLocation.ts';
import { validateReport } from '../../src/report/writeReports.ts';

const SEED = readFileSync(join(REPO, 'estates', 'seed.json'), 'utf8');

/** 1-based line of the first line containing `needle` after the line containing `after`. */
function lineOf(needle: string, after?: string): number {
  const lines = SEED.split('\n');
  const start = after ? lines.findIndex((l) => l.includes(after)) : 0;
  return lines.findIndex((l, i) => i >= start && l.includes(needle)) + 1;
}

const at = '2026-01-01T00:00:00.000Z';
const trustPointer = '/accounts/0/roles/0/assumeRolePolicyDocument';

function scenario(over: Partial<ScenarioResult> & { evidence: ReportEvidence[] }): ScenarioResult {
  return {
    id: 'sc-1', name: 'The delegated roles trust no account other than B', feature: 'Role trust relationships', uri: 'features/trust.feature', line: 14,
    layer: 'static', controls: ['XACCT-TRUST-03'], tags: ['@static', '@control:XACCT-TRUST-03'], status: 'failed', steps: [],
    failure: { step: 'Then the role ApiInvokerRole trusts no account other than B', message: 'trust policy allows arn:aws:iam::333333333333:root' },
    ...over,
  };
}

function report(scenarios: ScenarioResult[]) {
  return assembleReport({
    run: { crossgateVersion: '0.1.0', target: 'embedded', region: 'us-east-1', accounts: { A: '111111111111' }, success: false, environment: {} },
    scenarios,
    catalog: { 'XACCT-TRUST-03': { title: 'The delegated roles trust no other account', layer: 'static' } },
    generatorVersion: '0.1.0',
  });
}

const policy: ReportEvidence = {
  kind: 'policyDocument', id: 'p1', at, policyType: 'trust', policyId: 'arn:aws:iam::111111111111:role/ApiInvokerRole',
  attachedTo: 'arn:aws:iam::111111111111:role/ApiInvokerRole', document: { Version: '2012-10-17', Statement: [] },
  source: { file: 'estates/seed.json', jsonPointer: trustPointer },
};
const simulation: ReportEvidence = {
  kind: 'simulation', id: 's1', at, engine: 'crossgate', action: 'sts:AssumeRole', resource: 'arn:aws:iam::111111111111:role/ApiInvokerRole',
  principalArn: 'arn:aws:iam::333333333333:user/outsider', decision: 'allowed',
  matchedStatements: [{ policyId: 'arn:aws:iam::111111111111:role/ApiInvokerRole', statementIndex: 0, effect: 'Allow', source: { file: 'estates/seed.json', jsonPointer: `${trustPointer}/Statement/0` } }],
};
const finding: ReportEvidence = {
  kind: 'analyzerFinding', id: 'f1', at, check: 'ValidatePolicy', findingType: 'SECURITY_WARNING', issueCode: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
  message: 'Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive.', policyId: 'arn:aws:iam::111111111111:policy/CrossgateAuditor',
  locations: [{ path: ['Statement', 0, 'Resource'], span: { start: { line: 1, column: 2, offset: 3 }, end: { line: 1, column: 9, offset: 10 } } }],
  source: { file: 'estates/seed.json', jsonPointer: '/accounts/0/policies/2/document/Statement/0/Resource' },
};
const expectation: ReportEvidence = { kind: 'expectation', id: 'x1', at, of: 's1', check: 'decision', expected: 'implicitDeny', observed: 'allowed', holds: false };

describe('JSON pointers into repository files', () => {
  test('decoding follows RFC 6901', () => {
    assert.deepEqual(decodeJsonPointer('/a~1b/c~0d/0'), ['a/b', 'c~d', '0']);
    assert.deepEqual(decodeJsonPointer(''), []);
  });

  test('a pointer lands on its key line; a missing tail falls back to the deepest ancestor', () => {
    assert.equal(regionOfPointer(SEED, trustPointer)!.startLine, lineOf('"assumeRolePolicyDocument"'));
    assert.equal(regionOfPointer(SEED, `${trustPointer}/Statement/0`)!.startLine, lineOf('{ "Effect"', '"assumeRolePolicyDocument"'));
    assert.equal(regionOfPointer(SEED, `${trustPointer}/NoSuchKey/3`)!.startLine, lineOf('"assumeRolePolicyDocument"'));
  });
});

describe('SARIF 2.1.0', () => {
  const r = report([scenario({ evidence: [policy, simulation, expectation, finding] })]);

  test('every evidence kind validates against the compliance schema', () => {
    assert.deepEqual(validateReport(r), []);
  });

  test('a failed check is a result of its control, located at the policy in the repo', () => {
    const sarif = renderSarif(r, REPO) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: Record<string, any>[] }[] };
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0]!;
    const control = run.results.find((x) => x.ruleId === 'XACCT-TRUST-03')!;
    assert.equal(control.level, 'error');
    assert.match(control.message.text, /XACCT-TRUST-03 failed: The delegated roles trust no account other than B: trust policy allows arn:aws:iam::333333333333:root/);
    const locs = control.locations.map((l: any) => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine]);
    assert.deepEqual(locs[0], ['estates/seed.json', lineOf('"assumeRolePolicyDocument"')]);
    assert.deepEqual(locs[1], ['estates/seed.json', lineOf('{ "Effect"', '"assumeRolePolicyDocument"')]);
    assert.equal(control.relatedLocations[0].physicalLocation.artifactLocation.uri, 'features/trust.feature');
    assert.equal(run.tool.driver.rules[control.ruleIndex]!.id, 'XACCT-TRUST-03');
  });

  test('an Access Analyzer finding is a result of its issue code, at its source line', () => {
    const sarif = renderSarif(r, REPO) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: Record<string, any>[] }[] };
    const run = sarif.runs[0]!;
    const f = run.results.find((x) => x.ruleId === 'PASS_ROLE_WITH_STAR_IN_RESOURCE')!;
    assert.equal(f.level, 'error');
    assert.equal(f.locations[0].physicalLocation.artifactLocation.uri, 'estates/seed.json');
    // /accounts/0/policies/2 is CrossgateAuditor; its statement 0 is ReadIam.
    assert.equal(f.locations[0].physicalLocation.region.startLine, lineOf('"Resource": "*"', '"ReadIam"'));
    assert.ok(run.tool.driver.rules.some((x) => x.id === 'PASS_ROLE_WITH_STAR_IN_RESOURCE'), 'a rule for the issue code');
  });

  test('without a repository source, a failed check points at its scenario', () => {
    const sarif = renderSarif(report([scenario({ evidence: [] })]), REPO) as { runs: { results: Record<string, any>[] }[] };
    const loc = sarif.runs[0]!.results[0]!.locations[0].physicalLocation;
    assert.deepEqual([loc.artifactLocation.uri, loc.region.startLine], ['features/trust.feature', 14]);
  });

  test('a passing report has no results', () => {
    const sarif = renderSarif(report([scenario({ status: 'passed', failure: undefined, evidence: [] })]), REPO) as { runs: { results: unknown[] }[] };
    assert.deepEqual(sarif.runs[0]!.results, []);
  });
});
