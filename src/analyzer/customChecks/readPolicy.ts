import { parsePolicy } from '../../policy/index.ts';
import { describeDocumentProblem, documentProblem } from '../limits.ts';
import { type PolicyKind, type PolicyModel, policyModel } from '../model/statementModel.ts';
import type { Checked } from '../types.ts';

/**
 * Reads a document for the access checks: within the limits, valid for its kind
 * (crossgate's parsePolicy), then as sets. An invalid policy is an input problem,
 * never a PASS.
 */
export function readPolicy(text: string, kind: PolicyKind, field: string): Checked<PolicyModel> {
  const problem = documentProblem(text);
  if (problem !== undefined) return { ok: false, problem: { field, message: describeDocumentProblem(problem) } };
  let parsed = parsePolicy(text, { kind });
  let read = kind;
  if (!parsed.ok && kind === 'resource') {
    // A role trust policy is a resource policy without Resource: read it as one.
    const trust = parsePolicy(text, { kind: 'trust' });
    if (trust.ok) {
      parsed = trust;
      read = 'trust';
    }
  }
  if (!parsed.ok) {
    const shown = parsed.problems.slice(0, 3).map((p) => `${p.path === '' ? '(document)' : p.path}: ${p.message}`);
    const more = parsed.problems.length > 3 ? ` (and ${parsed.problems.length - 3} more)` : '';
    return { ok: false, problem: { field, message: `The policy document is not valid: ${shown.join('; ')}${more}` } };
  }
  return { ok: true, value: policyModel(parsed.policy, read) };
}
