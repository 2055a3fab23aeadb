/**
 * Every wire string of SigV4 in one place: parameter and header names, fixed
 * values, and the fixed AWS error messages. Messages that interpolate values
 * are built in messages.ts from these parts.
 */

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const KEY_PREFIX = 'AWS4';
export const TERMINATOR = 'aws4_request';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/** SHA-256 of the empty string. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

// Authorization header parameters.
export const CREDENTIAL_PARAM = 'Credential';
export const SIGNED_HEADERS_PARAM = 'SignedHeaders';
export const SIGNATURE_PARAM = 'Signature';

// Presigned (query string) parameters; names are case-sensitive on the wire.
export const ALGORITHM_QUERY = 'X-Amz-Algorithm';
export const CREDENTIAL_QUERY = 'X-Amz-Credential';
export const DATE_QUERY = 'X-Amz-Date';
export const EXPIRES_QUERY = 'X-Amz-Expires';
export const SIGNED_HEADERS_QUERY = 'X-Amz-SignedHeaders';
export const SIGNATURE_QUERY = 'X-Amz-Signature';
export const TOKEN_QUERY = 'X-Amz-Security-Token';
/**
 * Presign parameters that must be present, in the order AWS lists missing ones.
 * X-Amz-Expires is optional outside S3 (aws4 leaves it out): without it the
 * URL is good for the usual clock-skew window around X-Amz-Date.
 */
export const REQUIRED_QUERY_PARAMS = [
  ALGORITHM_QUERY,
  CREDENTIAL_QUERY,
  SIGNATURE_QUERY,
  DATE_QUERY,
  SIGNED_HEADERS_QUERY,
] as const;

// Header names, lower-case (header names are case-insensitive).
export const AUTHORIZATION_HEADER = 'authorization';
export const AMZ_DATE_HEADER = 'x-amz-date';
export const DATE_HEADER = 'date';
export const HOST_HEADER = 'host';
export const CONTENT_SHA256_HEADER = 'x-amz-content-sha256';
export const TOKEN_HEADER = 'x-amz-security-token';

/** Presigned URLs live at most seven days. */
export const MAX_EXPIRES_SECONDS = 604800;
export const DEFAULT_CLOCK_SKEW_SECONDS = 300;

// Bounds that no legitimate signer comes near; past them the input is garbage.
export const MAX_AUTHORIZATION_LENGTH = 8192;
export const MAX_PARAM_LENGTH = 8192;
export const MAX_TOKEN_LENGTH = 65536;
export const MAX_SIGNED_HEADERS = 256;
/** How much of a bad value is echoed back in a message. */
export const MAX_ECHO_LENGTH = 1024;

// Fixed AWS messages.
export const MISSING_AUTHENTICATION_TOKEN = 'Missing Authentication Token';
export const SIGNATURE_DOES_NOT_MATCH =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
export const HOST_NOT_SIGNED = "'Host' must be a 'SignedHeader' in the AWS Authorization.";
export const QUERY_PARAMS_SUFFIX = 'Re-examine the query-string parameters.';
export const TWO_AUTH_MECHANISMS =
  'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified';
