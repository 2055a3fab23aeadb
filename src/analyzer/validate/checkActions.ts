/**
 * Action and NotAction values: the service prefix and the action name must exist
 * (from the catalog), variables are not allowed, SCPs take wildcards only at the end.
 */
import { actionIndex } from '../actionIndex.ts';
import type { Validation } from './context.ts';
import { closest } from './suggest.ts';
import { type StringValue, rejectVariables } from './values.ts';

const ACTION_NAME = /^[A-Za-z0-9*?_-]+$/;

export function checkActionValue(v: Validation, value: StringValue): void {
  const text = value.text;
  if (rejectVariables(v, value)) return;
  if (text === '*') return;
  if (v.policyType === 'SERVICE_CONTROL_POLICY' && /[*?]/.test(text.slice(0, -1))) {
    v.report('SCP_SYNTAX_ERROR_ACTION_WILDCARD', value.path, value.node, { action: text });
  }
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) {
    v.report('INVALID_ACTION', value.path, value.node, { action: text });
    return;
  }
  const service = text.slice(0, colon);
  const name = text.slice(colon + 1);
  if (/[*?]/.test(service)) {
    v.report('WILDCARD_IN_SERVICE_NAME', value.path, value.node);
    return;
  }
  if (!ACTION_NAME.test(name)) {
    v.report('INVALID_ACTION', value.path, value.node, { action: text });
    return;
  }
  const catalog = v.catalog;
  if (catalog === undefined) return;
  const prefix = service.toLowerCase();
  if (!catalog.hasService(prefix)) {
    const guess = v.suggest(() => closest(service, catalog.servicePrefixes()));
    v.report('INVALID_SERVICE_IN_ACTION', value.path, value.node, { service, suggestion: guess === undefined ? '' : ` Did you mean ${guess}?` });
    return;
  }
  const index = actionIndex(catalog);
  if (/[*?]/.test(name)) {
    if (index.matching(prefix, name).length === 0) v.report('INVALID_ACTION', value.path, value.node, { action: text });
    return;
  }
  if (index.find(prefix, name) !== undefined) return;
  const guess = v.suggest(() => closest(name, index.actions(prefix) ?? []));
  v.report('INVALID_ACTION', value.path, value.node, { action: text, suggestion: guess === undefined ? '' : ` Did you mean ${prefix}:${guess}?` });
}
