/**
 * The four analyses on validated input (the operations' declarations are in
 * operations.ts): what a worker thread runs (worker.ts, answer.ts).
 */
import { createHash } from 'node:crypto';
import {
  type Access,
  type AccessCheckPolicyType,
  type AccessCheckResourceType,
  type CheckOutcome,
  type Checked,
  type PolicyType,
  type ValidatePolicyFinding,
  type ValidatePolicyResourceType,
  checkAccessNotGranted,
  checkNoNewAccess,
  checkNoPublicAccess,
  validatePolicy,
} from '../../../analyzer/index.ts';
import type { InputObject } from '../../operation/read.ts';
import { pageOffset, pageToken } from '../../paging.ts';
import { ValidationException } from './errors.ts';
import { iamDataCatalog } from './iamCatalog.ts';

export type AnalysisName = 'ValidatePolicy' | 'CheckAccessNotGranted' | 'CheckNoNewAccess' | 'CheckNoPublicAccess';

export interface ValidatePolicyInput {
  locale?: string;
  maxResults?: number;
  nextToken?: string;
  policyDocument: string;
  policyType: PolicyType;
  validatePolicyResourceType?: ValidatePolicyResourceType;
}

export interface CheckAccessNotGrantedInput {
  policyDocument: string;
  access: Access[];
  policyType: AccessCheckPolicyType;
}

export interface CheckNoNewAccessInput {
  newPolicyDocument: string;
  existingPolicyDocument: string;
  policyType: AccessCheckPolicyType;
}

export interface CheckNoPublicAccessInput {
  policyDocument: string;
  resourceType: AccessCheckResourceType;
}

function unwrap<T>(checked: Checked<T>): T {
  if (checked.ok) return checked.value;
  throw ValidationException.fields([{ name: checked.problem.field, message: checked.problem.message }]);
}

function outcome(checked: Checked<CheckOutcome>): Record<string, unknown> {
  const o = unwrap(checked);
  // ReasonSummary as the service model has it: description, statementIndex, statementId.
  return {
    result: o.result,
    message: o.message,
    reasons: o.reasons.map((r) => ({ description: r.description, ...(r.statementIndex === undefined ? {} : { statementIndex: r.statementIndex }), ...(r.statementId === undefined ? {} : { statementId: r.statementId }) })),
  };
}

function nonEmpty(access: Access[]): Access[] {
  return access.map((a) => {
    const out: Access = {};
    if (a.actions !== undefined && a.actions.length > 0) out.actions = a.actions;
    if (a.resources !== undefined && a.resources.length > 0) out.resources = a.resources;
    return out;
  });
}

function validatePolicyAnswer(input: ValidatePolicyInput): Record<string, unknown> {
  const findings: ValidatePolicyFinding[] = unwrap(
    validatePolicy(
      { policyDocument: input.policyDocument, policyType: input.policyType, ...(input.validatePolicyResourceType === undefined ? {} : { validatePolicyResourceType: input.validatePolicyResourceType }) },
      { catalog: iamDataCatalog() },
    ),
  );
  // A token is only good for the same document and policy type it was issued for.
  const digest = createHash('sha256').update(`${input.policyType}\u0000${input.validatePolicyResourceType ?? ''}\u0000${input.policyDocument}`).digest('hex').slice(0, 16);
  const listing = `ValidatePolicy:${digest}`;
  const start = input.nextToken === undefined ? 0 : pageOffset(input.nextToken, listing, findings.length);
  if (start === undefined) {
    throw ValidationException.fields([{ name: 'nextToken', message: "Value at 'nextToken' failed to satisfy constraint: Member must be a token returned by a previous call with the same input" }]);
  }
  const end = input.maxResults === undefined ? findings.length : Math.min(findings.length, start + input.maxResults);
  const out: Record<string, unknown> = { findings: findings.slice(start, end) };
  if (end < findings.length) out['nextToken'] = pageToken(listing, end);
  return out;
}

export const ANALYSES: Record<AnalysisName, (input: InputObject) => Record<string, unknown>> = {
  ValidatePolicy: (input) => validatePolicyAnswer(input as unknown as ValidatePolicyInput),
  CheckAccessNotGranted: (input) => {
    const i = input as unknown as CheckAccessNotGrantedInput;
    return outcome(checkAccessNotGranted({ policyDocument: i.policyDocument, access: nonEmpty(i.access), policyType: i.policyType }));
  },
  CheckNoNewAccess: (input) => outcome(checkNoNewAccess(input as unknown as CheckNoNewAccessInput)),
  CheckNoPublicAccess: (input) => outcome(checkNoPublicAccess(input as unknown as CheckNoPublicAccessInput)),
};

