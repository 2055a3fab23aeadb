/**
 * ValidatePolicy: findings on the policy text as written, each located by a path
 * into the JSON and a span of the original text. Invalid JSON is a finding
 * (JSON_SYNTAX_ERROR), not a failure; only a document beyond crossgate's limits is
 * refused (an input problem the service answers with ValidationException).
 */
import { SUPPORTED_VERSIONS } from '../../policy/index.ts';
import { describeDocumentProblem, documentProblem } from '../limits.ts';
import type { Checked, PathElement, PolicyType, ValidatePolicyFinding, ValidatePolicyResourceType } from '../types.ts';
import { statementKey } from './checkRedundancy.ts';
import { checkStatement, statementView } from './checkStatement.ts';
import { type StatementView, type ValidateOptions, Validation, child } from './context.ts';
import { type Node, items, position, properties, readPolicyText } from './document.ts';

export interface ValidatePolicyInput {
  policyDocument: string;
  policyType: PolicyType;
  validatePolicyResourceType?: ValidatePolicyResourceType;
}

const TOP_LEVEL = new Set(['Version', 'Id', 'Statement']);
/**
 * Size quotas as Access Analyzer cites them: 10,240 characters for identity
 * policies (IAM's largest, the inline policies of a role together; AWS's answers
 * for managed policies cite the same figure), 5,120 for SCPs and RCPs (AWS
 * Organizations quotas), 2,048 for a role trust policy (IAM's default quota).
 * Whitespace does not count.
 */
const IDENTITY_POLICY_QUOTA = 10_240;
const SCP_QUOTA = 5120;
const RCP_QUOTA = 5120;
const TRUST_POLICY_QUOTA = 2048;

export function validatePolicy(input: ValidatePolicyInput, options: ValidateOptions = {}): Checked<ValidatePolicyFinding[]> {
  const problem = documentProblem(input.policyDocument);
  if (problem !== undefined) return { ok: false, problem: { field: 'policyDocument', message: describeDocumentProblem(problem) } };

  const doc = readPolicyText(input.policyDocument);
  const v = new Validation(doc, input.policyType, input.validatePolicyResourceType, options);
  if (doc.syntaxError !== undefined || doc.root === undefined) {
    const at = doc.syntaxError ?? { offset: 0, length: 0 };
    const pos = position(doc, at.offset);
    v.report('JSON_SYNTAX_ERROR', [], at, { offset: pos.offset, line: pos.line, column: pos.column });
    return { ok: true, value: v.result() };
  }
  const root = doc.root;
  if (root.type !== 'object') {
    v.report('DATA_TYPE_MISMATCH', [], root, { type: 'Object' });
    return { ok: true, value: v.result() };
  }

  for (const p of properties(root)) {
    if (!TOP_LEVEL.has(p.name)) v.report('INVALID_POLICY_ELEMENT', [{ key: p.name }], p.key, { element: p.name });
  }
  checkVersion(v, root);
  const id = properties(root).filter((p) => p.name === 'Id').pop();
  if (id !== undefined && id.value.type !== 'string') v.report('DATA_TYPE_MISMATCH', [{ value: 'Id' }], id.value, { type: 'String' });

  const statements = statementViews(v, root);
  for (const st of statements) checkStatement(v, st);
  checkSids(v, statements);
  checkSize(v, root, input.policyDocument);
  const document = parsedJson(input.policyDocument);
  if (document !== undefined) {
    checkRedundantStatements(v, statements, document);
  }
  return { ok: true, value: v.result() };
}

function checkVersion(v: Validation, root: Node): void {
  const version = properties(root).filter((p) => p.name === 'Version').pop();
  if (version === undefined) {
    v.report('MISSING_VERSION', [], { offset: root.offset, length: 1 });
    return;
  }
  const path: PathElement[] = [{ value: 'Version' }];
  if (version.value.type !== 'string') {
    v.report('DATA_TYPE_MISMATCH', path, version.value, { type: 'String' });
    return;
  }
  const text = String(version.value.value);
  if (!SUPPORTED_VERSIONS.includes(text)) {
    v.report('INVALID_VERSION', path, version.value, { version: text, versions: SUPPORTED_VERSIONS.join(', ') });
    return;
  }
  v.version = text;
}

function statementViews(v: Validation, root: Node): StatementView[] {
  const statement = properties(root).filter((p) => p.name === 'Statement').pop();
  if (statement === undefined) {
    v.report('MISSING_STATEMENT', [], { offset: root.offset, length: 1 });
    return [];
  }
  const path: PathElement[] = [{ value: 'Statement' }];
  if (statement.value.type === 'object') return [statementView(0, path, statement.value)];
  if (statement.value.type !== 'array') {
    v.report('DATA_TYPE_MISMATCH', path, statement.value, { type: 'Array' });
    return [];
  }
  const list = items(statement.value);
  if (list.length === 0) v.report('MISSING_STATEMENT', path, statement.value);
  const views: StatementView[] = [];
  list.forEach((node, index) => {
    if (node.type === 'object') views.push(statementView(index, child(path, { index }), node));
    else v.report('DATA_TYPE_MISMATCH', child(path, { index }), node, { type: 'Object' });
  });
  return views;
}

function checkSids(v: Validation, statements: StatementView[]): void {
  const seen = new Set<string>();
  for (const st of statements) {
    const sid = st.element('Sid');
    if (sid?.value.type !== 'string' || sid.value.value === '') continue;
    const text = String(sid.value.value);
    if (seen.has(text)) {
      const code = v.policyType === 'RESOURCE_POLICY' && !v.trustPolicy ? 'UNIQUE_SIDS_RECOMMENDED' : 'UNIQUE_SIDS_REQUIRED';
      v.report(code, child(st.path, { value: 'Sid' }), sid.value);
    }
    seen.add(text);
  }
}

/** The document as JSON.parse reads it (what the access checks see), if it does. */
function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function checkRedundantStatements(v: Validation, statements: StatementView[], document: unknown): void {
  if (statements.length < 2) return;
  const parsed = (typeof document === 'object' && document !== null ? document : {}) as { Statement?: unknown };
  const raw = Array.isArray(parsed.Statement) ? (parsed.Statement as unknown[]) : [];
  const seen = new Set<string>();
  for (const st of statements) {
    const key = statementKey(raw[st.index]);
    if (seen.has(key)) v.report('REDUNDANT_STATEMENT', st.path, { offset: st.node.offset, length: 1 });
    seen.add(key);
  }
}

function checkSize(v: Validation, root: Node, text: string): void {
  const size = text.replace(/\s+/g, '').length;
  const at = { offset: root.offset, length: 1 };
  if (v.policyType === 'IDENTITY_POLICY' && size > IDENTITY_POLICY_QUOTA) {
    v.report('POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA', [], at, { size, quota: IDENTITY_POLICY_QUOTA });
  }
  if (v.policyType === 'SERVICE_CONTROL_POLICY' && size > SCP_QUOTA) v.report('POLICY_SIZE_EXCEEDS_SCP_QUOTA', [], at, { size, quota: SCP_QUOTA });
  if (v.policyType === 'RESOURCE_CONTROL_POLICY' && size > RCP_QUOTA) v.report('POLICY_SIZE_EXCEEDS_RCP_QUOTA', [], at, { size, quota: RCP_QUOTA });
  if (v.trustPolicy && size > TRUST_POLICY_QUOTA) v.report('POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA', [], at);
}
