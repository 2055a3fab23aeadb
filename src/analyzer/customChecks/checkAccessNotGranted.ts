/**
 * CheckAccessNotGranted: can any request the policy allows be for one of the
 * listed actions on one of the listed resources?
 *
 * For each Allow statement, the intersection of its Action set with a listed
 * action and of its Resource set with a listed resource must be empty, or lie
 * wholly inside what unconditional Denies (naming every principal) remove. Allow
 * conditions are ignored: they may hold. A PASS is therefore a proof; whatever
 * cannot be shown (including a search that ran out of budget) is a FAIL.
 */
import { Budget } from '../glob/emptiness.ts';
import { actionGlob, resourceGlob } from '../glob/iamPatterns.ts';
import { type GlobSet, UNIVERSE, intersects, single } from '../glob/sets.ts';
import { ANALYZER_LIMITS } from '../limits.ts';
import { appliesToEveryone, namesSomeone } from '../model/principals.ts';
import type { PolicyModel, StatementModel } from '../model/statementModel.ts';
import type { Access, AccessCheckPolicyType, CheckOutcome, Checked, ReasonSummary } from '../types.ts';
import { boxCovered } from './coverage.ts';
import { readPolicy } from './readPolicy.ts';
import { reason } from './reasons.ts';

export const ACCESS_NOT_GRANTED_MESSAGES = {
  PASS: 'The policy document does not grant access to perform one or more of the listed actions or resources.',
  FAIL: 'The policy document grants access to perform one or more of the listed actions or resources.',
  /** When the access lists actions only: AWS CLI User Guide, `aws accessanalyzer check-access-not-granted` example output. */
  PASS_ACTIONS: 'The policy document does not grant access to perform the listed actions.',
  FAIL_ACTIONS: 'The policy document grants access to perform one or more of the listed actions.',
} as const;

export interface CheckAccessNotGrantedInput {
  policyDocument: string;
  access: readonly Access[];
  policyType: AccessCheckPolicyType;
}

export function checkAccessNotGranted(input: CheckAccessNotGrantedInput, budget = new Budget(ANALYZER_LIMITS.searchBudget)): Checked<CheckOutcome> {
  const model = readPolicy(input.policyDocument, input.policyType === 'IDENTITY_POLICY' ? 'identity' : 'resource', 'policyDocument');
  if (!model.ok) return model;
  return { ok: true, value: accessNotGranted(model.value, input.access, budget) };
}

/** The check on a policy already read (for callers holding parsed policies). */
export function accessNotGranted(policy: PolicyModel, access: readonly Access[], budget = new Budget(ANALYZER_LIMITS.searchBudget)): CheckOutcome {
  const reasons: ReasonSummary[] = [];
  const denies = policy.statements
    .filter((d) => d.effect === 'Deny' && d.condition === undefined && appliesToEveryone(d.principal))
    .map((d) => ({ actions: d.actions, resources: d.resourcesUnder }));

  const allows = policy.statements.filter((s) => s.effect === 'Allow' && namesSomeone(s.principal));
  const actionsOnly = access.length > 0 && access.every((a) => (a.actions?.length ?? 0) > 0 && (a.resources?.length ?? 0) === 0);
  const listedWhat = actionsOnly ? 'actions' : 'actions or resources';
  for (const [i, s] of allows.entries()) {
    const sentence = (x: StatementModel) => `One or more of the listed ${listedWhat} in the statement with index: ${x.index}.`;
    const found = grantIn(s, access, denies, budget);
    if (found !== undefined) reasons.push(reason(s, sentence(s), found));
    const next = allows[i + 1];
    if (budget.exhausted && next !== undefined) {
      reasons.push(reason(next, sentence(next), 'crossgate ran out of analysis budget before examining this statement, so it counts as granting access.'));
      break;
    }
  }
  return reasons.length === 0
    ? { result: 'PASS', message: actionsOnly ? ACCESS_NOT_GRANTED_MESSAGES.PASS_ACTIONS : ACCESS_NOT_GRANTED_MESSAGES.PASS, reasons: [] }
    : { result: 'FAIL', message: actionsOnly ? ACCESS_NOT_GRANTED_MESSAGES.FAIL_ACTIONS : ACCESS_NOT_GRANTED_MESSAGES.FAIL, reasons };
}

/** Why the statement may grant listed access, or undefined when it certainly does not. */
function grantIn(s: StatementModel, access: readonly Access[], denies: { actions: GlobSet; resources: GlobSet }[], budget: Budget): string | undefined {
  for (const entry of access) {
    const actions = listed(entry.actions, actionGlob, 'any action');
    const resources = listed(entry.resources, resourceGlob, 'any resource');
    for (const [actionText, action] of actions) {
      const a = intersects([s.actions, action], budget);
      if (a.answer === 'no') continue;
      for (const [resourceText, resource] of resources) {
        const r = intersects([s.resourcesOver, resource], budget);
        if (r.answer === 'no') continue;
        if (boxCovered({ actions: [s.actions, action], resources: [s.resourcesOver, resource] }, denies, budget)) continue;
        const what = `${actionText} on ${resourceText}`;
        if (a.answer === 'unknown' || r.answer === 'unknown' || budget.exhausted) {
          return `crossgate could not prove that it grants no ${what} within its analysis budget, so it counts as granting it.`;
        }
        const conditional = s.condition === undefined ? '' : ' when its conditions hold';
        const example = `${a.witness ?? actionText} on ${r.witness ?? resourceText}`;
        return `It allows ${what}${conditional}, for example ${example}.`;
      }
    }
  }
  return undefined;
}

function listed(values: readonly string[] | undefined, glob: (text: string) => readonly number[], all: string): [string, GlobSet][] {
  if (values === undefined || values.length === 0) return [[all, UNIVERSE]];
  return values.map((v) => [v, single(glob(v))]);
}
