/**
 * Policy documents as IAM accepts them: JSON text, checked by crossgate's policy
 * parser, with IAM's own wording for the common structural mistakes and IAM's size
 * quotas (white space is not counted).
 */
import type { Policy } from '../../../policy/index.ts';
import { parsePolicy } from '../../../policy/index.ts';
import { AwsError } from '../../errors.ts';

export interface StoredDocument {
  /** The document exactly as given (JSON text), as IAM hands it back. */
  text: string;
  policy: Policy;
}

export type DocumentKind = 'identity' | 'trust';

export function malformed(message: string): AwsError {
  return new AwsError('MalformedPolicyDocument', 400, message);
}

/** IAM's quotas, in characters without white space. */
export const DOCUMENT_QUOTAS = {
  trustPolicy: 2048,
  managedPolicy: 6144,
  roleInlineTotal: 10240,
  userInlineTotal: 2048,
} as const;

/** The length IAM counts against its quotas. */
export function quotaLength(text: string): number {
  return text.replace(/\s/g, '').length;
}

/** IAM's wording for the structural mistakes it names itself; undefined when none applies. */
function structuralProblem(document: unknown, kind: DocumentKind): string | undefined {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return 'Syntax errors in policy.';
  const raw = (document as Record<string, unknown>)['Statement'];
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  for (const s of statements) {
    if (typeof s !== 'object' || s === null) continue;
    const has = (field: string) => Object.prototype.hasOwnProperty.call(s, field);
    if (kind === 'identity') {
      for (const field of ['Principal', 'NotPrincipal']) if (has(field)) return `Has prohibited field ${field}`;
    } else {
      if (!has('Principal') && !has('NotPrincipal')) return 'Missing required field Principal';
      for (const field of ['Resource', 'NotResource']) if (has(field)) return `Has prohibited field ${field}`;
    }
  }
  return undefined;
}

/** Parse a document sent to IAM; anything IAM would refuse is MalformedPolicyDocument. */
export function parseDocument(text: string, kind: DocumentKind): StoredDocument {
  // IAM takes JSON text only; a URL-encoded or otherwise wrapped document is a syntax error.
  if (!text.trimStart().startsWith('{')) throw malformed('Syntax errors in policy.');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw malformed('Syntax errors in policy.');
  }
  const structural = structuralProblem(document, kind);
  if (structural) throw malformed(structural);
  const parsed = parsePolicy(text, { kind });
  if (!parsed.ok) {
    const first = parsed.problems[0];
    throw malformed(first ? `${first.message}${first.path ? ` (at ${first.path})` : ''}` : 'Syntax errors in policy.');
  }
  return { text, policy: parsed.policy };
}

/** Parse a document given as text or object, naming where it came from (estate files). */
export function storeDocument(input: string | object, where: string): StoredDocument {
  const text = typeof input === 'string' ? input : JSON.stringify(input);
  const parsed = parsePolicy(text);
  if (!parsed.ok) {
    const first = parsed.problems[0];
    throw malformed(`${where}: ${first ? `${first.message} (at ${first.path || '/'})` : 'invalid policy'}`);
  }
  return { text, policy: parsed.policy };
}
