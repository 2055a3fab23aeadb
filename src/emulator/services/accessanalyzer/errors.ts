/**
 * Access Analyzer's errors on the REST-JSON protocol: the code in
 * x-amzn-ErrorType, `message` in the body, and for ValidationException its
 * `reason` and `fieldList`.
 */
import { AwsError } from '../../errors.ts';
import type { AuthFailureReason } from '../../authenticate.ts';
import type { Reply } from '../types.ts';

export type ValidationReason = 'unknownOperation' | 'cannotParse' | 'fieldValidationFailed' | 'other' | 'notSupported';

export interface FieldProblem {
  name: string;
  message: string;
}

export class ValidationException extends AwsError {
  constructor(
    message: string,
    readonly reason: ValidationReason,
    readonly fieldList: FieldProblem[] = [],
  ) {
    super('ValidationException', 400, message);
  }

  /** Coral's wording: '2 validation errors detected: Value … at 'x' failed to satisfy constraint: …; …'. */
  static fields(problems: FieldProblem[]): ValidationException {
    const n = problems.length;
    const detail = problems.map((p) => p.message).join('; ');
    return new ValidationException(`${n} validation error${n === 1 ? '' : 's'} detected: ${detail}`, 'fieldValidationFailed', problems);
  }
}

export function jsonReply(status: number, body: unknown, requestId: string, errorType?: string): Reply {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': requestId };
  if (errorType !== undefined) headers['x-amzn-errortype'] = errorType;
  return { status, headers, body: JSON.stringify(body) };
}

export function errorReply(err: AwsError, requestId: string): Reply {
  const body: Record<string, unknown> = { message: err.message };
  if (err instanceof ValidationException) {
    body['reason'] = err.reason;
    if (err.fieldList.length > 0) body['fieldList'] = err.fieldList;
  }
  return jsonReply(err.status, body, requestId, err.code);
}

/** Authentication failures as AWS's REST-JSON front door answers them. */
export function authFailureReply(reason: AuthFailureReason, message: string, requestId: string): Reply {
  switch (reason) {
    case 'missingAuthentication':
      return errorReply(new AwsError('MissingAuthenticationTokenException', 403, 'Missing Authentication Token'), requestId);
    case 'unknownAccessKey':
    case 'invalidSessionToken':
      return errorReply(new AwsError('UnrecognizedClientException', 403, 'The security token included in the request is invalid.'), requestId);
    case 'expiredToken':
      return errorReply(new AwsError('ExpiredTokenException', 403, 'The security token included in the request is expired'), requestId);
    case 'incompleteSignature':
    case 'unsupportedAlgorithm':
      return errorReply(new AwsError('IncompleteSignatureException', 403, message), requestId);
    case 'scopeMismatch':
    case 'signatureExpired':
    case 'signatureNotYetCurrent':
    case 'signatureMismatch':
      return errorReply(new AwsError('InvalidSignatureException', 403, message), requestId);
  }
}
