/**
 * CheckNoNewAccess: does the new policy allow anything the existing one does not?
 *
 * Every Allow of the new policy is cut into pieces (one principal × one Action
 * value × one Resource value). Each piece must be
 *   1. removed entirely by the new policy's unconditional Denies, or
 *   2. covered by existing Allows that name at least the same principals, whose
 *      conditions the new statement's conditions imply, and whose resources
 *      certainly (whatever policy variables resolve to) include the piece's; and
 *      wherever an existing Deny — with or without conditions — may cut into the
 *      piece, the new policy must deny that part too (unconditionally, or with the
 *      very same condition and principals).
 * A PASS is therefore a proof. Anything not shown this way (NotPrincipal in the
 * existing policy, conditions that do not compare, an exhausted search budget) is
 * reported as new access, with the reason.
 */
import { Budget } from '../glob/emptiness.ts';
import { type GlobSet, complement, intersects, union } from '../glob/sets.ts';
import type { Glob } from '../glob/glob.ts';
import { ANALYZER_LIMITS } from '../limits.ts';
import { conditionImplies, sameCondition } from '../model/conditions.ts';
import { type PrincipalUnit, appliesToEveryone, describeUnit, namesSomeone, principalCovers, principalUnits } from '../model/principals.ts';
import type { PolicyKind, PolicyModel, PrincipalSpec, StatementModel } from '../model/statementModel.ts';
import type { AccessCheckPolicyType, CheckOutcome, Checked, ReasonSummary } from '../types.ts';
import { type Box, type Region, boxCovered } from './coverage.ts';
import { readPolicy } from './readPolicy.ts';
import { reason } from './reasons.ts';

export const NO_NEW_ACCESS_MESSAGES = {
  PASS: 'The modified permissions do not grant new access compared to your existing policy.',
  FAIL: 'The modified permissions grant new access compared to your existing policy.',
} as const;

export interface CheckNoNewAccessInput {
  newPolicyDocument: string;
  existingPolicyDocument: string;
  policyType: AccessCheckPolicyType;
}

export function checkNoNewAccess(input: CheckNoNewAccessInput, budget = new Budget(ANALYZER_LIMITS.searchBudget)): Checked<CheckOutcome> {
  const kind: PolicyKind = input.policyType === 'IDENTITY_POLICY' ? 'identity' : 'resource';
  const existing = readPolicy(input.existingPolicyDocument, kind, 'existingPolicyDocument');
  if (!existing.ok) return existing;
  const next = readPolicy(input.newPolicyDocument, kind, 'newPolicyDocument');
  if (!next.ok) return next;
  return { ok: true, value: noNewAccess(next.value, existing.value, budget) };
}

export function noNewAccess(next: PolicyModel, existing: PolicyModel, budget = new Budget(ANALYZER_LIMITS.searchBudget)): CheckOutcome {
  const sameVersion = next.version === existing.version;
  const reasons: ReasonSummary[] = [];
  const allows = next.statements.filter((s) => s.effect === 'Allow' && namesSomeone(s.principal));
  for (const [i, s] of allows.entries()) {
    const why = newAccessIn(s, next, existing, sameVersion, budget);
    if (why !== undefined) reasons.push(reason(s, `New access in the statement with index: ${s.index}.`, why));
    const following = allows[i + 1];
    if (budget.exhausted && following !== undefined) {
      reasons.push(reason(following, `New access in the statement with index: ${following.index}.`, 'crossgate ran out of analysis budget before examining this statement, so it counts as new access.'));
      break;
    }
  }
  return reasons.length === 0
    ? { result: 'PASS', message: NO_NEW_ACCESS_MESSAGES.PASS, reasons: [] }
    : { result: 'FAIL', message: NO_NEW_ACCESS_MESSAGES.FAIL, reasons };
}

function region(s: StatementModel): Region {
  return { actions: s.actions, resources: s.resourcesUnder };
}

function sameElement(a: StatementModel['resourceElement'], b: StatementModel['resourceElement']): boolean {
  return a !== undefined && b !== undefined && a.negated === b.negated && a.values.length === b.values.length && a.values.every((v, i) => v === b.values[i]);
}

/**
 * What existing Allow `e` certainly covers of new statement `s`'s resource part
 * `index`. A value written identically (under the same Version) matches the same
 * resources in every request, policy variables included, so it covers itself.
 */
function coverRegion(e: StatementModel, s: StatementModel, index: number, part: GlobSet, sameVersion: boolean): Region {
  if (!sameVersion) return region(e);
  if (sameElement(e.resourceElement, s.resourceElement)) return { actions: e.actions, resources: part };
  const text = s.resourcePartTexts[index];
  if (text !== undefined && e.resourceElement?.negated === false && e.resourceElement.values.includes(text)) {
    return { actions: e.actions, resources: union([...(e.resourcesUnder.globs as Glob[]), ...(part.globs as Glob[])]) };
  }
  return region(e);
}

/** What a new Deny mirroring existing Deny `d` certainly removes: with an identical Resource element, all of d's. */
function mirrorRegion(nd: StatementModel, d: StatementModel, sameVersion: boolean): Region {
  return sameVersion && sameElement(nd.resourceElement, d.resourceElement) ? { actions: nd.actions, resources: d.resourcesOver } : region(nd);
}

