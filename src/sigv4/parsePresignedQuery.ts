/**
 * SigV4 in the query string (a presigned URL): X-Amz-Algorithm,
 * X-Amz-Credential, X-Amz-Date, X-Amz-SignedHeaders, X-Amz-Signature, and
 * optionally X-Amz-Expires and (session credentials) X-Amz-Security-Token.
 * Names and values are read from the request's one query parse (queryParameters.ts).
 */
import {
  ALGORITHM,
  ALGORITHM_QUERY,
  CREDENTIAL_QUERY,
  DATE_QUERY,
  EXPIRES_QUERY,
  MAX_EXPIRES_SECONDS,
  MAX_PARAM_LENGTH,
  MAX_TOKEN_LENGTH,
  REQUIRED_QUERY_PARAMS,
  SIGNATURE_QUERY,
  SIGNED_HEADERS_QUERY,
  TOKEN_QUERY,
} from './constants.ts';
import { fail } from './fail.ts';
import { badExpires, duplicateParameter, missingQueryParams, tooLong, unsupportedAlgorithm } from './messages.ts';
import { queryParameters } from './queryParameters.ts';
import type { SigV4Failure, SigV4Parsed, WireRequest } from './types.ts';
import { validateParameters } from './validateParameters.ts';

const AUTH_PARAMS = new Set<string>([...REQUIRED_QUERY_PARAMS, EXPIRES_QUERY, TOKEN_QUERY]);

export function parsePresignedQuery(req: WireRequest): SigV4Parsed | SigV4Failure {
  const found = new Map<string, string>();
  for (const { key: name, rawValue, value } of queryParameters(req)) {
    if (!AUTH_PARAMS.has(name)) continue;
    if (found.has(name)) return fail('incompleteSignature', duplicateParameter(name));
    const limit = name === TOKEN_QUERY ? MAX_TOKEN_LENGTH : MAX_PARAM_LENGTH;
    if (rawValue.length > limit) return fail('incompleteSignature', tooLong(name, limit));
    found.set(name, value);
  }

  const algorithm = found.get(ALGORITHM_QUERY);
  if (algorithm !== undefined && algorithm !== ALGORITHM) {
    return fail('unsupportedAlgorithm', unsupportedAlgorithm(algorithm));
  }
  const missing = REQUIRED_QUERY_PARAMS.filter((name) => !found.has(name));
  if (missing.length > 0) return fail('incompleteSignature', missingQueryParams(missing));

  const expires = found.get(EXPIRES_QUERY);
  let expiresSeconds: number | undefined;
  if (expires !== undefined) {
    expiresSeconds = /^[0-9]{1,7}$/.test(expires) ? Number(expires) : NaN;
    if (!(expiresSeconds >= 1 && expiresSeconds <= MAX_EXPIRES_SECONDS)) {
      return fail('incompleteSignature', badExpires(expires));
    }
  }

  const token = found.get(TOKEN_QUERY);
  const parsed = validateParameters({
    location: 'query',
    credential: found.get(CREDENTIAL_QUERY)!,
    signedHeaders: found.get(SIGNED_HEADERS_QUERY)!,
    signature: found.get(SIGNATURE_QUERY)!,
    amzDate: found.get(DATE_QUERY)!,
    ...(expiresSeconds !== undefined ? { expiresSeconds } : {}),
    ...(token !== undefined ? { securityToken: token } : {}),
  });
  return 'ok' in parsed ? parsed : { ok: true, params: parsed };
}
