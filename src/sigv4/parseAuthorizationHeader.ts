/**
 * SigV4 in the Authorization header:
 *
 *   AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/execute-api/aws4_request,
 *     SignedHeaders=host;x-amz-date, Signature=<64 hex>
 *
 * Spacing around ',' and '=' is free. The request time comes from X-Amz-Date,
 * else from the HTTP Date header.
 */
import {
  ALGORITHM,
  AMZ_DATE_HEADER,
  CREDENTIAL_PARAM,
  DATE_HEADER,
  MAX_AUTHORIZATION_LENGTH,
  MAX_TOKEN_LENGTH,
  SIGNATURE_PARAM,
  SIGNED_HEADERS_PARAM,
  TOKEN_HEADER,
} from './constants.ts';
import { fail } from './fail.ts';
import { headerValues } from './headerValues.ts';
import { httpDateToAmzDate } from './httpDateToAmzDate.ts';
import {
  HEADER_PARTS_IN_ORDER,
  type MissingHeaderPart,
  duplicateHeader,
  duplicateParameter,
  missingEqualSign,
  missingHeaderParts,
  tooLong,
  unsupportedAlgorithm,
} from './messages.ts';
import type { SigV4Failure, SigV4Parsed, WireRequest } from './types.ts';
import { validateParameters } from './validateParameters.ts';

const KNOWN = new Set<string>([CREDENTIAL_PARAM, SIGNED_HEADERS_PARAM, SIGNATURE_PARAM]);

export function parseAuthorizationHeader(req: WireRequest, authorization: string): SigV4Parsed | SigV4Failure {
  if (authorization.length > MAX_AUTHORIZATION_LENGTH) {
    return fail('incompleteSignature', tooLong('The Authorization header', MAX_AUTHORIZATION_LENGTH));
  }
  const value = authorization.trim();
  const space = value.search(/[ \t]/);
  const algorithm = space < 0 ? value : value.slice(0, space);
  const rest = space < 0 ? '' : value.slice(space + 1);

  // key=value pairs first: AWS answers "missing equal-sign" even for "Bearer x".
  const found = new Map<string, string>();
  for (const piece of rest.split(',')) {
    const pair = piece.trim();
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq < 0) return fail('incompleteSignature', missingEqualSign(authorization));
    const key = pair.slice(0, eq).trim();
    if (!KNOWN.has(key)) continue;
    if (found.has(key)) return fail('incompleteSignature', duplicateParameter(key));
    found.set(key, pair.slice(eq + 1).trim());
  }
  if (algorithm !== ALGORITHM) return fail('unsupportedAlgorithm', unsupportedAlgorithm(algorithm));

  const amzDates = headerValues(req, AMZ_DATE_HEADER);
  const dates = headerValues(req, DATE_HEADER);
  if (amzDates.length > 1) return fail('incompleteSignature', duplicateHeader('X-Amz-Date'));
  const missing = HEADER_PARTS_IN_ORDER.filter((part: MissingHeaderPart) =>
    part === 'Date' ? amzDates.length === 0 && dates.length === 0 : !found.has(part),
  );
  if (missing.length > 0) return fail('incompleteSignature', missingHeaderParts(missing, authorization));

  const tokens = headerValues(req, TOKEN_HEADER);
  if (tokens.length > 1) return fail('incompleteSignature', duplicateHeader('X-Amz-Security-Token'));
  const token = tokens[0]?.trim();
  if (token !== undefined && token.length > MAX_TOKEN_LENGTH) {
    return fail('incompleteSignature', tooLong('X-Amz-Security-Token', MAX_TOKEN_LENGTH));
  }

  const amzDate = amzDates[0]?.trim() ?? (dates.length === 1 ? httpDateToAmzDate(dates[0]!) : undefined);
  const parsed = validateParameters({
    location: 'header',
    credential: found.get(CREDENTIAL_PARAM)!,
    signedHeaders: found.get(SIGNED_HEADERS_PARAM)!,
    signature: found.get(SIGNATURE_PARAM)!,
    amzDate: amzDate ?? dates.join(', '),
    ...(token !== undefined ? { securityToken: token } : {}),
  });
  return 'ok' in parsed ? parsed : { ok: true, params: parsed };
}
