import { formatArn } from './formatArn.ts';
import type { ExecuteApiArnParts } from './types.ts';

/**
 * The ARN API Gateway authorizes `execute-api:Invoke` against:
 * arn:<partition>:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path>.
 * The path loses its leading slash, so the path '/' yields an ARN ending in '/<METHOD>/'.
 */
export function executeApiArn(parts: ExecuteApiArnParts): string {
  const path = parts.path.startsWith('/') ? parts.path.slice(1) : parts.path;
  return formatArn({
    partition: parts.partition ?? 'aws',
    service: 'execute-api',
    region: parts.region,
    accountId: parts.accountId,
    resource: `${parts.apiId}/${parts.stage}/${parts.method.toUpperCase()}/${path}`,
  });
}
