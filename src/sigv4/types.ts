/**
 * SigV4 verification types. Pure: no I/O, no clock (callers pass `now`).
 *
 * The verifier works on the request exactly as it arrived on the wire, so that
 * what is verified is what was signed.
 */

/** A request as received: nothing decoded, nothing merged. */
export interface WireRequest {
  method: string;
  /** The raw request path as sent (still percent-encoded), without the query string. */
  path: string;
  /** The raw query string, without the leading '?' ('' when none). */
  query: string;
  /** Header fields in arrival order, names as sent (any case), values untrimmed. */
  headers: ReadonlyArray<readonly [name: string, value: string]>;
  /** Lower-case hex SHA-256 of the body bytes as received. */
  bodySha256: string;
}

/** Where the signature was carried. */
export type SignatureLocation = 'header' | 'query';

/** The SigV4 parameters found in a request, not yet verified. */
export interface SigV4Parameters {
  location: SignatureLocation;
  algorithm: 'AWS4-HMAC-SHA256';
  accessKeyId: string;
  /** The credential scope parts: yyyymmdd/region/service/aws4_request */
  scope: { date: string; region: string; service: string; terminator: string };
  /** Lower-case names, in the order given by SignedHeaders. */
  signedHeaders: string[];
  signature: string;
  /** The request time from X-Amz-Date (or Date header), as ISO basic format yyyymmddThhmmssZ. */
  amzDate: string;
  /** Presigned requests only: X-Amz-Expires in seconds. */
  expiresSeconds?: number;
  /** x-amz-security-token / X-Amz-Security-Token when present. */
  securityToken?: string;
}

/**
 * Why a request could not be authenticated. Each protocol maps these to its own
 * AWS error code and message (execute-api JSON vs Query XML differ).
 */
export type SigV4FailureReason =
  /** No Authorization header and no X-Amz-Credential query parameter. */
  | 'missingAuthentication'
  /** Authorization / presign parameters present but malformed or incomplete. */
  | 'incompleteSignature'
  /** Algorithm other than AWS4-HMAC-SHA256. */
  | 'unsupportedAlgorithm'
  /** Credential scope names another region / service, a bad date or terminator. */
  | 'scopeMismatch'
  /** X-Amz-Date earlier than now - 5 min (header), or presigned URL past its expiry. */
  | 'signatureExpired'
  /** X-Amz-Date later than now + 5 min. */
  | 'signatureNotYetCurrent'
  /** The signature does not match the one recomputed with the secret key. */
  | 'signatureMismatch';

export interface SigV4Failure {
  ok: false;
  reason: SigV4FailureReason;
  /** AWS-worded human message (see DESIGN.md), e.g. 'Signature expired: ...'. */
  message: string;
  /** Why, when the AWS message does not say (e.g. the body does not match x-amz-content-sha256). For logs, not for clients. */
  detail?: string;
  /** signatureMismatch only: what crossgate computed, for debugging a signer. For logs, not for clients. */
  canonicalRequest?: string;
  stringToSign?: string;
}

export interface SigV4Parsed {
  ok: true;
  params: SigV4Parameters;
}

export interface SigV4Verified {
  ok: true;
  params: SigV4Parameters;
  canonicalRequest: string;
  stringToSign: string;
  /** The HashedPayload line that verified: the body's SHA-256, or UNSIGNED-PAYLOAD (the body is then not covered). */
  payloadHash: string;
}

export interface VerifyOptions {
  secretAccessKey: string;
  now: Date;
  /** Expected region and service; a mismatch is `scopeMismatch`. Omit to accept any. */
  region?: string;
  service?: string;
  /** Normalize the path (remove dot segments, merge slashes) as every service but S3 does. Default true. */
  normalizePath?: boolean;
  /** Allowed clock skew in seconds, default 300. */
  clockSkewSeconds?: number;
}
