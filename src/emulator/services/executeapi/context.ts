import type { WireRequest } from '../../../sigv4/index.ts';
import type { AuthorizationResult } from '../../../policy/index.ts';
import type { CredentialRecord } from '../../credentials.ts';
import type { EmulatorState } from '../../estate/load.ts';
import type { HttpApi, Route } from '../apigatewayv2/model.ts';

/** What the execute-api handlers know about one invocation, filled in step by step. */
export interface Invocation {
  state: EmulatorState;
  now: Date;
  requestId: string;
  sourceIp: string;
  userAgent: string;
  /** The request as received (what was signed). */
  wire: WireRequest;
  /** The API's id from the Host or the path-style prefix. */
  apiId: string;
  /** Host-style: '<id>.execute-api.<region>.amazonaws.com'. */
  domainName: string;
  /** The path addressed to the API (path-style prefix removed), raw. */
  apiPath: string;
  api?: HttpApi;
  stage?: string;
  /** Decoded path within the stage, starting with '/'. */
  resourcePath?: string;
  route?: Route;
  pathParameters?: Record<string, string>;
  caller?: CredentialRecord;
  executeApiArn?: string;
  evaluation?: AuthorizationResult;
}

export interface ExecuteApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A handler either answers (ends the chain) or returns undefined to pass on. */
export type InvocationHandler = (inv: Invocation) => ExecuteApiResponse | undefined;
