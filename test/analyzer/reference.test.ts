/**
 * crossgate's ValidatePolicy speaks AWS's vocabulary only: every issue code it can
 * emit is a check of AWS's policy validation check reference (src/analyzer/reference.ts),
 * with that check's finding type, findingDetails wording and learnMoreLink, and
 * docs/access-analyzer-checks.md is the table generated from the reference.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FINDING_TYPES, ISSUES, learnMoreLink, type IssueCode } from '../../src/analyzer/index.ts';
import { REFERENCE_CHECKS, referenceAnchor, referenceCheck, referenceLink } from '../../src/analyzer/reference.ts';
import { referenceMarkdown } from '../../src/analyzer/referenceDoc.ts';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const VALIDATE = join(REPO, 'src', 'analyzer', 'validate');

/** Placeholders ({name}, {{name}}) stand for whatever AWS fills in. */
const shape = (text: string) => text.replace(/\{\{\{([^}]*)\}\}/g, '{{$1}').replace(/\{\{\{?[^}]*\}\}\}?|{[A-Za-z0-9_]+}/g, '#');

describe('the policy check reference', () => {
  it('has each code once, with a finding type of the API', () => {
    const codes = REFERENCE_CHECKS.map((c) => c.code);
    assert.equal(new Set(codes).size, codes.length, 'a code appears twice');
    for (const c of REFERENCE_CHECKS) {
      assert.ok((FINDING_TYPES as readonly string[]).includes(c.findingType), `${c.code}: ${c.findingType}`);
      assert.match(c.code, /^[A-Z][A-Z0-9_]+$/, c.code);
      assert.match(referenceAnchor(c), /^access-analyzer-reference-policy-checks-(error|security-warning|general-warning|suggestion)-[a-z0-9-]+$/, c.code);
    }
    assert.ok(REFERENCE_CHECKS.length >= 150, `${REFERENCE_CHECKS.length} checks`);
  });

  it('every code crossgate can emit is a check of the reference, with its type, wording and link', () => {
    for (const code of Object.keys(ISSUES) as IssueCode[]) {
      const ref = referenceCheck(code);
      assert.ok(ref !== undefined, `${code} is not in AWS's policy check reference`);
      assert.equal(ISSUES[code].type, ref.findingType, `${code}: finding type`);
      assert.equal(learnMoreLink(code), referenceLink(ref), `${code}: learnMoreLink`);
      // INVALID_ACTION / INVALID_SERVICE_IN_ACTION add "Did you mean …?" only when there is a suggestion.
      const ours = shape(ISSUES[code].details);
      const theirs = shape(ref.message);
      if (code === 'INVALID_ACTION' || code === 'INVALID_SERVICE_IN_ACTION') assert.ok(theirs.startsWith(ours.replace(/#$/, '')), `${code}: ${ours} / ${theirs}`);
      else assert.equal(ours, theirs, `${code}: findingDetails differ from the reference`);
    }
  });

  it('every code reported in src/analyzer/validate is one of the reference, and every defined one is reported', () => {
    const reported = new Set<string>();
    for (const f of readdirSync(VALIDATE).filter((x) => x.endsWith('.ts'))) {
      const text = readFileSync(join(VALIDATE, f), 'utf8');
      for (const m of text.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)) {
        const code = m[1] as string;
        if (code in ISSUES || /^(ROLE_|TRUST_|MISSING_|INVALID_|UNSUPPORTED_|POLICY_|RCP_|SCP_)/.test(code)) reported.add(code);
      }
    }
    for (const code of reported) assert.ok(referenceCheck(code) !== undefined, `${code} is used in src/analyzer/validate but is not an AWS code`);
    for (const code of Object.keys(ISSUES)) {
      if (code === 'JSON_SYNTAX_ERROR') continue;
      assert.ok(reported.has(code), `${code} is defined but never reported`);
    }
    assert.ok(!reported.has('TRUST_POLICY_ALLOWS_ANY_PRINCIPAL') && !reported.has('TRUST_POLICY_ALLOWS_ANY_WEB_IDENTITY'), 'invented codes are gone');
  });

  it('docs/access-analyzer-checks.md is current', () => {
    const committed = readFileSync(join(REPO, 'docs', 'access-analyzer-checks.md'), 'utf8');
    assert.ok(committed === referenceMarkdown(), 'docs/access-analyzer-checks.md is stale: run `npm run docs:checks`');
  });
});
