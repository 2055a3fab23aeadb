/**
 * Principals as sets, for resource and trust policies: who a Principal element
 * can name, and whether one element names at least everyone another one does.
 */
import { parseArn, parsePrincipalArn } from '../../arn/index.ts';
import type { PrincipalBlock } from '../../policy/index.ts';
import type { PrincipalSpec } from './statementModel.ts';

const ACCOUNT_ID = /^\d{12}$/;
const OTHER_TYPES = ['Service', 'Federated', 'CanonicalUser'] as const;

/** One principal a statement names (NotPrincipal stays whole: it names everyone else). */
export type PrincipalUnit =
  | { kind: 'holder' }
  | { kind: 'everyone' }
  | { kind: 'aws'; value: string }
  | { kind: 'other'; type: (typeof OTHER_TYPES)[number]; value: string }
  | { kind: 'allBut'; block: PrincipalBlock };

/** Principal "*" or {"AWS": "*"}: every principal, anonymous callers included. */
export function namesEveryone(block: PrincipalBlock): boolean {
  return block.wildcard === true || (block.AWS ?? []).includes('*');
}

export function principalUnits(spec: PrincipalSpec): PrincipalUnit[] {
  if (spec.kind === 'holder') return [{ kind: 'holder' }];
  if (spec.kind === 'notPrincipal') return [{ kind: 'allBut', block: spec.block }];
  if (namesEveryone(spec.block)) return [{ kind: 'everyone' }];
  const units: PrincipalUnit[] = (spec.block.AWS ?? []).map((value) => ({ kind: 'aws', value }));
  for (const type of OTHER_TYPES) for (const value of spec.block[type] ?? []) units.push({ kind: 'other', type, value });
  return units;
}

/** The account an AWS principal value belongs to, if it says. */
export function accountOf(value: string): string | undefined {
  if (ACCOUNT_ID.test(value)) return value;
  const named = parsePrincipalArn(value);
  if (named !== undefined) return named.accountId;
  const arn = parseArn(value);
  return arn !== undefined && ACCOUNT_ID.test(arn.accountId) ? arn.accountId : undefined;
}

/** '111111111111' or 'arn:aws:iam::111111111111:root': every principal of the account. */
export function isAccountPrincipal(value: string): boolean {
  return ACCOUNT_ID.test(value) || parsePrincipalArn(value)?.kind === 'root';
}

/**
 * Does `spec` name every principal that `unit` names? An account covers every
 * principal of that account. NotPrincipal in `spec` is never relied on.
 */
export function principalCovers(spec: PrincipalSpec, unit: PrincipalUnit): boolean {
  if (spec.kind === 'holder') return unit.kind === 'holder';
  if (spec.kind === 'notPrincipal') return false;
  if (namesEveryone(spec.block)) return unit.kind !== 'holder';
  switch (unit.kind) {
    case 'holder':
    case 'everyone':
    case 'allBut':
      return false;
    case 'aws': {
      const account = accountOf(unit.value);
      return (spec.block.AWS ?? []).some((w) => w === unit.value || (isAccountPrincipal(w) && account !== undefined && accountOf(w) === account));
    }
    case 'other':
      return (spec.block[unit.type] ?? []).includes(unit.value);
  }
}

/** Can the statement name anyone at all? (An empty Principal block names no one.) */
export function namesSomeone(spec: PrincipalSpec): boolean {
  return spec.kind !== 'principal' || principalUnits(spec).length > 0;
}

/** A Deny that applies to every caller whatever its principal element (identity policy, or Principal "*"). */
export function appliesToEveryone(spec: PrincipalSpec): boolean {
  return spec.kind === 'holder' || (spec.kind === 'principal' && namesEveryone(spec.block));
}

export function describeUnit(unit: PrincipalUnit): string {
  switch (unit.kind) {
    case 'holder':
      return 'the policy holder';
    case 'everyone':
      return 'every principal ("*")';
    case 'aws':
      return unit.value;
    case 'other':
      return `${unit.type} ${unit.value}`;
    case 'allBut':
      return 'every principal not listed in NotPrincipal';
  }
}
