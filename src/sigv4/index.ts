/**
 * crossgate's SigV4 verifier: pure functions over a request as received.
 *
 *   const parsed = parseSigV4(req);                 // where is the signature, is it well-formed?
 *   // ...look parsed.params.accessKeyId / securityToken up...
 *   const verified = verifySigV4(req, parsed.params, { secretAccessKey, now, region, service });
 */
export { parseSigV4 } from './parseSigV4.ts';
export { verifySigV4 } from './verifySigV4.ts';
export { canonicalRequest, type CanonicalRequestOptions } from './canonicalRequest.ts';
export { canonicalUri } from './canonicalUri.ts';
export { canonicalQuery } from './canonicalQuery.ts';
export { parseQueryString, queryParameters, type QueryParameter } from './queryParameters.ts';
export { formDecodeBytes } from './uriDecode.ts';
export { normalizePathSegments } from './normalizePathSegments.ts';
export { pathSegments } from './pathSegments.ts';
export { canonicalHeaders } from './canonicalHeaders.ts';
export { stringToSign } from './stringToSign.ts';
export { signingKey } from './signingKey.ts';
export { computeSignature } from './computeSignature.ts';
export { credentialScope } from './credentialScope.ts';
export { formatAmzDate, parseAmzDate } from './amzDate.ts';
export * as SIGV4 from './constants.ts';
export type * from './types.ts';
