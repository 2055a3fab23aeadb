/**
 * The string to sign: algorithm, request time, credential scope and the hex
 * SHA-256 of the canonical request, one per line.
 */
import { createHash } from 'node:crypto';
import { ALGORITHM } from './constants.ts';
import { credentialScope } from './credentialScope.ts';
import type { SigV4Parameters } from './types.ts';

export function stringToSign(canonicalRequest: string, params: Pick<SigV4Parameters, 'amzDate' | 'scope'>): string {
  const hashed = createHash('sha256').update(canonicalRequest, 'utf8').digest('hex');
  return `${ALGORITHM}\n${params.amzDate}\n${credentialScope(params.scope)}\n${hashed}`;
}
