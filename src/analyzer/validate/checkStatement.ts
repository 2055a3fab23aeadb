/** One statement: its elements, which ones the policy type needs or forbids, and their values. */
import { checkActionValue } from './checkActions.ts';
import { checkConditionElement } from './checkCondition.ts';
import { checkPrincipalElement } from './checkPrincipal.ts';
import { checkRedundantActions, checkRedundantResources } from './checkRedundancy.ts';
import { checkResourceValue } from './checkResources.ts';
import { checkActionForResourceType, checkResourceForResourceType } from './checkResourceType.ts';
import { checkSensitiveActions } from './checkSecurity.ts';
import { checkPrincipalRules } from './checkTrust.ts';
import { type StatementView, type Validation, child } from './context.ts';
import { type Node, properties } from './document.ts';
import { stringValues } from './values.ts';

const ELEMENTS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);

/** Where to point for an element that is missing: the statement's opening brace. */
function opening(node: Node): { offset: number; length: number } {
  return { offset: node.offset, length: 1 };
}

export function statementView(index: number, path: StatementView['path'], node: Node): StatementView {
  const byName = new Map(properties(node).map((p) => [p.name, { key: p.key, value: p.value }]));
  const view: StatementView = { index, path, node, element: (name) => byName.get(name) };
  const effect = byName.get('Effect')?.value;
  if (effect?.type === 'string' && (effect.value === 'Allow' || effect.value === 'Deny')) view.effect = effect.value;
  return view;
}

export function checkStatement(v: Validation, st: StatementView): void {
  for (const p of properties(st.node)) {
    if (!ELEMENTS.has(p.name)) v.report('INVALID_POLICY_ELEMENT', child(st.path, { key: p.name }), p.key, { element: p.name });
  }
  checkSid(v, st);
  checkEffect(v, st);
  checkActions(v, st);
  checkResources(v, st);
  checkPrincipals(v, st);
  const condition = st.element('Condition');
  if (condition !== undefined) checkConditionElement(v, st, condition.value);
  checkSensitiveActions(v, st);
  checkPrincipalRules(v, st);
}

function checkSid(v: Validation, st: StatementView): void {
  const sid = st.element('Sid');
  if (sid === undefined) return;
  const path = child(st.path, { value: 'Sid' });
  if (sid.value.type !== 'string') v.report('DATA_TYPE_MISMATCH', path, sid.value, { type: 'String' });
  else if (sid.value.value === '') v.report('EMPTY_SID_VALUE', path, sid.value);
  else if ((v.iamDocument || v.serviceControl) && !/^[A-Za-z0-9]+$/.test(String(sid.value.value))) v.report('UNSUPPORTED_SID', path, sid.value);
}

function checkEffect(v: Validation, st: StatementView): void {
  const effect = st.element('Effect');
  if (effect === undefined) {
    v.report('MISSING_EFFECT', st.path, opening(st.node));
    return;
  }
  const path = child(st.path, { value: 'Effect' });
  if (effect.value.type !== 'string') v.report('DATA_TYPE_MISMATCH', path, effect.value, { type: 'String' });
  else if (st.effect === undefined) v.report('INVALID_EFFECT', path, effect.value, { effect: String(effect.value.value) });
}

/** Reports X and NotX together; returns the one present (X first), if any. */
function pair(v: Validation, st: StatementView, name: string): { name: string; key: Node; value: Node } | undefined {
  const positive = st.element(name);
  const negative = st.element(`Not${name}`);
  if (positive !== undefined && negative !== undefined) {
    const later = positive.key.offset > negative.key.offset ? { n: name, e: positive } : { n: `Not${name}`, e: negative };
    v.report('UNSUPPORTED_ELEMENT_COMBINATION', child(st.path, { key: later.n }), later.e.key, { element1: name, element2: `Not${name}` });
  }
  if (positive !== undefined) return { name, ...positive };
  if (negative !== undefined) return { name: `Not${name}`, ...negative };
  return undefined;
}

function checkActions(v: Validation, st: StatementView): void {
  const found = pair(v, st, 'Action');
  if (found === undefined) {
    v.report('MISSING_ACTION', st.path, opening(st.node));
    return;
  }
  const values = stringValues(v, child(st.path, { value: found.name }), found.value, 'EMPTY_ARRAY_ACTION');
  for (const value of values) {
    checkActionValue(v, value);
    if (found.name === 'Action') checkActionForResourceType(v, value);
  }
  checkRedundantActions(v, values);
}

function checkResources(v: Validation, st: StatementView): void {
  const found = pair(v, st, 'Resource');
  if (found === undefined) {
    // "All policies except role trust policies must include a Resource or NotResource element" (the reference, Error – Missing resource).
    if (v.policyType === 'IDENTITY_POLICY' || v.serviceControl || (v.policyType === 'RESOURCE_POLICY' && !v.trustPolicy)) v.report('MISSING_RESOURCE', st.path, opening(st.node));
    return;
  }
  if (v.trustPolicy) {
    // A role trust policy applies to its role: IAM refuses Resource and NotResource in it.
    v.report('ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE', child(st.path, { key: found.name }), found.key);
    return;
  }
  const values = stringValues(v, child(st.path, { value: found.name }), found.value, 'EMPTY_ARRAY_RESOURCE');
  for (const value of values) {
    checkResourceValue(v, value);
    if (found.name === 'Resource') checkResourceForResourceType(v, value);
  }
  checkRedundantResources(v, values);
}

function checkPrincipals(v: Validation, st: StatementView): void {
  const found = pair(v, st, 'Principal');
  if (found === undefined) {
    if (v.policyType === 'RESOURCE_POLICY') v.report('MISSING_PRINCIPAL', st.path, opening(st.node));
    return;
  }
  const keyPath = child(st.path, { key: found.name });
  if (v.policyType === 'IDENTITY_POLICY') {
    v.report('UNSUPPORTED_PRINCIPAL', keyPath, found.key, { policyType: 'IDENTITY_POLICY' });
    return;
  }
  if (v.policyType === 'SERVICE_CONTROL_POLICY') {
    v.report('SCP_SYNTAX_ERROR_PRINCIPAL', keyPath, found.key);
    return;
  }
  // Resource control policies: checkPrincipalRules (RCP_SYNTAX_ERROR_PRINCIPAL).
  if (v.policyType === 'RESOURCE_CONTROL_POLICY') return;
  if (v.trustPolicy && found.name === 'NotPrincipal') {
    v.report('ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL', keyPath, found.key);
    return;
  }
  checkPrincipalElement(v, st, found.name as 'Principal' | 'NotPrincipal', found.key, found.value);
}
