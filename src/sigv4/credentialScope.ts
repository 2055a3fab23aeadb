/** The credential scope string: yyyymmdd/region/service/aws4_request. */
import type { SigV4Parameters } from './types.ts';

export function credentialScope(scope: SigV4Parameters['scope']): string {
  return `${scope.date}/${scope.region}/${scope.service}/${scope.terminator}`;
}
