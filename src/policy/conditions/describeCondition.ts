import type { ConditionFailureDetail } from './compileCondition.ts';

function shown(values: readonly string[]): string {
  return JSON.stringify(values.length === 1 ? values[0] : values);
}

/** 'condition StringEquals aws:SourceVpc "vpc-1" is false (aws:SourceVpc is absent from the request)' */
export function describeConditionFailure(f: ConditionFailureDetail): string {
  const actual = f.actual === undefined ? 'absent from the request' : `${shown(f.actual)} in the request`;
  const why = f.why === 'variableMissing' ? '; its policy variables have no value in the request' : '';
  return `condition ${f.operator} ${f.key} ${shown(f.values)} is false (${f.key} is ${actual}${why})`;
}
