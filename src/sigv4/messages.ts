/**
 * AWS-worded messages that carry values. The wording follows what API Gateway
 * and the other AWS services return, so crossgate's users can match on them.
 */
import { createHash } from 'node:crypto';
import {
  ALGORITHM,
  CREDENTIAL_PARAM,
  MAX_ECHO_LENGTH,
  MAX_EXPIRES_SECONDS,
  QUERY_PARAMS_SUFFIX,
  SIGNATURE_PARAM,
  SIGNED_HEADERS_PARAM,
  TERMINATOR,
} from './constants.ts';

/** Values echoed back are cut, so a huge header cannot make a huge response. */
export function echo(value: string): string {
  return value.length > MAX_ECHO_LENGTH ? `${value.slice(0, MAX_ECHO_LENGTH)}...` : value;
}

export type MissingHeaderPart = 'Credential' | 'Signature' | 'SignedHeaders' | 'Date';

export function missingHeaderParts(parts: readonly MissingHeaderPart[], authorization: string): string {
  const sentences = parts.map((p) =>
    p === 'Date'
      ? "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
      : `Authorization header requires '${p}' parameter.`,
  );
  return `${sentences.join(' ')} Authorization=${echo(authorization)}`;
}
export const HEADER_PARTS_IN_ORDER: readonly MissingHeaderPart[] = [
  CREDENTIAL_PARAM,
  SIGNATURE_PARAM,
  SIGNED_HEADERS_PARAM,
  'Date',
] as const;

export function missingQueryParams(names: readonly string[]): string {
  return `${names.map((n) => `AWS query-string parameters must include '${n}'.`).join(' ')} ${QUERY_PARAMS_SUFFIX}`;
}

/** AWS does not echo a header it cannot parse; it names it by its hash. */
export function missingEqualSign(authorization: string): string {
  const digest = createHash('sha256').update(authorization, 'utf8').digest('base64');
  return `Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${digest}'.`;
}

export function duplicateParameter(name: string): string {
  return `Duplicate '${echo(name)}' parameter in the AWS authorization.`;
}

export function duplicateHeader(name: string): string {
  return `Multiple '${name}' headers in the request; AWS authorization allows exactly one.`;
}

export function unsupportedAlgorithm(algorithm: string): string {
  return `Unsupported AWS 'algorithm': '${echo(algorithm)}'. Only '${ALGORITHM}' is supported.`;
}

export function badCredential(credential: string): string {
  return `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${echo(credential)}'`;
}

export function badAmzDate(value: string): string {
  return `Date must be in ISO-8601 'basic format'. Got '${echo(value)}'. See http://en.wikipedia.org/wiki/ISO_8601`;
}

export function badSignedHeaders(value: string): string {
  return `SignedHeaders must be a ';'-separated list of distinct lower-case header names, got '${echo(value)}'.`;
}

export function badSignature(value: string): string {
  return `Signature must be 64 hexadecimal characters (HMAC-SHA256), got '${echo(value)}'.`;
}

export function tooLong(what: string, limit: number): string {
  return `${what} is longer than ${limit} characters.`;
}

export function badExpires(value: string): string {
  return /^[0-9]+$/.test(value)
    ? `X-Amz-Expires must be between 1 and ${MAX_EXPIRES_SECONDS} seconds (one week), got '${echo(value)}'.`
    : `X-Amz-Expires should be a number, got '${echo(value)}'.`;
}

// Scope messages end with a space: AWS concatenates them as they are found.
export const badRegion = (region: string): string => `Credential should be scoped to a valid region, not '${region}'. `;
export const badService = (expected: string): string => `Credential should be scoped to correct service: '${expected}'. `;
export const badTerminator = (got: string): string =>
  `Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${got}'. `;
export const badScopeDate = (scopeDate: string, amzDate: string): string =>
  `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`;

/** '5 min' for whole minutes, else '90 sec'. */
function span(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} sec`;
}

export function signatureExpired(amzDate: string, earliest: string, now: string, seconds: number): string {
  return `Signature expired: ${amzDate} is now earlier than ${earliest} (${now} - ${span(seconds)}.)`;
}

export function signatureNotYetCurrent(amzDate: string, latest: string, now: string, seconds: number): string {
  return `Signature not yet current: ${amzDate} is still later than ${latest} (${now} + ${span(seconds)}.)`;
}
