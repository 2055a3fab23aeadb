/** Principal and NotPrincipal: shape, keys, values, and Allow with NotPrincipal. */
import type { PathElement } from '../types.ts';
import { type StatementView, type Validation, child } from './context.ts';
import { type Node, properties } from './document.ts';
import { rejectVariables, stringValues } from './values.ts';

const KEYS = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
const ACCOUNT_ID = /^\d{12}$/;
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com|amazon\.com|amazonaws\.com\.cn|c2s\.ic\.gov|sc2s\.sgov\.gov)$/;

export function checkPrincipalElement(v: Validation, st: StatementView, name: 'Principal' | 'NotPrincipal', key: Node, value: Node): void {
  const path = child(st.path, { value: name });
  if (name === 'NotPrincipal' && st.effect === 'Allow') v.report('ALLOW_WITH_NOT_PRINCIPAL', child(st.path, { key: name }), key);
  if (value.type === 'string') {
    if (value.value !== '*') v.report('INVALID_PRINCIPAL_FORMAT', path, value);
    else if (v.trustPolicy) v.report('ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL', path, value);
    return;
  }
  if (value.type !== 'object') {
    v.report('INVALID_PRINCIPAL_FORMAT', path, value);
    return;
  }
  const props = properties(value);
  if (props.length === 0) {
    v.report('EMPTY_OBJECT_PRINCIPAL', path, value);
    return;
  }
  for (const p of props) {
    if (!KEYS.has(p.name)) {
      v.report('INVALID_PRINCIPAL_KEY', child(path, { key: p.name }), p.key, { key: p.name });
      continue;
    }
    for (const item of stringValues(v, child(path, { value: p.name }), p.value, 'EMPTY_ARRAY_PRINCIPAL')) {
      if (rejectVariables(v, item)) continue;
      checkPrincipalValue(v, p.name, item.text, item.path, item.node, v.trustPolicy);
    }
  }
}

function checkPrincipalValue(v: Validation, key: string, text: string, path: PathElement[], node: Node, trust: boolean): void {
  if (key === 'AWS') {
    if (text === '*' || ACCOUNT_ID.test(text)) return;
    if (/[*?]/.test(text)) v.report('UNSUPPORTED_WILDCARD_IN_PRINCIPAL', path, node, { key });
    else if (/^AROA[A-Z0-9]{12,}$/.test(text)) v.report('INVALID_ROLE_REFERENCE', path, node, { id: text });
    else if (/^AIDA[A-Z0-9]{12,}$/.test(text)) v.report('INVALID_USER_REFERENCE', path, node, { id: text });
    else if (!text.startsWith('arn:')) v.report('INVALID_PRINCIPAL_FORMAT', path, node);
    return;
  }
  // A role trust policy takes "*" only as {"AWS": "*"}: IAM refuses a wildcard service or identity provider.
  if (text === '*' && key !== 'CanonicalUser' && !trust) return;
  if (/[*?]/.test(text)) {
    v.report('UNSUPPORTED_WILDCARD_IN_PRINCIPAL', path, node, { key });
    return;
  }
  if (key === 'Service' && !SERVICE_PRINCIPAL.test(text)) v.report('INVALID_SERVICE_PRINCIPAL_FORMAT', path, node, { expectedFormat: 'service-name.amazonaws.com' });
}
