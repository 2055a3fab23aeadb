/**
 * IAM's Action and Resource values as globs, with exactly the semantics of
 * crossgate's evaluator (src/policy): actions case-insensitive and matched as
 * one string; resources case-sensitive, and ARN patterns with six fields matched
 * field by field (wildcards in the first five fields never span ':').
 */
import { ANY, ANY_NO_COLON, COLON, ONE, ONE_NO_COLON, type Glob, codePoints, wildcardGlob } from './glob.ts';

/** An action pattern (or a concrete action): case folded, '*' and '?' wildcards. */
export function actionGlob(text: string): Glob {
  return wildcardGlob(text.toLowerCase());
}

/**
 * What a Resource value can match. `over` contains every resource the value can
 * match in some request context, `under` only resources it matches in every
 * context; undefined means the empty set. They differ only for values with
 * policy variables, whose substitution depends on the request.
 */
export interface ResourceGlobs {
  over?: Glob;
  under?: Glob;
  /** The value uses policy variables. */
  variable: boolean;
}

const ESCAPES: Record<string, number> = { '*': 0x2a, '?': 0x3f, $: 0x24 };
/** Marks a literal code point in the token stream before segmentation (escapes never act as wildcards). */
type Token = { literal: number } | { wildcard: typeof ANY | typeof ONE } | { variable: true };

/** Reads a Resource value the way substituteVariables does (variables only under Version 2012-10-17). */
function tokens(text: string, variables: boolean): Token[] {
  const own = (s: string): Token[] => wildcardGlob(s).map((c) => (c < 0 ? { wildcard: c as typeof ANY | typeof ONE } : { literal: c }));
  if (!variables || !text.includes('${')) return own(text);
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('${', i);
    const close = open < 0 ? -1 : text.indexOf('}', open + 2);
    if (open < 0 || close < 0) {
      out.push(...own(text.slice(i)));
      break;
    }
    out.push(...own(text.slice(i, open)));
    const body = text.slice(open + 2, close).trim();
    const escaped = ESCAPES[body];
    out.push(escaped === undefined ? { variable: true } : { literal: escaped });
    i = close + 1;
  }
  return out;
}

export function resourceGlobs(text: string, variables: boolean): ResourceGlobs {
  const toks = tokens(text, variables);
  if (toks.some((t) => 'variable' in t)) {
    // A substituted value is literal text of any content (':' included), so the
    // value can match at most what its text matches with each variable as '*'.
    return { over: toks.map((t) => ('literal' in t ? t.literal : ANY)), variable: true };
  }
  const glob = segmented(toks);
  return glob === undefined ? { over: toks.map(plain), variable: false } : { over: glob, under: glob, variable: false };
}

/** A check's resource (no policy variables): the exact set it names. */
export function resourceGlob(text: string): Glob {
  const globs = resourceGlobs(text, false);
  return globs.under ?? globs.over ?? [];
}

function plain(t: Token): number {
  return 'literal' in t ? t.literal : 'wildcard' in t ? t.wildcard : ANY;
}

/**
 * Six fields: 'arn' literally, then partition, service, region and account whose
 * wildcards cannot span ':', then the resource. Fewer fields: matched as one
 * string. Six fields not starting with a literal 'arn' are not expressible
 * exactly; they only arise from values that fail validation, so they are treated
 * as unknown (no exact glob) and the callers fall back to the cautious answer.
 */
function segmented(toks: Token[]): Glob | undefined {
  const colons: number[] = [];
  toks.forEach((t, i) => {
    if ('literal' in t && t.literal === COLON && colons.length < 5) colons.push(i);
  });
  if (colons.length < 5) return toks.map(plain);
  const first = toks.slice(0, colons[0]);
  if (first.length !== 3 || !first.every((t, i) => 'literal' in t && t.literal === codePoints('arn')[i])) return undefined;
  const lastField = colons[4] as number;
  return toks.map((t, i) => {
    if ('literal' in t) return t.literal;
    const w = plain(t);
    if (i > lastField) return w;
    return w === ANY ? ANY_NO_COLON : ONE_NO_COLON;
  });
}
