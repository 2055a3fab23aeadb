/**
 * The SigV4 signing key: HMAC-SHA256 chained over the scope,
 * kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
 */
import { createHmac } from 'node:crypto';
import { KEY_PREFIX, TERMINATOR } from './constants.ts';

const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const kDate = hmac(`${KEY_PREFIX}${secretAccessKey}`, date);
  return hmac(hmac(hmac(kDate, region), service), TERMINATOR);
}
