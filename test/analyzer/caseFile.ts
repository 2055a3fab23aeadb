/**
 * Loads test/analyzer/cases/*.json:
 *   { name, operation, input (the API's request, documents as objects or text), expected }
 * Documents given as objects are written out with two-space indentation, so that
 * expected spans can be stated as the text they cover.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Operation = 'ValidatePolicy' | 'CheckAccessNotGranted' | 'CheckNoNewAccess' | 'CheckNoPublicAccess';

export interface ExpectedFinding {
  issueCode: string;
  findingType?: string;
  /** A substring of findingDetails. */
  detailsInclude?: string;
  path?: unknown[];
  /** The exact text the first location's span covers. */
  spanText?: string;
  /** Every location, in order: its path and the text its span covers. */
  locations?: { path: unknown[]; spanText: string }[];
}

export interface AnalyzerCase {
  file: string;
  name: string;
  description?: string;
  /** Where the expected answer comes from: the reference section and its example, or an AWS-recorded answer. */
  source?: string;
  operation: Operation;
  input: Record<string, unknown>;
  expected: {
    /** ValidatePolicy: the issue codes of all findings, in order. */
    issueCodes?: string[];
    findings?: ExpectedFinding[];
    /** The checks: */
    result?: 'PASS' | 'FAIL';
    /** statementIndex of every reason, in order. */
    reasonStatements?: number[];
    reasonIncludes?: string;
    /** The answer's message, exactly. */
    message?: string;
    /** Each reason's description, exactly, in order. */
    reasonDescriptions?: string[];
    /** The input is refused; the named member is at fault. */
    invalid?: string;
  };
}

export const CASES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'cases');

const DOCUMENT_MEMBERS = ['policyDocument', 'newPolicyDocument', 'existingPolicyDocument'];

/** The input with every policy document as text. */
export function requestOf(c: AnalyzerCase): Record<string, unknown> {
  const out: Record<string, unknown> = { ...c.input };
  for (const m of DOCUMENT_MEMBERS) {
    const v = out[m];
    if (v !== undefined && typeof v !== 'string') out[m] = JSON.stringify(v, null, 2);
  }
  return out;
}

export function loadCases(): AnalyzerCase[] {
  return readdirSync(CASES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f, ...(JSON.parse(readFileSync(join(CASES_DIR, f), 'utf8')) as Omit<AnalyzerCase, 'file'>) }));
}
