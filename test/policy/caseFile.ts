/**
 * Loads the table-driven corpus: test/policy/cases/<topic>/*.json, each
 * { name, doc, request (policies as JSON documents), expected }. Every case cites the
 * AWS documentation rule it encodes (doc: { url, quote }).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizePolicy, parsePolicy } from '../../src/policy/index.ts';
import type { AuthorizationRequest, EvalDecision, PolicyType, PolicyTypeDecisions, NamedPolicy } from '../../src/policy/index.ts';

export interface CasePolicy {
  name: string;
  kind: NamedPolicy['kind'];
  /** The document as written: an object, or JSON text (URL-encoded too). */
  policy: object | string;
}

export interface CaseDoc {
  /** The AWS documentation page (with its anchor when it has one). */
  url: string;
  /** The rule, quoted or summarised. */
  quote: string;
}

type Layered = 'identityPolicies' | 'resourcePolicy' | 'permissionsBoundary' | 'sessionPolicies' | 'scps' | 'rcps';

export interface PolicyCase {
  /** Path under cases/, e.g. 'conditions/cond-ip-address.json'. */
  file: string;
  topic: string;
  name: string;
  description?: string;
  doc: CaseDoc | CaseDoc[];
  /** The case holds a policy AWS would reject, to exercise fail-closed evaluation. */
  skipValidation?: boolean;
  request: Omit<AuthorizationRequest, Layered> & {
    identityPolicies: CasePolicy[];
    resourcePolicy?: CasePolicy;
    permissionsBoundary?: CasePolicy;
    sessionPolicies?: CasePolicy[];
    scps?: CasePolicy[][];
    rcps?: CasePolicy[][];
  };
  expected: {
    decision: EvalDecision;
    /** Sids of every matched statement (allows and denies), in any order. */
    matchedSids?: string[];
    explanationIncludes?: string;
    decidedBy?: PolicyType[];
    /** The layers named here must have decided so. */
    layers?: Partial<PolicyTypeDecisions>;
    /** Exactly these missing context keys, in any order. */
    missingContextKeys?: string[];
    /** Each of these failed conditions must be reported. */
    failedConditions?: { key: string; why: string; sid?: string }[];
    /** Matched statements' source positions, by Sid (1-based line and column of the statement's '{'). */
    positions?: { sid: string; line: number; column: number }[];
  };
}

export const CASES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'cases');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return walk(p);
    return name.endsWith('.json') ? [p] : [];
  });
}

export function loadCases(): PolicyCase[] {
  return walk(CASES_DIR)
    .map((p) => relative(CASES_DIR, p).split('\\').join('/'))
    .sort()
    .map((file) => ({
      file,
      topic: file.includes('/') ? (file.split('/')[0] as string) : '',
      ...(JSON.parse(readFileSync(join(CASES_DIR, file), 'utf8')) as Omit<PolicyCase, 'file' | 'topic'>),
    }));
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
  const { identityPolicies, resourcePolicy, permissionsBoundary, sessionPolicies, scps, rcps, ...rest } = c.request;
  const request: AuthorizationRequest = { ...rest, identityPolicies: identityPolicies.map(named) };
  if (resourcePolicy !== undefined) request.resourcePolicy = named(resourcePolicy);
  if (permissionsBoundary !== undefined) request.permissionsBoundary = named(permissionsBoundary);
  if (sessionPolicies !== undefined) request.sessionPolicies = sessionPolicies.map(named);
  if (scps !== undefined) request.scps = scps.map((level) => level.map(named));
  if (rcps !== undefined) request.rcps = rcps.map((level) => level.map(named));
  return request;
}
