/**
 * Static checks of the execute-api ARNs in a role's permission policies: every
 * Resource that grants execute-api:Invoke must name the intended API exactly.
 */
import { parseArn } from '../../arn/index.ts';
import { actionMatches } from '../../policy/index.ts';
import type { Policy, Statement } from '../../policy/index.ts';
import { verdict, type StaticFinding, type StaticVerdict } from './types.ts';

export interface ApiIdentity {
  partition?: string;
  region: string;
  accountId: string;
  apiId: string;
  stage: string;
}

export interface PolicyUnderCheck {
  id: string;
  policy: Policy;
}

function grantsInvoke(s: Statement): boolean {
  if (s.action) return s.action.some((p) => actionMatches(p, 'execute-api:Invoke'));
  if (s.notAction) return !s.notAction.some((p) => actionMatches(p, 'execute-api:Invoke'));
  return false;
}

/** Problems with one Resource value of an execute-api:Invoke Allow, against the intended API. */
export function executeApiArnProblems(resource: string, api: ApiIdentity): string[] {
  if (resource === '*') return ["Resource '*' grants invoke on every API in every account"];
  const arn = parseArn(resource);
  if (!arn) return [`'${resource}' is not an ARN`];
  const problems: string[] = [];
  const expect = (what: string, actual: string, wanted: string) => {
    if (actual !== wanted) problems.push(`${what} is '${actual}', not '${wanted}'`);
  };
  if (arn.service !== 'execute-api') {
    if (/[*?]/.test(arn.service)) problems.push(`the service '${arn.service}' is a wildcard`);
    else return [`'${resource}' is not an execute-api ARN`];
  }
  expect('the partition', arn.partition, api.partition ?? 'aws');
  expect('the region', arn.region, api.region);
  expect('the account', arn.accountId, api.accountId);
  const [apiId = '', stage, method, ...path] = arn.resource.split('/');
  if (/[*?]/.test(apiId)) problems.push(`the api-id '${apiId}' is a wildcard: it grants invoke on other APIs of the account`);
  else expect('the api-id', apiId, api.apiId);
  if (stage === undefined) problems.push(`'${resource}' names no stage`);
  else expect('the stage', stage, api.stage);
  if (method === undefined || path.length === 0) problems.push(`'${resource}' names no method and path (execute-api ARNs are <api-id>/<stage>/<METHOD>/<path>)`);
  return problems;
}

/** Every execute-api:Invoke Allow in the policies names exactly the intended API. */
export function invokeArnsNameApi(policies: PolicyUnderCheck[], api: ApiIdentity): StaticVerdict {
  const findings: StaticFinding[] = [];
  let seen = 0;
  for (const { id, policy } of policies) {
    for (const s of policy.statements) {
      if (s.effect !== 'Allow' || !grantsInvoke(s)) continue;
      if (s.notResource) {
        findings.push({ policy: id, statementIndex: s.index, sid: s.sid, message: 'NotResource with execute-api:Invoke grants invoke on everything not listed' });
        continue;
      }
      for (const r of s.resource ?? []) {
        seen++;
        for (const problem of executeApiArnProblems(r, api)) {
          findings.push({ policy: id, statementIndex: s.index, sid: s.sid, message: `${r}: ${problem}` });
        }
      }
    }
  }
  if (seen === 0 && findings.length === 0) {
    findings.push({ policy: policies.map((p) => p.id).join(', ') || '(no policies)', message: 'no statement grants execute-api:Invoke: there is no ARN to check' });
  }
  return verdict(policies.map((p) => p.id), findings);
}
