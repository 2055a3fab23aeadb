/**
 * The requests every independent signer signs in signers.test.ts, in the
 * shapes API Gateway HTTP API clients send: crossgate's seed API and the
 * ci-caller's documented local-only keys.
 */

export const HOST = 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';
export const REGION = 'us-east-1';
export const SERVICE = 'execute-api';
export const ACCESS_KEY_ID = 'AKIACICALLER00000002';
export const SECRET_ACCESS_KEY = 'YGHwWL2l3ZV43k5DLh1Q1n3VzcE76b2DFiEe7bbx';
/** Shaped like an STS token: '/', '+' and '=' need encoding in a presigned URL. */
export const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEPT//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+crossgate+session/token==';

export interface SignerCase {
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** The decoded path; on the wire each segment is percent-encoded. */
  path: string;
  /** Decoded key/value pairs, in the order the client gives them. */
  query?: Array<[string, string]>;
  headers?: Record<string, string>;
  body?: string;
  sessionToken?: boolean;
  unsignedPayload?: boolean;
  presign?: boolean;
}

export const SIGNER_CASES: SignerCase[] = [
  {
    name: 'GET with a query: spaces, unicode, reserved characters, repeated keys',
    method: 'GET',
    path: '/orders',
    query: [
      ['q', 'two words'],
      ['city', 'Zürich 東京'],
      ['reserved', "!#$&'()*+,/:;=?@[]%~"],
      ['tag', 'b'],
      ['tag', 'a'],
      ['empty', ''],
    ],
  },
  {
    name: 'POST with a JSON body',
    method: 'POST',
    path: '/orders',
    headers: { 'content-type': 'application/json' },
    body: '{"item":"café","qty":2}',
  },
  { name: 'path with {braces}, a space and unicode, encoded', method: 'GET', path: '/orders/{id}/café au lait' },
  { name: 'session credentials (x-amz-security-token)', method: 'DELETE', path: '/orders/42', sessionToken: true },
  {
    name: 'UNSIGNED-PAYLOAD',
    method: 'POST',
    path: '/orders',
    headers: { 'content-type': 'application/json' },
    body: '{"qty":3}',
    unsignedPayload: true,
  },
  { name: 'presigned URL', method: 'GET', path: '/orders/42', query: [['view', 'full summary']], presign: true },
  { name: 'presigned URL with session credentials', method: 'GET', path: '/orders', sessionToken: true, presign: true },
];

/** Strict RFC 3986 encoding, as the AWS SDKs put values on the wire. */
export function encodeComponent(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function wirePath(path: string): string {
  return path.split('/').map(encodeComponent).join('/');
}

export function wireQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`).join('&');
}

/** The pairs in canonical order, for signers that sign the query as given (curl 7.x). */
export function sortedPairs(pairs: ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  return pairs
    .map(([k, v]) => [encodeComponent(k), encodeComponent(v), k, v] as const)
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([, , k, v]) => [k, v]);
}
