/** Loads test/policy/cases/*.json: { name, request (policies as JSON documents), expected }. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizePolicy, parsePolicy } from '../../src/policy/index.ts';
import type { AuthorizationRequest, EvalDecision, NamedPolicy } from '../../src/policy/index.ts';

export interface CasePolicy {
  name: string;
  kind: NamedPolicy['kind'];
  /** The document as written: an object, or JSON text (URL-encoded too). */
  policy: object | string;
}

export interface PolicyCase {
  file: string;
  name: string;
  description?: string;
  /** The case holds a policy AWS would reject, to exercise fail-closed evaluation. */
  skipValidation?: boolean;
  request: Omit<AuthorizationRequest, 'identityPolicies' | 'resourcePolicy'> & {
    identityPolicies: CasePolicy[];
    resourcePolicy?: CasePolicy;
  };
  expected: {
    decision: EvalDecision;
    /** Sids of every matched statement (allows and denies), in any order. */
    matchedSids?: string[];
    explanationIncludes?: string;
  };
}

export const CASES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'cases');

export function loadCases(): PolicyCase[] {
  return readdirSync(CASES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f, ...(JSON.parse(readFileSync(join(CASES_DIR, f), 'utf8')) as Omit<PolicyCase, 'file'>) }));
}

/** Parses every policy of a case; validation problems fail the case unless it opts out. */
export function toRequest(c: PolicyCase): AuthorizationRequest {
  const named = (p: CasePolicy): NamedPolicy => {
    const parsed = parsePolicy(p.policy, { kind: p.kind });
    if (parsed.ok) return { name: p.name, kind: p.kind, policy: parsed.policy };
    if (c.skipValidation !== true) {
      throw new Error(`${c.file}: policy ${p.name} is invalid: ${JSON.stringify(parsed.problems)}`);
    }
    const document: unknown = typeof p.policy === 'string' ? JSON.parse(p.policy) : p.policy;
    return { name: p.name, kind: p.kind, policy: normalizePolicy(document) };
  };
  const { identityPolicies, resourcePolicy, ...rest } = c.request;
  const request: AuthorizationRequest = { ...rest, identityPolicies: identityPolicies.map(named) };
  if (resourcePolicy !== undefined) request.resourcePolicy = named(resourcePolicy);
  return request;
}
