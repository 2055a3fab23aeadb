import type { Truth } from '../types.ts';

/** Kleene logic: 'false' wins an AND, 'true' wins an OR, otherwise 'unknown' spreads. */
export function and3(values: readonly Truth[]): Truth {
  if (values.includes('false')) return 'false';
  return values.includes('unknown') ? 'unknown' : 'true';
}

export function or3(values: readonly Truth[]): Truth {
  if (values.includes('true')) return 'true';
  return values.includes('unknown') ? 'unknown' : 'false';
}

export function not3(value: Truth): Truth {
  return value === 'unknown' ? 'unknown' : value === 'true' ? 'false' : 'true';
}

export function truth(b: boolean): Truth {
  return b ? 'true' : 'false';
}
