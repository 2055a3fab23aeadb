/**
 * The four operations: route (method + path), authorize, read the input, ask the
 * analyzer, shape the output. Errors are thrown as AwsError and serialised by the
 * service.
 */
import { createHash } from 'node:crypto';
import type { QueryParams } from '../../protocol/query.ts';
import {
  type CheckOutcome,
  type Checked,
  type ValidatePolicyFinding,
  checkAccessNotGranted,
  checkNoNewAccess,
  checkNoPublicAccess,
  validatePolicy,
} from '../../../analyzer/index.ts';
import { authorizeCall } from '../../authorizeCall.ts';
import type { ControlPlaneCall } from '../types.ts';
import { ValidationException } from './errors.ts';
import { iamDataCatalog } from './iamCatalog.ts';
import {
  checkAccessNotGrantedRequest,
  checkNoNewAccessRequest,
  checkNoPublicAccessRequest,
  parseBody,
  validatePolicyRequest,
} from './input.ts';

export interface Operation {
  name: 'ValidatePolicy' | 'CheckAccessNotGranted' | 'CheckNoNewAccess' | 'CheckNoPublicAccess';
  /** `call`: only its body is read, so an operation can run in a worker thread (pool.ts). */
  run(call: { body: Buffer }, query: Pick<QueryParams, 'get'>): unknown;
}

const OPERATIONS: Record<string, Operation> = {
  '/policy/validation': { name: 'ValidatePolicy', run: runValidatePolicy },
  '/policy/check-access-not-granted': { name: 'CheckAccessNotGranted', run: (call) => outcome(checkAccessNotGranted(checkAccessNotGrantedRequest(parseBody(call.body)))) },
  '/policy/check-no-new-access': { name: 'CheckNoNewAccess', run: (call) => outcome(checkNoNewAccess(checkNoNewAccessRequest(parseBody(call.body)))) },
  '/policy/check-no-public-access': { name: 'CheckNoPublicAccess', run: (call) => outcome(checkNoPublicAccess(checkNoPublicAccessRequest(parseBody(call.body)))) },
};

export function route(method: string, path: string): Operation {
  const op = OPERATIONS[path.replace(/\/+$/, '')];
  if (op === undefined || method !== 'POST') {
    throw new ValidationException(`No operation matches ${method} ${path.slice(0, 200)}`, 'unknownOperation');
  }
  return op;
}

export function authorize(call: ControlPlaneCall, op: Operation, region: string): void {
  const account = call.caller.identity.accountId;
  authorizeCall(
    { state: call.state, caller: call.caller, now: call.now, sourceIp: call.sourceIp, region },
    { action: `access-analyzer:${op.name}`, resource: '*', resourceAccount: account, messageResource: `arn:aws:access-analyzer:${region}:${account}:*` },
    'AccessDeniedException',
  );
}

function unwrap<T>(checked: Checked<T>): T {
  if (checked.ok) return checked.value;
  throw ValidationException.fields([{ name: checked.problem.field, message: checked.problem.message }]);
}

function outcome(checked: Checked<CheckOutcome>): unknown {
  const o = unwrap(checked);
  // ReasonSummary as the service model has it: description, statementIndex, statementId.
  return {
    result: o.result,
    message: o.message,
    reasons: o.reasons.map((r) => ({ description: r.description, ...(r.statementIndex === undefined ? {} : { statementIndex: r.statementIndex }), ...(r.statementId === undefined ? {} : { statementId: r.statementId }) })),
  };
}

function runValidatePolicy(call: { body: Buffer }, query: Pick<QueryParams, 'get'>): unknown {
  const request = validatePolicyRequest(parseBody(call.body), query);
  const findings: ValidatePolicyFinding[] = unwrap(
    validatePolicy(
      { policyDocument: request.policyDocument, policyType: request.policyType, ...(request.validatePolicyResourceType === undefined ? {} : { validatePolicyResourceType: request.validatePolicyResourceType }) },
      { catalog: iamDataCatalog() },
    ),
  );
  const digest = createHash('sha256').update(`${request.policyType}\u0000${request.validatePolicyResourceType ?? ''}\u0000${request.policyDocument}`).digest('hex').slice(0, 16);
  const start = request.nextToken === undefined ? 0 : readToken(request.nextToken, digest, findings.length);
  const end = request.maxResults === undefined ? findings.length : Math.min(findings.length, start + request.maxResults);
  const out: Record<string, unknown> = { findings: findings.slice(start, end) };
  if (end < findings.length) out['nextToken'] = Buffer.from(JSON.stringify({ o: end, d: digest })).toString('base64url');
  return out;
}

/** A token is only good for the same document and policy type it was issued for. */
function readToken(token: string, digest: string, total: number): number {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; d?: unknown };
    if (t.d === digest && typeof t.o === 'number' && Number.isInteger(t.o) && t.o >= 0 && t.o <= total) return t.o;
  } catch {
    // fall through
  }
  throw ValidationException.fields([{ name: 'nextToken', message: "Value at 'nextToken' failed to satisfy constraint: Member must be a token returned by a previous call with the same input" }]);
}
