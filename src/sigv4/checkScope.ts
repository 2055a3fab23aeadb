/**
 * The credential scope must name the expected region and service, end with
 * aws4_request, and carry the same day as the request time. AWS reports every
 * failing part at once, messages run together.
 */
import { TERMINATOR } from './constants.ts';
import { fail } from './fail.ts';
import { badRegion, badScopeDate, badService, badTerminator } from './messages.ts';
import type { SigV4Failure, SigV4Parameters, VerifyOptions } from './types.ts';

export function checkScope(
  params: Pick<SigV4Parameters, 'scope' | 'amzDate'>,
  opts: Pick<VerifyOptions, 'region' | 'service'>,
): SigV4Failure | undefined {
  const { date, region, service, terminator } = params.scope;
  let message = '';
  if (opts.region !== undefined && region !== opts.region) message += badRegion(region);
  if (opts.service !== undefined && service !== opts.service) message += badService(opts.service);
  if (terminator !== TERMINATOR) message += badTerminator(terminator);
  if (date !== params.amzDate.slice(0, 8)) message += badScopeDate(date, params.amzDate);
  return message === '' ? undefined : fail('scopeMismatch', message);
}
