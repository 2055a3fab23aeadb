/**
 * execute-api error responses, as API Gateway HTTP APIs send them (DESIGN.md's table).
 */
import type { AuthFailureReason } from '../../authenticate.ts';
import type { ExecuteApiResponse, Invocation } from './context.ts';

export const MESSAGES = {
  notFound: 'Not Found',
  missingToken: 'Missing Authentication Token',
  invalidToken: 'The security token included in the request is invalid.',
  expiredToken: 'The security token included in the request is expired',
  forbidden: 'Forbidden',
} as const;

export function errorResponse(inv: Pick<Invocation, 'requestId'>, status: number, errorType: string, message: string): ExecuteApiResponse {
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': errorType,
      'apigw-requestid': inv.requestId,
      'x-amzn-requestid': inv.requestId,
    },
    body: JSON.stringify({ message }),
  };
}

export function notFound(inv: Pick<Invocation, 'requestId'>): ExecuteApiResponse {
  return errorResponse(inv, 404, 'NotFoundException', MESSAGES.notFound);
}

/** Authentication failures: every one is a 403, with the error type API Gateway uses. */
export function authFailure(inv: Invocation, reason: AuthFailureReason, message: string): ExecuteApiResponse {
  switch (reason) {
    case 'missingAuthentication':
      return errorResponse(inv, 403, 'MissingAuthenticationTokenException', MESSAGES.missingToken);
    case 'unknownAccessKey':
    case 'invalidSessionToken':
      return errorResponse(inv, 403, 'UnrecognizedClientException', MESSAGES.invalidToken);
    case 'expiredToken':
      return errorResponse(inv, 403, 'ExpiredTokenException', MESSAGES.expiredToken);
    case 'incompleteSignature':
    case 'unsupportedAlgorithm':
      return errorResponse(inv, 403, 'IncompleteSignatureException', message);
    case 'scopeMismatch':
    case 'signatureExpired':
    case 'signatureNotYetCurrent':
    case 'signatureMismatch':
      return errorResponse(inv, 403, 'InvalidSignatureException', message);
  }
}
