import type { Prepare } from './preparedValue.ts';

/** Bool: 'true' / 'false', case-insensitive. */
export const bool: Prepare = (policyValue) => {
  const p = policyValue.trim().toLowerCase();
  if (p !== 'true' && p !== 'false') return { kind: 'invalid', reason: `'${policyValue}' is not true or false` };
  return { kind: 'test', test: (cv) => cv.trim().toLowerCase() === p };
};
