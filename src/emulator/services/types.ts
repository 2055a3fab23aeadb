/**
 * What every control-plane service of the embedded AWS implements. The server
 * authenticates (SigV4) and routes by the credential scope's service name; the
 * service parses its protocol, authorizes, acts and serialises, errors included.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { WireRequest } from '../../sigv4/index.ts';
import type { AuthFailureReason } from '../authenticate.ts';
import type { CredentialRecord } from '../credentials.ts';
import type { EmulatorState } from '../estate/load.ts';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ControlPlaneCall {
  state: EmulatorState;
  caller: CredentialRecord;
  wire: WireRequest;
  headers: IncomingHttpHeaders;
  body: Buffer;
  now: Date;
  requestId: string;
  sourceIp: string;
  /** The region of the request's credential scope. */
  region: string;
}

export interface ControlPlaneService {
  /** The SigV4 signing name (credential scope service), e.g. 'iam', 'sts', 'access-analyzer', 'apigateway'. */
  signingName: string;
  /**
   * Region check for the credential scope: IAM is global and signs with us-east-1.
   * Absent: the endpoint stands for every regional endpoint, so any region is the one signed for.
   */
  signingRegion?: string;
  /** Long work answers a promise, so that other requests are served meanwhile. */
  handle(call: ControlPlaneCall): Reply | Promise<Reply>;
  /** The operation a request asks for, in AWS's words (what fault plans match on); undefined when none. */
  operationName?(wire: WireRequest, body: Buffer): string | undefined;
  /**
   * For a request without a usable signature: whether its path says it is addressed to
   * this service (so the failure is answered in this service's protocol).
   */
  addresses?(wire: WireRequest): boolean;
  /** The service's own rendering of an authentication failure. */
  authFailure(reason: AuthFailureReason, message: string, requestId: string): Reply;
}
