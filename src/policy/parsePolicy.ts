import { checkPolicy } from './checkPolicy.ts';
import { normalizePolicy } from './normalizePolicy.ts';
import { statementPositions } from './sourcePositions.ts';
import type { ParseOptions, ParseResult, PolicyProblem } from './types.ts';
import { validateSchema } from './validateSchema.ts';

/**
 * Reads a policy document: a JSON string (URL-encoded too, as IAM hands documents
 * back), or an already parsed object. Checks the grammar (schemas/policy.schema.json)
 * and IAM's semantic rules, then normalises it. Never throws.
 *
 * Problem paths are JSON Pointers into the document as written. Statements read
 * from text carry their position in it (after URL-decoding), for explanations and
 * the IAM simulator's StartPosition/EndPosition.
 */
export function parsePolicy(input: string | object, options: ParseOptions = {}): ParseResult {
  try {
    return parse(input, options);
  } catch (e) {
    // Only reachable with hostile objects (throwing getters and the like).
    return { ok: false, problems: [{ path: '', message: `could not read the policy: ${(e as Error).message}` }] };
  }
}

function parse(input: string | object, options: ParseOptions): ParseResult {
  let document: unknown;
  let text: string | undefined;
  try {
    text = typeof input === 'string' ? decode(input) : undefined;
    document = text !== undefined ? JSON.parse(text) : input;
  } catch (e) {
    const message = e instanceof URIError ? 'not valid URL-encoded text' : `not valid JSON: ${(e as Error).message}`;
    return { ok: false, problems: [{ path: '', message }] };
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { ok: false, problems: [{ path: '', message: 'a policy must be a JSON object' }] };
  }

  // Validate a Statement object as a one-item list, then point problems back at it.
  const statement = (document as Record<string, unknown>)['Statement'];
  const single = typeof statement === 'object' && statement !== null && !Array.isArray(statement);
  const listed = single ? { ...document, Statement: [statement] } : document;

  const problems = dedupe([...validateSchema(listed), ...checkPolicy(listed, options.kind)]).map((p) =>
    single ? { ...p, path: p.path.replace(/^\/Statement\/0(?=\/|$)/, '/Statement') } : p,
  );
  if (problems.length > 0) return { ok: false, problems };
  const policy = normalizePolicy(listed);
  const positions = text === undefined ? undefined : statementPositions(text);
  if (positions !== undefined && positions.length === policy.statements.length) {
    policy.statements.forEach((s, i) => {
      s.position = positions[i];
    });
  }
  return { ok: true, policy };
}

/** IAM returns documents URL-encoded (RFC 3986): '%7B…'. */
function decode(text: string): string {
  const trimmed = text.trimStart();
  return /^%7B/i.test(trimmed) ? decodeURIComponent(trimmed.trimEnd()) : text;
}

function dedupe(problems: PolicyProblem[]): PolicyProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
