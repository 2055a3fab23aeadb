/**
 * AWS's SigV4 test vectors (the aws-c-auth signing test suite, Apache-2.0), vendored in
 * test/fixtures/sigv4-vectors with their LICENSE and NOTICE.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const VECTORS_DIR = resolve(repoRoot, 'test', 'fixtures', 'sigv4-vectors');

export interface VectorContext {
  credentials: { access_key_id: string; secret_access_key: string; token?: string };
  expiration_in_seconds: number;
  normalize: boolean;
  region: string;
  service: string;
  sign_body: boolean;
  timestamp: string;
  omit_session_token?: boolean;
}

export type Location = 'header' | 'query';

export interface VectorCase {
  name: string;
  context: VectorContext;
  read(location: Location, file: 'signed-request' | 'canonical-request' | 'string-to-sign' | 'signature'): string;
}

export function loadVectors(): VectorCase[] {
  return readdirSync(VECTORS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(VECTORS_DIR, d.name, 'context.json')))
    .map((d) => d.name)
    .sort()
    .map((name) => ({
      name,
      context: JSON.parse(readFileSync(join(VECTORS_DIR, name, 'context.json'), 'utf8')) as VectorContext,
      read: (location, file) => readFileSync(join(VECTORS_DIR, name, `${location}-${file}.txt`), 'utf8'),
    }));
}
