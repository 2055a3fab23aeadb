/**
 * Policies compiled once for fast evaluation: action and resource patterns turned
 * into matchers, principal values classified, condition values parsed. Compiled
 * forms are cached per Policy object, so callers keep passing plain policies and
 * pay the compilation on first use only. Policies are treated as immutable.
 */
import { compiledCondition } from './conditions/evaluateCondition.ts';
import type { CompiledCondition } from './conditions/compileCondition.ts';
import { compileGlob, type Matcher } from './glob.ts';
import { compileResourcePattern, type ResourceMatcher } from './matchResource.ts';
import { compilePrincipalBlock, type CompiledPrincipalBlock } from './matchPrincipal.ts';
import { wildcardPattern } from './pattern.ts';
import { substituteVariables, variableKeys, variableSlots, type VariableSlots } from './policyVariables.ts';
import type { Policy, Statement } from './types.ts';

/** Matches a lower-cased action name. */
export interface ActionSet {
  all: boolean;
  exact: ReadonlySet<string>;
  patterns: readonly Matcher[];
}

export interface CompiledResource {
  /** The pattern as written. */
  text: string;
  /** Undefined when the pattern holds policy variables: it is then resolved per request. */
  matcher?: ResourceMatcher;
  /** For patterns with policy variables: their keys, and the patterns resolved so far by their values. */
  slots?: VariableSlots;
  resolved?: Map<string, { matcher: ResourceMatcher } | { missing: string }>;
}

export interface CompiledStatement {
  statement: Statement;
  /** Action or NotAction; undefined when the statement has neither. */
  actions?: ActionSet;
  notAction: boolean;
  resources?: readonly CompiledResource[];
  notResource: boolean;
  principal?: CompiledPrincipalBlock;
  notPrincipal?: CompiledPrincipalBlock;
  condition?: CompiledCondition;
}

export interface CompiledPolicy {
  /** Policy variables are substituted only under Version 2012-10-17. */
  variables: boolean;
  statements: readonly CompiledStatement[];
}

const cache = new WeakMap<Policy, CompiledPolicy>();

/** The compiled form of a policy, built on first use and cached per Policy object. */
export function compilePolicy(policy: Policy): CompiledPolicy {
  let compiled = cache.get(policy);
  if (compiled === undefined) {
    const variables = policy.version === '2012-10-17';
    compiled = { variables, statements: policy.statements.map((s) => compileStatement(s, variables)) };
    cache.set(policy, compiled);
  }
  return compiled;
}

const statementCache = new WeakMap<Statement, [CompiledStatement | undefined, CompiledStatement | undefined]>();

/** One statement's compiled form (cached per Statement object and policy-variable setting). */
export function compiledStatement(statement: Statement, variables: boolean): CompiledStatement {
  let pair = statementCache.get(statement);
  if (pair === undefined) {
    pair = [undefined, undefined];
    statementCache.set(statement, pair);
  }
  const i = variables ? 1 : 0;
  return (pair[i] ??= compileStatement(statement, variables));
}

function compileStatement(statement: Statement, variables: boolean): CompiledStatement {
  const out: CompiledStatement = {
    statement,
    notAction: statement.action === undefined && statement.notAction !== undefined,
    notResource: statement.resource === undefined && statement.notResource !== undefined,
  };
  const actions = statement.action ?? statement.notAction;
  if (actions !== undefined) out.actions = compileActions(actions);
  const resources = statement.resource ?? statement.notResource;
  if (resources !== undefined) out.resources = resources.map((r) => compileResource(r, variables));
  if (statement.principal !== undefined) out.principal = compilePrincipalBlock(statement.principal);
  if (statement.notPrincipal !== undefined) out.notPrincipal = compilePrincipalBlock(statement.notPrincipal);
  if (statement.condition !== undefined) out.condition = compiledCondition(statement.condition, variables);
  return out;
}

/** Action names match case-insensitively, with '*' and '?'. */
export function compileActions(patterns: readonly string[]): ActionSet {
  const exact = new Set<string>();
  const globs: Matcher[] = [];
  let all = false;
  for (const p of patterns) {
    const lower = p.toLowerCase();
    if (lower === '*') all = true;
    else if (!lower.includes('*') && !lower.includes('?')) exact.add(lower);
    else globs.push(compileGlob(wildcardPattern(lower)));
  }
  return { all, exact, patterns: globs };
}

export function actionSetMatches(set: ActionSet, actionLower: string): boolean {
  if (set.all || set.exact.has(actionLower)) return true;
  for (const m of set.patterns) if (m(actionLower)) return true;
  return false;
}

function compileResource(text: string, variables: boolean): CompiledResource {
  if (variables && text.includes('${')) {
    const keys = variableKeys(text);
    if (keys.length > 0) return { text, slots: variableSlots(text), resolved: new Map() };
    // Only escapes (${*}, ${?}, ${$}): resolvable once.
    const sub = substituteVariables(text, () => undefined, { wildcards: true, variables: true });
    if (sub.ok) return { text, matcher: compileResourcePattern(sub.pattern) };
  }
  return { text, matcher: compileResourcePattern(wildcardPattern(text)) };
}
