/**
 * The AWS Query protocol (STS, IAM): form-encoded parameters in, XML out.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { AwsError } from '../errors.ts';

export interface QueryRequest {
  action: string;
  version: string;
  params: URLSearchParams;
}

/** Parameters come from the query string and, for POST, the form body. */
export function parseQueryRequest(method: string, query: string, contentType: string | undefined, body: Buffer): QueryRequest {
  const params = new URLSearchParams(query);
  if (method === 'POST') {
    const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== '' && type !== 'application/x-www-form-urlencoded') {
      throw new AwsError('InvalidParameterValue', 400, `Unsupported content type for the Query protocol: ${type}`);
    }
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.append(k, v);
  }
  const action = params.get('Action');
  if (!action) throw new AwsError('MissingAction', 400, 'Missing Action');
  return { action, version: params.get('Version') ?? '', params };
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: false, suppressEmptyNode: false });

/** A successful Query response: <ActionResponse xmlns><ActionResult>…</ActionResult><ResponseMetadata/></ActionResponse>. */
export function queryResponseXml(action: string, namespace: string, result: Record<string, unknown> | undefined, requestId: string): string {
  const body: Record<string, unknown> = { '@_xmlns': namespace };
  if (result !== undefined) body[`${action}Result`] = result;
  body.ResponseMetadata = { RequestId: requestId };
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + builder.build({ [`${action}Response`]: body });
}

/** Characters XML 1.0 cannot carry (messages may echo what a client sent) are written as escapes. */
export function xmlSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A Query error: <ErrorResponse xmlns><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>. */
export function queryErrorXml(err: AwsError, namespace: string, requestId: string): string {
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + builder.build({
    ErrorResponse: {
      '@_xmlns': namespace,
      Error: { Type: err.type, Code: err.code, Message: xmlSafe(err.message) },
      RequestId: requestId,
    },
  });
}

/** Map an authentication failure to the Query protocol's error (STS and IAM say it this way). */
export function queryAuthError(reason: string, message: string): AwsError {
  switch (reason) {
    case 'missingAuthentication':
      return new AwsError('MissingAuthenticationToken', 403, 'Request is missing Authentication Token');
    case 'incompleteSignature':
      return new AwsError('IncompleteSignature', 400, message);
    case 'unsupportedAlgorithm':
      return new AwsError('IncompleteSignature', 400, message);
    case 'unknownAccessKey':
    case 'invalidSessionToken':
      return new AwsError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.');
    case 'expiredToken':
      return new AwsError('ExpiredToken', 400, 'The security token included in the request is expired');
    case 'signatureExpired':
    case 'signatureNotYetCurrent':
      return new AwsError('SignatureDoesNotMatch', 403, message);
    case 'scopeMismatch':
    case 'signatureMismatch':
      return new AwsError('SignatureDoesNotMatch', 403, message);
    default:
      return new AwsError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.');
  }
}
