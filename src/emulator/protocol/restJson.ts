/**
 * The AWS REST-JSON protocol (API Gateway v2, Access Analyzer): JSON bodies, errors
 * as `x-amzn-ErrorType` plus `{"message": …}`.
 */
import { queryParameters, type WireRequest } from '../../sigv4/index.ts';
import type { AuthFailureReason } from '../authenticate.ts';
import { AwsError } from '../errors.ts';
import type { Reply } from '../services/types.ts';
import { QueryParams } from './query.ts';

/** The query members of a REST-JSON request, read from the parse the signature was verified on. */
export function queryMembers(wire: Pick<WireRequest, 'query'>): QueryParams {
  return new QueryParams(queryParameters(wire).map((p) => [p.key, p.value] as const));
}

/** A REST-JSON answer already written (status, JSON text, error type), as a worker thread sends it back. */
export class JsonAnswer {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly errorType?: string,
  ) {}

  reply(requestId: string): Reply {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': requestId };
    if (this.errorType !== undefined) headers['x-amzn-errortype'] = this.errorType;
    return { status: this.status, headers, body: this.body };
  }
}

export function jsonReply(status: number, body: unknown, requestId: string): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

/** `fields`: members an error adds to its body besides the message (e.g. API Gateway's resourceType). */
export function jsonErrorReply(err: AwsError, requestId: string, fields: Record<string, string> = {}): Reply {
  return {
    status: err.status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': err.code },
    body: JSON.stringify({ message: err.message, ...fields }),
  };
}

/** Authentication failures as REST-JSON services answer them: always 403. */
export function restJsonAuthError(reason: AuthFailureReason, message: string): AwsError {
  switch (reason) {
    case 'missingAuthentication':
      return new AwsError('MissingAuthenticationTokenException', 403, 'Missing Authentication Token');
    case 'unknownAccessKey':
    case 'invalidSessionToken':
      return new AwsError('UnrecognizedClientException', 403, 'The security token included in the request is invalid.');
    case 'expiredToken':
      return new AwsError('ExpiredTokenException', 403, 'The security token included in the request is expired');
    case 'incompleteSignature':
    case 'unsupportedAlgorithm':
      return new AwsError('IncompleteSignatureException', 403, message);
    case 'scopeMismatch':
    case 'signatureExpired':
    case 'signatureNotYetCurrent':
    case 'signatureMismatch':
      return new AwsError('InvalidSignatureException', 403, message);
  }
}
