import type { VariableLookup } from '../policyVariables.ts';
import { slotValues, variableKeys, variableSlots, type VariableSlots } from '../policyVariables.ts';
import { variableValue, type ContextLookup } from '../requestContext.ts';
import type { ConditionBlock, ConditionFailure, ContextValue, Truth } from '../types.ts';
import { parseOperator, type ConditionOperator } from './operators.ts';
import type { PreparedValue } from './preparedValue.ts';

/** One key under one operator, with its policy values read once. */
export interface CompiledKey {
  /** The operator as written; `operator` is undefined when IAM does not know it. */
  operatorText: string;
  operator: ConditionOperator | undefined;
  key: string;
  keyLower: string;
  values: string[];
  /** Prepared once; undefined for values that hold policy variables (prepared per request). */
  prepared: (PreparedValue | undefined)[];
  dynamic: boolean;
  /** For values with policy variables: their keys, and the values prepared so far by the request's values. */
  slots?: VariableSlots;
  resolved?: Map<string, (PreparedValue | undefined)[]>;
}

export interface CompiledCondition {
  entries: CompiledKey[];
  /** Every key the block reads (its own keys and its policy variables' keys), lower-cased, without defaults. */
  reads: { key: string; lower: string }[];
}

export type ConditionFailureDetail = Omit<ConditionFailure, 'policy' | 'kind' | 'statementIndex' | 'sid' | 'effect'>;

export interface ConditionResult {
  truth: Truth;
  /** When false: the first condition that failed. */
  failure?: ConditionFailureDetail;
  /** When unknown: why. */
  unknown?: string;
}

const TRUE: ConditionResult = { truth: 'true' };
const NO_LOOKUP: VariableLookup = () => undefined;

/**
 * Reads a Condition block once: operators parsed, values that need no policy
 * variable prepared (numbers, dates, CIDRs parsed; patterns compiled).
 */
export function compileCondition(block: ConditionBlock, variables: boolean): CompiledCondition {
  const entries: CompiledKey[] = [];
  const reads = new Map<string, string>();
  const read = (key: string) => {
    const lower = key.toLowerCase();
    if (!reads.has(lower)) reads.set(lower, key);
  };
  for (const [operatorText, keys] of Object.entries(block)) {
    const operator = parseOperator(operatorText);
    if (operator === undefined) {
      entries.push({ operatorText, operator, key: '', keyLower: '', values: [], prepared: [], dynamic: false });
      continue;
    }
    for (const [key, values] of Object.entries(keys)) {
      read(key);
      let dynamic = false;
      const prepared = values.map((v) => {
        if (variables && v.includes('${')) {
          const vars = variableKeys(v);
          for (const k of vars) if (!k.hasDefault) read(k.key);
          if (vars.length > 0) {
            dynamic = true;
            return undefined;
          }
        }
        const prepare = operator.base.prepare;
        return prepare === null ? undefined : prepare(v, { lookup: NO_LOOKUP, variables });
      });
      const entry: CompiledKey = { operatorText, operator, key, keyLower: key.toLowerCase(), values, prepared, dynamic };
      if (dynamic) {
        entry.slots = variableSlots(values);
        entry.resolved = new Map();
      }
      entries.push(entry);
    }
  }
  return { entries, reads: [...reads].map(([lower, key]) => ({ key, lower })) };
}

/** A context value as a list; undefined when absent or empty (AWS treats them alike). */
export function presentValues(value: ContextValue | undefined): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  return value.length === 0 ? undefined : value;
}

/**
 * A Condition block: every operator and every key in it must hold (AND); a key's
 * policy values are alternatives (OR). The first false key decides; anything that
 * cannot be evaluated makes the result unknown unless some key is false.
 */
export function evaluateCompiledCondition(condition: CompiledCondition, context: ContextLookup, variables: boolean): ConditionResult {
  let unknown: string | undefined;
  for (const entry of condition.entries) {
    if (entry.operator === undefined) {
      unknown ??= `unknown condition operator '${entry.operatorText}'`;
      continue;
    }
    const r = evaluateKey(entry, entry.operator, context, variables);
    if (r === 'false') return { truth: 'false', failure: failureOf(entry, entry.operator, context, variables) };
    if (r !== 'true') unknown ??= `${entry.operatorText} on ${entry.key}: ${r}`;
  }
  return unknown === undefined ? TRUE : { truth: 'unknown', unknown };
}

