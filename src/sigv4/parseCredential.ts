/** Credential=AKID/yyyymmdd/region/service/aws4_request, split into its five parts. */
import type { SigV4Parameters } from './types.ts';

export type ParsedCredential = Pick<SigV4Parameters, 'accessKeyId' | 'scope'>;

/** undefined unless there are exactly five '/'-separated elements. */
export function parseCredential(credential: string): ParsedCredential | undefined {
  const parts = credential.split('/');
  if (parts.length !== 5) return undefined;
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string];
  return { accessKeyId, scope: { date, region, service, terminator } };
}
