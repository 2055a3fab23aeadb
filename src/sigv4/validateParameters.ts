/**
 * The checks both signature locations share once their raw parameters are
 * found: credential shape, request time, signed headers (host among them),
 * signature shape. Returns the parameters or the first problem, in AWS's order.
 */
import { HOST_HEADER, HOST_NOT_SIGNED } from './constants.ts';
import { fail } from './fail.ts';
import { badAmzDate, badCredential, badSignature, badSignedHeaders } from './messages.ts';
import { parseAmzDate } from './amzDate.ts';
import { parseCredential } from './parseCredential.ts';
import { parseSignedHeaders } from './parseSignedHeaders.ts';
import type { SigV4Failure, SigV4Parameters, SignatureLocation } from './types.ts';

export interface RawParameters {
  location: SignatureLocation;
  credential: string;
  signedHeaders: string;
  signature: string;
  /** Already in basic format, or what was sent when it could not be converted. */
  amzDate: string;
  expiresSeconds?: number;
  securityToken?: string;
}

const SIGNATURE_HEX = /^[0-9a-fA-F]{64}$/;

export function validateParameters(raw: RawParameters): SigV4Parameters | SigV4Failure {
  const credential = parseCredential(raw.credential);
  if (!credential) return fail('incompleteSignature', badCredential(raw.credential));
  if (parseAmzDate(raw.amzDate) === undefined) return fail('incompleteSignature', badAmzDate(raw.amzDate));
  const signedHeaders = parseSignedHeaders(raw.signedHeaders);
  if (!signedHeaders) return fail('incompleteSignature', badSignedHeaders(raw.signedHeaders));
  // Host is required so a signature cannot be replayed against another API or
  // endpoint; AWS refuses such a request as malformed before any key lookup.
  if (!signedHeaders.includes(HOST_HEADER)) return fail('incompleteSignature', HOST_NOT_SIGNED);
  if (!SIGNATURE_HEX.test(raw.signature)) return fail('incompleteSignature', badSignature(raw.signature));
  const params: SigV4Parameters = {
    location: raw.location,
    algorithm: 'AWS4-HMAC-SHA256',
    ...credential,
    signedHeaders,
    signature: raw.signature,
    amzDate: raw.amzDate,
  };
  if (raw.expiresSeconds !== undefined) params.expiresSeconds = raw.expiresSeconds;
  if (raw.securityToken !== undefined) params.securityToken = raw.securityToken;
  return params;
}
