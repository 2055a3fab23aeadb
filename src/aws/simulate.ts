/**
 * IAM policy simulation: SimulatePrincipalPolicy and SimulateCustomPolicy, batched
 * (every action × resource of a matrix in as few calls as IAM allows) and paginated.
 * A result without an EvalDecision is an error, never "not denied".
 */
import {
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
  type ContextEntry,
  type EvaluationResult,
} from '@aws-sdk/client-iam';
import { iamClient } from './clients.ts';
import { fromSdkError } from './errors.ts';
import type { AwsCredentials, Target } from './types.ts';

/** Resources per call: each call evaluates every action against every resource listed. */
export const RESOURCES_PER_CALL = 1000;
/** MaxItems for pagination: IAM's ceiling. */
export const MAX_ITEMS = 1000;

export type SimulatedDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface SimulationResult {
  action: string;
  resource: string;
  decision: SimulatedDecision;
  matchedStatements: { sourcePolicyId?: string; sourcePolicyType?: string; start?: { line?: number; column?: number } }[];
  missingContextValues: string[];
}

export interface SimulationRequest {
  actions: string[];
  resources: string[];
  contextEntries?: ContextEntry[];
  /** SimulatePrincipalPolicy: the user/role whose policies are simulated. */
  policySourceArn?: string;
  /** SimulateCustomPolicy: identity policies to simulate. */
  policyInputList?: string[];
  resourcePolicy?: string;
  resourceOwner?: string;
  callerArn?: string;
}

export interface SimulationRun {
  results: SimulationResult[];
  /** Number of IAM calls made (pages included). */
  calls: number;
}

const DECISIONS = new Set(['allowed', 'explicitDeny', 'implicitDeny']);

function toResult(r: EvaluationResult, operation: string): SimulationResult {
  if (!r.EvalActionName || !r.EvalDecision || !DECISIONS.has(r.EvalDecision)) {
    throw Object.assign(new Error(`${operation}: an evaluation result without EvalActionName or a valid EvalDecision (${r.EvalDecision ?? 'missing'})`), { name: 'MalformedResponse' });
  }
  return {
    action: r.EvalActionName,
    resource: r.EvalResourceName ?? '*',
    decision: r.EvalDecision as SimulatedDecision,
    matchedStatements: (r.MatchedStatements ?? []).map((m) => ({
      sourcePolicyId: m.SourcePolicyId, sourcePolicyType: m.SourcePolicyType,
      start: m.StartPosition ? { line: m.StartPosition.Line, column: m.StartPosition.Column } : undefined,
    })),
    missingContextValues: r.MissingContextValues ?? [],
  };
}

export async function simulate(target: Target, credentials: AwsCredentials, principal: string, req: SimulationRequest): Promise<SimulationRun> {
  const custom = req.policySourceArn === undefined;
  const operation = custom ? 'iam:SimulateCustomPolicy' : `iam:SimulatePrincipalPolicy ${req.policySourceArn}`;
  const client = iamClient(target, credentials);
  const results: SimulationResult[] = [];
  let calls = 0;
  try {
    const chunks: string[][] = [];
    for (let i = 0; i < req.resources.length; i += RESOURCES_PER_CALL) chunks.push(req.resources.slice(i, i + RESOURCES_PER_CALL));
    if (chunks.length === 0) chunks.push([]);
    for (const resources of chunks) {
      let marker: string | undefined;
      do {
        const common = {
          ActionNames: req.actions,
          ResourceArns: resources.length > 0 ? resources : undefined,
          ContextEntries: req.contextEntries,
          ResourcePolicy: req.resourcePolicy,
          ResourceOwner: req.resourceOwner,
          CallerArn: req.callerArn,
          MaxItems: MAX_ITEMS,
          Marker: marker,
        };
        calls++;
        const page = custom
          ? await client.send(new SimulateCustomPolicyCommand({ ...common, PolicyInputList: req.policyInputList ?? [] }))
          : await client.send(new SimulatePrincipalPolicyCommand({ ...common, PolicySourceArn: req.policySourceArn, PolicyInputList: req.policyInputList }));
        if (!page.EvaluationResults) throw Object.assign(new Error(`${operation}: the answer has no EvaluationResults`), { name: 'MalformedResponse' });
        for (const r of page.EvaluationResults) results.push(toResult(r, operation));
        marker = page.IsTruncated ? page.Marker : undefined;
        if (page.IsTruncated && !page.Marker) throw Object.assign(new Error(`${operation}: IsTruncated without a Marker`), { name: 'MalformedResponse' });
      } while (marker);
    }
  } catch (err) {
    throw fromSdkError(operation, principal, err);
  }
  // Every (action, resource) asked must have an answer: a missing one is not a pass.
  const expected = req.actions.length * Math.max(1, req.resources.length);
  if (results.length < expected) {
    throw fromSdkError(operation, principal, Object.assign(new Error(`asked for ${expected} decisions, got ${results.length}`), { name: 'MalformedResponse' }));
  }
  return { results, calls };
}
