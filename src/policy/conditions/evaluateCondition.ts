import { contextValues, variableValue } from '../requestContext.ts';
import type { ConditionBlock, ContextValue, Truth } from '../types.ts';
import { parseOperator, type ConditionOperator } from './operators.ts';
import type { PreparedValue } from './preparedValue.ts';
import { and3, not3, or3, truth } from './truth.ts';

export interface ConditionOutcome {
  truth: Truth;
  /** The first condition that was false or could not be evaluated, in plain words. */
  reason?: string;
}

/**
 * A Condition block: every operator and every key in it must hold (AND); a key's
 * policy values are alternatives (OR).
 */
export function evaluateCondition(
  block: ConditionBlock,
  context: ReadonlyMap<string, ContextValue>,
  options: { variables: boolean },
): ConditionOutcome {
  let unknownReason: string | undefined;
  for (const [operatorText, keys] of Object.entries(block)) {
    const operator = parseOperator(operatorText);
    if (operator === undefined) {
      unknownReason ??= `unknown condition operator '${operatorText}'`;
      continue;
    }
    for (const [key, values] of Object.entries(keys)) {
      const { truth: t, invalid } = evaluateKey(operator, key, values, context, options);
      if (t === 'false') return { truth: 'false', reason: describeFalse(operator, key, values, context) };
      if (t === 'unknown') unknownReason ??= `${operatorText} on ${key}: ${invalid ?? 'cannot be evaluated'}`;
    }
  }
  return unknownReason === undefined ? { truth: 'true' } : { truth: 'unknown', reason: unknownReason };
}

function evaluateKey(
  operator: ConditionOperator,
  key: string,
  policyValues: readonly string[],
  context: ReadonlyMap<string, ContextValue>,
  options: { variables: boolean },
): { truth: Truth; invalid?: string } {
  const present = contextValues(context, key);
  const { base, set, ifExists } = operator;

  if (base.prepare === null) {
    // Null: 'true' asks for the key to be absent, 'false' for it to be present.
    return {
      truth: or3(
        policyValues.map((v) => {
          const want = v.trim().toLowerCase();
          if (want !== 'true' && want !== 'false') return 'unknown';
          return truth((want === 'true') === (present === undefined));
        }),
      ),
      invalid: `Null takes 'true' or 'false'`,
    };
  }

  if (present === undefined) {
    if (ifExists) return { truth: 'true' };
    if (set === 'ForAllValues') return { truth: 'true' };
    if (set === 'ForAnyValue') return { truth: 'false' };
    return { truth: truth(base.negated) };
  }

  const lookup = (k: string) => variableValue(context, k);
  const prepare = base.prepare;
  const prepared: PreparedValue[] = policyValues.map((v) => prepare(v, { lookup, variables: options.variables }));
  const invalid = prepared.find((p) => p.kind === 'invalid');

  // Does one context value match any policy value (in the positive sense)?
  const matchesAny = (cv: string): Truth =>
    or3(prepared.map((p) => (p.kind === 'test' ? truth(p.test(cv)) : p.kind === 'invalid' ? 'unknown' : 'false')));
  const holdsFor = (cv: string): Truth => (base.negated ? not3(matchesAny(cv)) : matchesAny(cv));

  let result: Truth;
  if (set === 'ForAllValues') result = and3(present.map(holdsFor));
  else if (set === 'ForAnyValue') result = or3(present.map(holdsFor));
  else {
    // Unqualified: any context value matching counts; negated forms hold when none does.
    const any = or3(present.map(matchesAny));
    result = base.negated ? not3(any) : any;
  }
  return invalid?.kind === 'invalid' ? { truth: result, invalid: invalid.reason } : { truth: result };
}

function describeFalse(
  operator: ConditionOperator,
  key: string,
  values: readonly string[],
  context: ReadonlyMap<string, ContextValue>,
): string {
  const present = contextValues(context, key);
  const actual = present === undefined ? 'absent from the request' : `${JSON.stringify(present.length === 1 ? present[0] : present)} in the request`;
  return `condition ${operator.text} ${key} ${JSON.stringify(values.length === 1 ? values[0] : values)} is false (${key} is ${actual})`;
}
