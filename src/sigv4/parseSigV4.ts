/**
 * Finds the SigV4 signature of a request, in the Authorization header or in
 * the query string (presigned URL), and checks its syntax. Nothing is verified
 * here: the caller looks the access key up, then calls verifySigV4.
 *
 * Never throws: any input, however broken, yields a SigV4Failure.
 */
import {
  AUTHORIZATION_HEADER,
  CREDENTIAL_QUERY,
  MISSING_AUTHENTICATION_TOKEN,
  TWO_AUTH_MECHANISMS,
} from './constants.ts';
import { fail } from './fail.ts';
import { headerValues } from './headerValues.ts';
import { duplicateHeader } from './messages.ts';
import { parseAuthorizationHeader } from './parseAuthorizationHeader.ts';
import { parsePresignedQuery } from './parsePresignedQuery.ts';
import { queryParameters } from './queryParameters.ts';
import type { SigV4Failure, SigV4Parsed, WireRequest } from './types.ts';

export function parseSigV4(req: WireRequest): SigV4Parsed | SigV4Failure {
  try {
    // An empty Authorization header carries no signature: treated as absent.
    const authorizations = headerValues(req, AUTHORIZATION_HEADER).filter((v) => v.trim() !== '');
    const presigned = queryParameters(req).some(({ key }) => key === CREDENTIAL_QUERY);
    if (authorizations.length === 0 && !presigned) return fail('missingAuthentication', MISSING_AUTHENTICATION_TOKEN);
    if (authorizations.length > 0 && presigned) return fail('incompleteSignature', TWO_AUTH_MECHANISMS);
    if (authorizations.length > 1) return fail('incompleteSignature', duplicateHeader('Authorization'));
    return presigned ? parsePresignedQuery(req) : parseAuthorizationHeader(req, authorizations[0]!);
  } catch {
    // Only reachable with inputs outside WireRequest's type (say, a header
    // list that is not iterable); kept so the emulator can never crash here.
    return fail('incompleteSignature', 'The request could not be read for AWS authorization.');
  }
}
