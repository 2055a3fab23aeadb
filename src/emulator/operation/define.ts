/**
 * One operation of the embedded AWS, declared once: its name (its protocol binding
 * and input shape come from the service model under that name), checks the model
 * cannot state, its authorization, and its handler. The service (service.ts) reads
 * the input by the model, authorizes before the handler runs (so no answer tells an
 * unauthorized caller whether a resource exists), and writes the output in the
 * service's protocol.
 */
import type { CallAuthorization, CallFacts } from '../authorizeCall.ts';
import type { CredentialRecord } from '../credentials.ts';
import type { EmulatorState } from '../estate/load.ts';
import type { RawXml } from '../protocol/query.ts';
import type { JsonAnswer } from '../protocol/restJson.ts';
import type { Problems } from './problems.ts';
import type { InputObject } from './read.ts';

export interface OperationContext extends CallFacts {
  state: EmulatorState;
  caller: CredentialRecord;
  /** The caller's account: control-plane calls act on it. */
  accountId: string;
  requestId: string;
}

/** Query output members (XML, or XML already written), or a REST-JSON body. */
export type OperationOutput = Record<string, unknown> | RawXml | JsonAnswer | undefined;

export interface Operation<I = InputObject> {
  /** The operation's name in the service model (Query Action; REST operation). */
  name: string;
  /** Checks the model cannot state; problems join the model's in one validation error. Runs before authorization. */
  check?(input: I, problems: Problems, ctx: OperationContext): void;
  /**
   * What must be allowed (action, resource ARN, condition keys); several are
   * checked in order. Looks nothing up that its answer could reveal: a missing
   * resource is authorized by its ARN and reported by the handler afterwards.
   */
  authorization(ctx: OperationContext, input: I): CallAuthorization | CallAuthorization[];
  /** Runs once authorized: the output members; long work answers a promise (other requests are served meanwhile). */
  run(ctx: OperationContext, input: I): OperationOutput | Promise<OperationOutput>;
}

/** Declares an operation with its input's type (members as in the service model). */
export function operation<I>(op: Operation<I>): Operation<InputObject> {
  return op as unknown as Operation<InputObject>;
}
