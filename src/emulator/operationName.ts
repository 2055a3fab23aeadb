/**
 * The name of the operation a request asks for, in AWS's words, and how its service
 * speaks: what fault plans match on and what fault answers look like.
 */
import type { WireRequest } from '../sigv4/index.ts';
import type { FaultProtocol } from './faults.ts';
import { IAM_MODEL } from './services/iam/index.ts';
import { CONTROL_PLANE } from './services/index.ts';
import { STS_MODEL } from './services/sts/index.ts';

/** `service`: a control-plane signing name, or 'execute-api' (then `apiPath` is the path within the API). */
export function operationName(service: string, wire: WireRequest, body: Buffer, apiPath?: string): string {
  const method = wire.method.toUpperCase();
  if (service === 'execute-api') return `${method} ${apiPath ?? wire.path}`;
  return CONTROL_PLANE.get(service)?.operationName?.(wire, body) ?? `${method} ${wire.path}`;
}

export function faultProtocol(service: string): FaultProtocol {
  switch (service) {
    case 'sts':
      return { kind: 'query', namespace: STS_MODEL.metadata.xmlNamespace! };
    case 'iam':
      return { kind: 'query', namespace: IAM_MODEL.metadata.xmlNamespace! };
    case 'access-analyzer':
      return { kind: 'restJson', throttlingCode: 'ThrottlingException' };
    case 'execute-api':
      return { kind: 'executeApi' };
    default:
      return { kind: 'restJson', throttlingCode: 'TooManyRequestsException' };
  }
}
