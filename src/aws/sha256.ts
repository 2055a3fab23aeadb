/**
 * SHA-256 and HMAC-SHA256 for @smithy/signature-v4 over node:crypto: a signature
 * costs a few microseconds instead of the pure-JavaScript hash's hundreds.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { Checksum, SourceData } from '@smithy/types';

function bytes(data: SourceData): string | Uint8Array {
  if (typeof data === 'string') return data;
  return ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
}

export class NodeSha256 implements Checksum {
  private readonly secret?: string | Uint8Array;
  private hash: Hash | Hmac;

  constructor(secret?: SourceData) {
    this.secret = secret === undefined ? undefined : bytes(secret);
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }

  update(data: SourceData, encoding?: 'utf8' | 'ascii' | 'latin1'): void {
    const b = bytes(data);
    if (typeof b === 'string') this.hash.update(b, encoding ?? 'utf8');
    else this.hash.update(b);
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }

  reset(): void {
    this.hash = this.fresh();
  }
}
