import type { Prepare } from './preparedValue.ts';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function parseNumber(s: string): number | undefined {
  return NUMBER.test(s.trim()) ? Number(s) : undefined;
}

/** Numeric* operators: `compare(context, policy)`; a context value that is not a number never matches. */
export function numeric(compare: (contextValue: number, policyValue: number) => boolean): Prepare {
  return (policyValue) => {
    const p = parseNumber(policyValue);
    if (p === undefined) return { kind: 'invalid', reason: `'${policyValue}' is not a number` };
    return {
      kind: 'test',
      test: (cv) => {
        const c = parseNumber(cv);
        return c !== undefined && compare(c, p);
      },
    };
  };
}