/** Why statement `s` of the new policy may grant new access, or undefined. */
function newAccessIn(s: StatementModel, next: PolicyModel, existing: PolicyModel, sameVersion: boolean, budget: Budget): string | undefined {
  const newDenies = next.statements.filter((d) => d.effect === 'Deny' && d.condition === undefined && appliesToEveryone(d.principal)).map(region);
  const existingAllows = existing.statements.filter((e) => e.effect === 'Allow');
  const existingDenies = existing.statements.filter((d) => d.effect === 'Deny');

  for (const unit of principalUnits(s.principal)) {
    for (const action of s.actionParts) {
      for (const [index, resource] of s.resourceParts.entries()) {
        if (budget.exhausted) return `crossgate ran out of analysis budget before it could prove that the existing policy allows everything this statement allows.`;
        const box: Box = { actions: [action], resources: [resource] };
        if (boxCovered(box, newDenies, budget)) continue;
        const piece = describePiece(s, unit, next.kind);

        const covering = existingAllows.filter((e) => principalCovers(e.principal, unit) && conditionImplies(s.condition, e.condition, sameVersion));
        if (!boxCovered(box, covering.map((e) => coverRegion(e, s, index, resource, sameVersion)), budget)) {
          return budget.exhausted
            ? `crossgate ran out of analysis budget proving that the existing policy allows ${piece}.`
            : missing(s, unit, piece, box, existingAllows, sameVersion, budget);
        }

        for (const d of existingDenies) {
          const overlapA = intersects([action, d.actions], budget).answer;
          const overlapR = intersects([resource, d.resourcesOver], budget).answer;
          if (overlapA === 'no' || overlapR === 'no') continue;
          const mirrors = next.statements
            .filter((nd) => nd.effect === 'Deny' && mirrorsDeny(nd, d, sameVersion))
            .map((nd) => mirrorRegion(nd, d, sameVersion));
          const cut: Box = { actions: [action, d.actions], resources: [resource, d.resourcesOver] };
          if (!boxCovered(cut, mirrors, budget)) {
            const conditional = d.condition === undefined ? '' : ' under its conditions';
            return `The existing policy denies part of ${piece}${conditional} in its statement with index: ${d.index}, and the new policy does not deny it.`;
          }
        }
      }
    }
  }
  return undefined;
}

/** A new Deny that applies wherever the existing Deny `d` may. */
function mirrorsDeny(nd: StatementModel, d: StatementModel, sameVersion: boolean): boolean {
  if (nd.condition === undefined && appliesToEveryone(nd.principal)) return true;
  return sameCondition(nd.condition, d.condition, sameVersion) && samePrincipals(nd.principal, d.principal);
}

function samePrincipals(a: PrincipalSpec, b: PrincipalSpec): boolean {
  if (a.kind === 'holder' || b.kind === 'holder') return a.kind === b.kind;
  if (a.kind !== b.kind) return false;
  return JSON.stringify(normalized(a.block)) === JSON.stringify(normalized(b.block));
}

function normalized(block: object): unknown {
  const entries = Object.entries(block) as [string, unknown][];
  return entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, Array.isArray(v) ? [...(v as string[])].sort() : v]);
}

function describePiece(s: StatementModel, unit: PrincipalUnit, kind: PolicyKind): string {
  const who = kind === 'identity' ? '' : ` to ${describeUnit(unit)}`;
  return `${s.describe.actions} on ${s.describe.resources}${who}`;
}

/** Explains a piece no existing Allow covers: is it the principal, the condition or the actions/resources? */
function missing(s: StatementModel, unit: PrincipalUnit, piece: string, box: Box, allows: StatementModel[], sameVersion: boolean, budget: Budget): string {
  if (unit.kind === 'allBut') return `It allows ${piece}; crossgate cannot show that the existing policy allows every principal a NotPrincipal admits.`;
  const byPrincipal = allows.filter((e) => principalCovers(e.principal, unit));
  if (byPrincipal.length === 0) {
    const notPrincipal = allows.some((e) => e.principal.kind === 'notPrincipal');
    return notPrincipal
      ? `It allows ${piece}; the existing policy names principals only through NotPrincipal, which crossgate does not rely on.`
      : `It allows ${piece}, and no statement of the existing policy allows ${describeUnit(unit)}.`;
  }
  const byCondition = byPrincipal.filter((e) => conditionImplies(s.condition, e.condition, sameVersion));
  if (byCondition.length === 0) {
    return `It allows ${piece}; the existing statements that name the same principals have conditions that this statement's conditions do not imply.`;
  }
  const variable = byCondition.some((e) => e.variableResources);
  const note = variable ? ' (existing Resource values with policy variables count only for what they match in every request)' : '';
  // An action no covering statement allows at all makes a concrete example.
  const action = intersects([...box.actions, ...byCondition.map((e) => complement(e.actions))], budget);
  const resource = intersects(box.resources, budget);
  const onResource = s.resourceElement === undefined ? '' : ` on ${resource.witness}`;
  const example = action.answer === 'yes' && resource.answer === 'yes' ? `, for example ${action.witness}${onResource}` : '';
  return `It allows ${piece}, which the existing policy does not allow${note}${example}.`;
}
