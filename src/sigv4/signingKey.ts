/**
 * The SigV4 signing key: HMAC-SHA256 chained over the scope,
 * kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
 */
import { createHmac } from 'node:crypto';
import { KEY_PREFIX, TERMINATOR } from './constants.ts';
import { boundedCache } from '../cache/boundedCache.ts';

const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

// A key serves every request of its (secret, day, region, service): derived once, as
// AWS's own SDKs do. Bounded, so a stream of distinct keys cannot grow it without end.
const cache = boundedCache<string, Buffer>('sigv4.signingKeys', 1024);

export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  return cache.get(`${secretAccessKey}\n${date}\n${region}\n${service}`, () => {
    const kDate = hmac(`${KEY_PREFIX}${secretAccessKey}`, date);
    return hmac(hmac(hmac(kDate, region), service), TERMINATOR);
  })!;
}
