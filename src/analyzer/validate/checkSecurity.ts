/**
 * Security warnings: iam:PassRole (and, as general warnings,
 * iam:CreateServiceLinkedRole) granted over wildcard resources.
 *
 * As AWS answers: only a wildcard in the resource part of the ARN counts as "star
 * in resource" (arn:aws:iam::*:role/Name names one role name in any account), and
 * only a condition that always tests iam:PassedToService scopes the grant
 * (StringEqualsIfExists holds when the key is missing, so it does not).
 */
import { matchesWildcard, parseOperator } from '../../policy/index.ts';
import { arnFields } from './checkResources.ts';
import type { PathElement } from '../types.ts';
import { type StatementView, type Validation, child } from './context.ts';
import { type Node, items, properties } from './document.ts';
import type { IssueCode } from './issues.ts';

interface Sensitive {
  action: string;
  /** Codes by (how the action is granted) × (how resources are named). */
  codes: { literal: [IssueCode, IssueCode]; wildcard: [IssueCode, IssueCode]; notAction: [IssueCode, IssueCode] };
  /** A condition key that scopes the grant well enough to silence the star-in-resource warnings. */
  scopingKey?: string;
}

const SENSITIVE: Sensitive[] = [
  {
    action: 'iam:PassRole',
    codes: {
      literal: ['PASS_ROLE_WITH_STAR_IN_RESOURCE', 'PASS_ROLE_WITH_NOT_RESOURCE'],
      wildcard: ['PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE', 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE'],
      notAction: ['PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION', 'PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE'],
    },
    scopingKey: 'iam:passedtoservice',
  },
  {
    action: 'iam:CreateServiceLinkedRole',
    codes: {
      literal: ['CREATE_SLR_WITH_STAR_IN_RESOURCE', 'CREATE_SLR_WITH_NOT_RESOURCE'],
      wildcard: ['CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE', 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE'],
      notAction: ['CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION', 'CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE'],
    },
  },
];

function strings(node: Node | undefined): string[] {
  if (node === undefined) return [];
  if (node.type === 'string') return [String(node.value)];
  return items(node).flatMap((n) => (n.type === 'string' ? [String(n.value)] : []));
}

/** Keys tested by a positive, non-IfExists operator (a test that fails when the key is missing). */
function conditionKeys(node: Node | undefined): Set<string> {
  const keys = new Set<string>();
  for (const op of properties(node)) {
    const parsed = parseOperator(op.name);
    if (parsed === undefined || parsed.ifExists || parsed.base.negated || parsed.set === 'ForAllValues' || parsed.base.name === 'Null') continue;
    for (const k of properties(op.value)) keys.add(k.name.toLowerCase());
  }
  return keys;
}

/** "*", or an ARN with a wildcard in its resource part. */
function starred(text: string): boolean {
  if (text === '*') return true;
  const fields = arnFields(text);
  return fields === undefined ? /[*?]/.test(text) : /[*?]/.test(fields[5] ?? '');
}

/** PassRole / CreateServiceLinkedRole in an Allow of an identity policy. */
export function checkSensitiveActions(v: Validation, st: StatementView): void {
  if (v.policyType !== 'IDENTITY_POLICY' || st.effect !== 'Allow') return;
  const action = st.element('Action');
  const notAction = st.element('NotAction');
  const resource = st.element('Resource');
  const notResource = st.element('NotResource');
  const keys = conditionKeys(st.element('Condition')?.value);

  for (const sensitive of SENSITIVE) {
    const matches = (p: string) => p === '*' || matchesWildcard(p, sensitive.action, { ignoreCase: true });
    let how: keyof Sensitive['codes'] | undefined;
    // AWS locates these findings twice: on the action that grants it, then on the resources.
    let actionAt: { path: PathElement[]; node: Node } | undefined;
    if (action !== undefined) {
      const literal = located(child(st.path, { value: 'Action' }), action.value).find((a) => a.text.toLowerCase() === sensitive.action.toLowerCase());
      const wild = located(child(st.path, { value: 'Action' }), action.value).find((a) => matches(a.text));
      if (literal !== undefined) {
        how = 'literal';
        actionAt = literal;
      } else if (wild !== undefined) {
        how = 'wildcard';
        actionAt = wild;
      }
    } else if (notAction !== undefined && !strings(notAction.value).some(matches)) {
      how = 'notAction';
      actionAt = { path: child(st.path, { value: 'NotAction' }), node: notAction.value };
    }
    if (how === undefined || actionAt === undefined) continue;
    const [starCode, notResourceCode] = sensitive.codes[how];

    if (notResource !== undefined) {
      v.reportAt(notResourceCode, [actionAt, { path: child(st.path, { value: 'NotResource' }), node: notResource.value }]);
    } else if (resource !== undefined && !(sensitive.scopingKey !== undefined && keys.has(sensitive.scopingKey))) {
      const starred = starredResource(resource.value);
      if (starred !== undefined) v.reportAt(starCode, [actionAt, { path: child(st.path, { value: 'Resource' }, ...starred.path), node: starred.node }]);
    }
  }
}

function located(path: PathElement[], node: Node): { text: string; path: PathElement[]; node: Node }[] {
  if (node.type === 'string') return [{ text: String(node.value), path, node }];
  return items(node).flatMap((n, index) => (n.type === 'string' ? [{ text: String(n.value), path: child(path, { index }), node: n }] : []));
}

function starredResource(node: Node): { node: Node; path: { index: number }[] } | undefined {
  if (node.type === 'string') return starred(String(node.value)) ? { node, path: [] } : undefined;
  const list = items(node);
  const index = list.findIndex((n) => n.type === 'string' && starred(String(n.value)));
  return index < 0 ? undefined : { node: list[index] as Node, path: [{ index }] };
}
