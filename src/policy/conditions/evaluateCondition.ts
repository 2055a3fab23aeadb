import type { ContextLookup } from '../requestContext.ts';
import type { ConditionBlock, Truth } from '../types.ts';
import { compileCondition, evaluateCompiledCondition, type CompiledCondition } from './compileCondition.ts';
import { describeConditionFailure } from './describeCondition.ts';

export interface ConditionOutcome {
  truth: Truth;
  /** The first condition that was false or could not be evaluated, in plain words. */
  reason?: string;
}

const compiled = new WeakMap<ConditionBlock, [CompiledCondition | undefined, CompiledCondition | undefined]>();

/** A block compiled once per block object (and per policy-variable setting). */
export function compiledCondition(block: ConditionBlock, variables: boolean): CompiledCondition {
  let pair = compiled.get(block);
  if (pair === undefined) {
    pair = [undefined, undefined];
    compiled.set(block, pair);
  }
  const i = variables ? 1 : 0;
  return (pair[i] ??= compileCondition(block, variables));
}

/**
 * A Condition block: every operator and every key in it must hold (AND); a key's
 * policy values are alternatives (OR).
 */
export function evaluateCondition(
  block: ConditionBlock,
  context: ContextLookup,
  options: { variables: boolean },
): ConditionOutcome {
  const r = evaluateCompiledCondition(compiledCondition(block, options.variables), context, options.variables);
  if (r.truth === 'false' && r.failure !== undefined) return { truth: 'false', reason: describeConditionFailure(r.failure) };
  if (r.truth === 'unknown') return { truth: 'unknown', reason: r.unknown ?? 'cannot be evaluated' };
  return { truth: r.truth };
}
