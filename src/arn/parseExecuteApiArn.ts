import { parseArn } from './parseArn.ts';
import type { ExecuteApiArnParts } from './types.ts';

/**
 * Splits an execute-api ARN into api id, stage, method and path, keeping
 * wildcards as written. The path comes back with its leading slash
 * ('…/GET/orders/42' → '/orders/42', '…/GET/' → '/').
 *
 * An ARN that stops before the path (e.g. '…:a1b2c3d4e5/*') names no single
 * stage, method and path, so it yields undefined: match it with wildcards instead.
 */
export function parseExecuteApiArn(s: string): ExecuteApiArnParts | undefined {
  const arn = parseArn(s);
  if (arn === undefined || arn.service !== 'execute-api') return undefined;
  const segments = arn.resource.split('/');
  if (segments.length < 4) return undefined;
  const [apiId, stage, method] = segments as [string, string, string];
  if (apiId === '' || stage === '' || method === '') return undefined;
  return {
    partition: arn.partition,
    region: arn.region,
    accountId: arn.accountId,
    apiId,
    stage,
    method,
    path: `/${segments.slice(3).join('/')}`,
  };
}
