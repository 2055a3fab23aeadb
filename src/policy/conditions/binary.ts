import type { Prepare } from './preparedValue.ts';

/** BinaryEquals: base64 text compared byte for byte. */
export const binaryEquals: Prepare = (policyValue) => ({ kind: 'test', test: (cv) => cv === policyValue });
