import type { PolicyType, NamedPolicy, StatementMatch } from './types.ts';

const KIND_LABEL: Record<NamedPolicy['kind'], string> = {
  identity: 'identity policy',
  resource: 'resource policy',
  trust: 'trust policy',
  boundary: 'permissions boundary',
  session: 'session policy',
  scp: 'service control policy',
  rcp: 'resource control policy',
};

/** The policy type each kind of policy counts as (trust policies are the role's resource policy). */
export const POLICY_TYPE_OF: Record<NamedPolicy['kind'], PolicyType> = {
  identity: 'identity',
  resource: 'resource',
  trust: 'resource',
  boundary: 'boundary',
  session: 'session',
  scp: 'scp',
  rcp: 'rcp',
};

export function kindLabel(kind: NamedPolicy['kind']): string {
  return KIND_LABEL[kind];
}

/** 'statement 1 (Sid DenyDelete) of identity policy X' */
export function describeStatement(m: StatementMatch): string {
  const sid = m.sid !== undefined && m.sid !== '' ? ` (Sid ${m.sid})` : '';
  return `statement ${m.statementIndex}${sid} of ${KIND_LABEL[m.kind]} ${m.policy}`;
}

/** 'A', 'A and B', 'A, B and C' */
export function describeStatements(ms: readonly StatementMatch[]): string {
  const parts = ms.map(describeStatement);
  if (parts.length <= 1) return parts[0] ?? 'no statement';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Denying statements, each noting when it applied only to fail closed. */
export function describeDenies(ms: readonly StatementMatch[]): string {
  return ms
    .map((m) =>
      m.unevaluable === undefined
        ? describeStatement(m)
        : `${describeStatement(m)}, which could not be evaluated (${m.unevaluable}) and so applies, to fail closed`,
    )
    .join(separator(ms.length));
}

function separator(n: number): string {
  return n > 2 ? '; ' : ' and ';
}

/** Allow statements for the action that missed, and why (at most three). */
export function describeNearMisses(ms: readonly StatementMatch[]): string {
  if (ms.length === 0) return '';
  const shown = ms.slice(0, 3).map((m) => `${describeStatement(m)}: ${m.reason ?? 'does not match'}`);
  const more = ms.length > 3 ? `; and ${ms.length - 3} more` : '';
  return ` (nearest: ${shown.join('; ')}${more})`;
}

/** Notes on Allow statements that failed closed, appended to an explanation. */
export function describeUnevaluable(ms: readonly StatementMatch[]): string {
  if (ms.length === 0) return '';
  const notes = ms.map((m) => `${describeStatement(m)} could not be evaluated (${m.unevaluable}) and so allows nothing`);
  return ` (${notes.join('; ')})`;
}
