import type { VariableLookup } from '../policyVariables.ts';

/**
 * One policy value of a condition, ready to test context values against.
 * - test: the value is usable.
 * - unresolved: it uses a policy variable the request lacks, so it matches nothing.
 * - invalid: it cannot be read (e.g. 'abc' for NumericLessThan); the condition is then unknown.
 */
export type PreparedValue =
  | { kind: 'test'; test: (contextValue: string) => boolean }
  | { kind: 'unresolved'; key: string }
  | { kind: 'invalid'; reason: string };

export interface PrepareOptions {
  lookup: VariableLookup;
  /** Whether policy variables are substituted (Version 2012-10-17). */
  variables: boolean;
}

/** Turns a policy value into a prepared test. */
export type Prepare = (policyValue: string, options: PrepareOptions) => PreparedValue;
