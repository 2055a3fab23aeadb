/**
 * Limits on what the analyzer reads, so that no document can exhaust the process.
 * Real policies are far smaller: IAM's largest (a role's inline policies together)
 * is 10,240 characters, resource policies a few tens of kilobytes.
 */
export const ANALYZER_LIMITS = {
  /** Characters in one policy document. */
  maxPolicyChars: 131_072,
  /** Nesting of arrays and objects in a policy document (a valid policy needs 6). */
  maxNestingDepth: 32,
  /** Product states explored per API call before answering 'unknown'. */
  searchBudget: 100_000,
  /** Entries compared pairwise by the redundancy checks (longer lists are skipped). */
  maxPairwiseEntries: 200,
  /** "Did you mean …?" suggestions made per document (each is an edit-distance pass over a catalog list). */
  maxSuggestions: 100,
} as const;

/** Deepest nesting of '[' and '{' outside strings; stops counting past `cap`. */
export function nestingDepth(text: string, cap = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) max = depth;
      if (max > cap) return max;
    } else if (c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1);
  }
  return max;
}

export type DocumentProblem = 'tooLarge' | 'tooDeep';

/** Why a document is beyond the limits, if it is. */
export function documentProblem(text: string): DocumentProblem | undefined {
  if (text.length > ANALYZER_LIMITS.maxPolicyChars) return 'tooLarge';
  if (nestingDepth(text, ANALYZER_LIMITS.maxNestingDepth) > ANALYZER_LIMITS.maxNestingDepth) return 'tooDeep';
  return undefined;
}

export function describeDocumentProblem(problem: DocumentProblem): string {
  return problem === 'tooLarge'
    ? `Policy document must be at most ${ANALYZER_LIMITS.maxPolicyChars} characters`
    : `Policy document nests arrays and objects deeper than ${ANALYZER_LIMITS.maxNestingDepth} levels`;
}
