/**
 * Access Analyzer's four policy checks, one declaration each: the service model binds
 * them (POST and URI) and reads their input; `check` adds what the model cannot say
 * (policy documents within the analyzer's limits, actions and resources that name
 * something, an access entry with at least one of them); the analysis itself
 * (analyses.ts) runs in the worker pool (pool.ts), on the validated input.
 */
import { type Access, describeDocumentProblem, documentProblem } from '../../../analyzer/index.ts';
import { operation, type Operation } from '../../operation/define.ts';
import type { Problems } from '../../operation/problems.ts';
import type { InputObject } from '../../operation/read.ts';
import { JsonAnswer } from '../../protocol/restJson.ts';
import type { AnalysisName, CheckAccessNotGrantedInput, CheckNoNewAccessInput, CheckNoPublicAccessInput, ValidatePolicyInput } from './analyses.ts';
import { analyzerPool } from './pool.ts';

const ACTION = /^(\*|[A-Za-z0-9*?-]+:[A-Za-z0-9*?_-]+)$/;

/** A policy document within the analyzer's limits (size, depth). */
function checkDocument(problems: Problems, name: string, text: string | undefined): void {
  if (text === undefined) return;
  const problem = documentProblem(text);
  if (problem !== undefined) problems.add(name, `${describeDocumentProblem(problem)} (at '${name}')`);
}

function checkAccess(problems: Problems, access: Access[] | undefined): void {
  if (access === undefined) return;
  if (access.length === 0) problems.constraint('access', access, 'Member must have length greater than or equal to 1');
  access.forEach((entry, i) => {
    const at = `access.${i + 1}.member`;
    const bad = (entry.actions ?? []).find((a) => !ACTION.test(a));
    if (bad !== undefined) problems.constraint(`${at}.actions`, bad, 'Member must be an IAM action such as service:Action');
    const resource = (entry.resources ?? []).find((r) => r !== '*' && !r.startsWith('arn:'));
    if (resource !== undefined) problems.constraint(`${at}.resources`, resource, "Member must be '*' or an ARN of at most 2048 characters");
    if ((entry.actions?.length ?? 0) === 0 && (entry.resources?.length ?? 0) === 0) problems.constraint(at, entry, 'Member must name at least one action or resource');
  });
}

/** Authorized on '*' of the account, as the service authorization reference lists these actions; the message names the analyzer ARN space. */
function analysis<I>(name: AnalysisName, check: (input: I, problems: Problems) => void): Operation {
  return operation<I>({
    name,
    check,
    authorization: (ctx) => ({
      action: `access-analyzer:${name}`, resource: '*', resourceAccount: ctx.accountId, messageResource: `arn:aws:access-analyzer:${ctx.region}:${ctx.accountId}:*`,
    }),
    // Even a policy of a few kilobytes can take seconds to compare: the analysis runs in a worker thread.
    run: async (_ctx, input) => {
      const a = await analyzerPool().run(name, input as unknown as InputObject);
      return new JsonAnswer(a.status, a.body, a.errorType);
    },
  });
}

export const ACCESS_ANALYZER_OPERATIONS: readonly Operation[] = [
  analysis<ValidatePolicyInput>('ValidatePolicy', (input, problems) => {
    checkDocument(problems, 'policyDocument', input.policyDocument);
    if (input.maxResults !== undefined && input.maxResults < 1) problems.constraint('maxResults', input.maxResults, 'Member must be an integer greater than or equal to 1');
    if (input.validatePolicyResourceType !== undefined && input.policyType !== undefined && input.policyType !== 'RESOURCE_POLICY') {
      problems.add('validatePolicyResourceType', `validatePolicyResourceType applies only to policyType RESOURCE_POLICY, not ${input.policyType}`);
    }
  }),
  analysis<CheckAccessNotGrantedInput>('CheckAccessNotGranted', (input, problems) => {
    checkDocument(problems, 'policyDocument', input.policyDocument);
    checkAccess(problems, input.access);
  }),
  analysis<CheckNoNewAccessInput>('CheckNoNewAccess', (input, problems) => {
    checkDocument(problems, 'newPolicyDocument', input.newPolicyDocument);
    checkDocument(problems, 'existingPolicyDocument', input.existingPolicyDocument);
  }),
  analysis<CheckNoPublicAccessInput>('CheckNoPublicAccess', (input, problems) => {
    checkDocument(problems, 'policyDocument', input.policyDocument);
  }),
];