/** Policy values with variables, resolved against this request. */
function resolve(entry: CompiledKey, operator: ConditionOperator, context: ContextLookup, variables: boolean): (PreparedValue | undefined)[] {
  const prepare = operator.base.prepare;
  if (!entry.dynamic || prepare === null) return entry.prepared;
  const cache = entry.resolved as Map<string, (PreparedValue | undefined)[]>;
  const key = slotValues(entry.slots as VariableSlots, (lower) => context.get(lower));
  let prepared = cache.get(key);
  if (prepared === undefined) {
    const lookup: VariableLookup = (k) => variableValue(context, k);
    prepared = entry.values.map((v, i) => entry.prepared[i] ?? prepare(v, { lookup, variables }));
    if (cache.size >= 1024) cache.clear();
    cache.set(key, prepared);
  }
  return prepared;
}

/** Does one context value match any policy value (in the positive sense)? 1 yes, 0 no, -1 unknown. */
function matchesAny(prepared: readonly (PreparedValue | undefined)[], cv: string): number {
  let unknownSeen = false;
  for (const p of prepared) {
    if (p === undefined) continue;
    if (p.kind === 'test') {
      if (p.test(cv)) return 1;
    } else if (p.kind === 'invalid') unknownSeen = true;
  }
  return unknownSeen ? -1 : 0;
}

/** 'true', 'false', or why it cannot be evaluated. */
function evaluateKey(entry: CompiledKey, operator: ConditionOperator, context: ContextLookup, variables: boolean): string {
  const raw = context.get(entry.keyLower);
  const { base, set, ifExists } = operator;
  // The common case, one value and no set qualifier, without building a list.
  if (typeof raw === 'string' && set === undefined && base.prepare !== null) {
    const m = matchesAny(resolve(entry, operator, context, variables), raw);
    if (m === -1) return invalidReason(resolve(entry, operator, context, variables));
    return (base.negated ? m === 0 : m === 1) ? 'true' : 'false';
  }
  const present = presentValues(raw);

  if (base.prepare === null) {
    // Null: 'true' asks for the key to be absent, 'false' for it to be present.
    let result = 'false';
    for (const v of entry.values) {
      const want = v.trim().toLowerCase();
      if (want !== 'true' && want !== 'false') result = result === 'true' ? result : `Null takes 'true' or 'false'`;
      else if ((want === 'true') === (present === undefined)) return 'true';
    }
    return result;
  }

  if (present === undefined) {
    if (ifExists || set === 'ForAllValues') return 'true';
    if (set === 'ForAnyValue') return 'false';
    return base.negated ? 'true' : 'false';
  }

  const prepared = resolve(entry, operator, context, variables);

  let result: number;
  if (set === 'ForAllValues') {
    // Every context value must hold.
    result = 1;
    for (const cv of present) {
      const m = matchesAny(prepared, cv);
      const holds = m === -1 ? -1 : base.negated ? 1 - m : m;
      if (holds === 0) {
        result = 0;
        break;
      }
      if (holds === -1) result = -1;
    }
  } else if (set === 'ForAnyValue') {
    result = 0;
    for (const cv of present) {
      const m = matchesAny(prepared, cv);
      const holds = m === -1 ? -1 : base.negated ? 1 - m : m;
      if (holds === 1) {
        result = 1;
        break;
      }
      if (holds === -1) result = -1;
    }
  } else {
    // Unqualified: any context value matching counts; negated forms hold when none does.
    let any = 0;
    for (const cv of present) {
      const m = matchesAny(prepared, cv);
      if (m === 1) {
        any = 1;
        break;
      }
      if (m === -1) any = -1;
    }
    result = any === -1 ? -1 : base.negated ? 1 - any : any;
  }
  if (result === 1) return 'true';
  if (result === 0) return 'false';
  return invalidReason(prepared);
}

function invalidReason(prepared: readonly (PreparedValue | undefined)[]): string {
  for (const p of prepared) if (p?.kind === 'invalid') return p.reason;
  return 'cannot be evaluated';
}

function failureOf(entry: CompiledKey, operator: ConditionOperator, context: ContextLookup, variables: boolean): ConditionFailureDetail {
  const present = presentValues(context.get(entry.keyLower));
  if (present === undefined) return { operator: entry.operatorText, key: entry.key, values: entry.values, why: 'keyMissing' };
  let why: ConditionFailureDetail['why'] = 'valueMismatch';
  if (operator.base.prepare === null) why = 'keyPresent';
  else if (entry.dynamic && !operator.base.negated && resolve(entry, operator, context, variables).every(isUnresolved)) why = 'variableMissing';
  return { operator: entry.operatorText, key: entry.key, values: entry.values, why, actual: present as string[] };
}

function isUnresolved(p: PreparedValue | undefined): boolean {
  return p?.kind === 'unresolved';
}

/** The keys a block reads that the request lacks (policy variables with defaults never lack). */
export function missingKeys(condition: CompiledCondition, context: ContextLookup): string[] | undefined {
  let out: string[] | undefined;
  for (const r of condition.reads) {
    if (presentValues(context.get(r.lower)) === undefined) (out ??= []).push(r.key);
  }
  return out;
}
