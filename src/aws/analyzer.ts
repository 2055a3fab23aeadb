/**
 * IAM Access Analyzer policy checks. A result other than PASS or FAIL is an error.
 */
import {
  CheckAccessNotGrantedCommand,
  CheckNoNewAccessCommand,
  CheckNoPublicAccessCommand,
  ValidatePolicyCommand,
  type AccessCheckPolicyType,
  type AccessCheckResourceType,
  type PolicyType,
  type ValidatePolicyResourceType,
} from '@aws-sdk/client-accessanalyzer';
import { accessAnalyzerClient } from './clients.ts';
import { fromSdkError } from './errors.ts';
import type { AwsCredentials, Target } from './types.ts';

export interface AnalyzerFinding {
  findingType: string;
  issueCode: string;
  findingDetails: string;
  learnMoreLink?: string;
  locations: { path: unknown[]; span?: { start?: { line?: number; column?: number; offset?: number }; end?: { line?: number; column?: number; offset?: number } } }[];
}

export interface CheckResult {
  result: 'PASS' | 'FAIL';
  message?: string;
  reasons: { description?: string; statementIndex?: number; statementId?: string }[];
}

function malformed(message: string): Error {
  return Object.assign(new Error(message), { name: 'MalformedResponse' });
}

async function withClient<T>(target: Target, credentials: AwsCredentials, operation: string, principal: string, fn: (c: ReturnType<typeof accessAnalyzerClient>) => Promise<T>): Promise<T> {
  const client = accessAnalyzerClient(target, credentials);
  try {
    return await fn(client);
  } catch (err) {
    throw fromSdkError(operation, principal, err);
  }
}

function checkResult(out: { result?: string; message?: string; reasons?: { description?: string; statementIndex?: number; statementId?: string }[] }, operation: string): CheckResult {
  if (out.result !== 'PASS' && out.result !== 'FAIL') throw malformed(`${operation}: result is ${out.result ?? 'missing'}, not PASS or FAIL`);
  return { result: out.result, message: out.message, reasons: out.reasons ?? [] };
}

export function validatePolicy(
  target: Target, credentials: AwsCredentials, principal: string,
  input: { policyDocument: string; policyType: PolicyType; resourceType?: ValidatePolicyResourceType },
): Promise<AnalyzerFinding[]> {
  return withClient(target, credentials, 'access-analyzer:ValidatePolicy', principal, async (client) => {
    const findings: AnalyzerFinding[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new ValidatePolicyCommand({
        policyDocument: input.policyDocument, policyType: input.policyType, validatePolicyResourceType: input.resourceType, nextToken,
      }));
      if (!page.findings) throw malformed('access-analyzer:ValidatePolicy: the answer has no findings list');
      for (const f of page.findings) {
        if (!f.findingType || !f.issueCode) throw malformed('access-analyzer:ValidatePolicy: a finding without findingType or issueCode');
        findings.push({
          findingType: f.findingType, issueCode: f.issueCode, findingDetails: f.findingDetails ?? '', learnMoreLink: f.learnMoreLink,
          locations: (f.locations ?? []).map((l) => ({ path: l.path ?? [], span: l.span })),
        });
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return findings;
  });
}

export function checkAccessNotGranted(
  target: Target, credentials: AwsCredentials, principal: string,
  input: { policyDocument: string; policyType: AccessCheckPolicyType; access: { actions?: string[]; resources?: string[] }[] },
): Promise<CheckResult> {
  const op = 'access-analyzer:CheckAccessNotGranted';
  return withClient(target, credentials, op, principal, async (client) => checkResult(await client.send(new CheckAccessNotGrantedCommand(input)), op));
}

export function checkNoNewAccess(
  target: Target, credentials: AwsCredentials, principal: string,
  input: { newPolicyDocument: string; existingPolicyDocument: string; policyType: AccessCheckPolicyType },
): Promise<CheckResult> {
  const op = 'access-analyzer:CheckNoNewAccess';
  return withClient(target, credentials, op, principal, async (client) => checkResult(await client.send(new CheckNoNewAccessCommand(input)), op));
}

export function checkNoPublicAccess(
  target: Target, credentials: AwsCredentials, principal: string,
  input: { policyDocument: string; resourceType: AccessCheckResourceType },
): Promise<CheckResult> {
  const op = 'access-analyzer:CheckNoPublicAccess';
  return withClient(target, credentials, op, principal, async (client) => checkResult(await client.send(new CheckNoPublicAccessCommand(input)), op));
}
