/**
 * IAM on the Query protocol (version 2010-05-08): find the operation, validate its
 * parameters, authorize the caller in its own account, then act.
 */
import { authorizeCall } from '../../authorizeCall.ts';
import type { CredentialRecord } from '../../credentials.ts';
import { AwsError } from '../../errors.ts';
import type { QueryRequest, RawXml } from '../../protocol/query.ts';
import type { EmulatorState } from '../../estate/load.ts';
import { IAM_OPERATIONS, type IamContext } from './operations/index.ts';
import { readInput } from './params.ts';
import { SIMULATION_ACTIONS, simulateQuery } from './simulate.ts';
import type { XmlObject } from './serialize.ts';

export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const IAM_VERSION = '2010-05-08';

/** Returns the <Action>Result members of a successful call (undefined for operations without any). */
export function handleIam(state: EmulatorState, caller: CredentialRecord, req: QueryRequest, now: Date, sourceIp: string): XmlObject | undefined | Promise<RawXml> {
  // The policy simulator reads structured list parameters: it parses its own input (simulate.ts).
  if (req.version === IAM_VERSION && SIMULATION_ACTIONS.has(req.action)) return simulateQuery(state, caller, req, now, sourceIp);
  const operation = req.version === IAM_VERSION ? IAM_OPERATIONS.get(req.action) : undefined;
  if (!operation) {
    throw new AwsError('InvalidAction', 400, `Could not find operation ${req.action} for version ${req.version || 'NO_VERSION_SPECIFIED'}`);
  }
  const input = readInput(req.params, operation.input);
  const ctx: IamContext = { state, caller, accountId: caller.identity.accountId, now };
  const target = operation.authorization(ctx, input);
  authorizeCall({ state, caller, now, sourceIp, region: 'us-east-1' }, target);
  return operation.run(ctx, input);
}
