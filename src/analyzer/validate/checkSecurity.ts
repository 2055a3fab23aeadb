/**
 * Security warnings: iam:PassRole (and, as general warnings,
 * iam:CreateServiceLinkedRole) granted over wildcard resources, and crossgate's
 * open-trust-policy warnings.
 */
import { matchesWildcard, normalizePolicy } from '../../policy/index.ts';
import { publicGrants } from '../checks/checkNoPublicAccess.ts';
import { policyModel } from '../model/statementModel.ts';
import { type StatementView, type Validation, child } from './context.ts';
import { type Node, items, properties, property } from './document.ts';
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

function conditionKeys(node: Node | undefined): Set<string> {
  const keys = new Set<string>();
  for (const op of properties(node)) for (const k of properties(op.value)) keys.add(k.name.toLowerCase());
  return keys;
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
    if (action !== undefined) {
      const granted = strings(action.value).filter(matches);
      if (granted.some((p) => p.toLowerCase() === sensitive.action.toLowerCase())) how = 'literal';
      else if (granted.length > 0) how = 'wildcard';
    } else if (notAction !== undefined && !strings(notAction.value).some(matches)) how = 'notAction';
    if (how === undefined) continue;
    const [starCode, notResourceCode] = sensitive.codes[how];

    if (notResource !== undefined) {
      v.report(notResourceCode, child(st.path, { key: 'NotResource' }), notResource.key);
    } else if (resource !== undefined && !(sensitive.scopingKey !== undefined && keys.has(sensitive.scopingKey))) {
      const starred = starredResource(resource.value);
      if (starred !== undefined) v.report(starCode, child(st.path, { value: 'Resource' }, ...starred.path), starred.node);
    }
  }
}

function starredResource(node: Node): { node: Node; path: { index: number }[] } | undefined {
  if (node.type === 'string') return String(node.value).includes('*') ? { node, path: [] } : undefined;
  const list = items(node);
  const index = list.findIndex((n) => n.type === 'string' && String(n.value).includes('*'));
  return index < 0 ? undefined : { node: list[index] as Node, path: [{ index }] };
}

/**
 * crossgate's trust-policy warnings: the same reasoning as CheckNoPublicAccess
 * (a role anyone can assume), reported on the statement's principal.
 */
export function checkOpenTrust(v: Validation, document: unknown, statements: StatementView[]): void {
  if (!v.trustPolicy) return;
  const model = policyModel(normalizePolicy(document), 'trust');
  for (const grant of publicGrants(model, v.budget)) {
    if (grant.kind === 'undecided') continue;
    const st = statements[grant.statement.index];
    if (st === undefined) continue;
    const element = grant.kind === 'notPrincipal' ? 'NotPrincipal' : 'Principal';
    const found = st.element(element);
    if (found === undefined) continue;
    if (grant.kind === 'webIdentity') {
      const federated = property(found.value, 'Federated');
      const at = federated === undefined ? { path: child(st.path, { value: element }), node: found.value } : { path: child(st.path, { value: element }, { value: 'Federated' }), node: federated.value };
      v.report('TRUST_POLICY_ALLOWS_ANY_WEB_IDENTITY', at.path, at.node, { provider: grant.provider ?? '', claims: (grant.claims ?? []).join(' or ') || 'its audience or subject' });
    } else {
      const principal = grant.kind === 'notPrincipal' ? 'every principal not listed in NotPrincipal' : (grant.principal ?? '"*"');
      v.report('TRUST_POLICY_ALLOWS_ANY_PRINCIPAL', child(st.path, { value: element }), found.value, { principal });
    }
  }
}
