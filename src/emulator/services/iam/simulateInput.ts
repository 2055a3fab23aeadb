/**
 * The parameters of IAM's SimulatePrincipalPolicy and SimulateCustomPolicy as the
 * simulator takes them, from the input IAM's model reads (lists as Name.member.N,
 * ContextEntries as ContextEntries.member.N.ContextKeyName / .ContextKeyValues.member.M
 * / .ContextKeyType, all validated by the model before this).
 */

export const CONTEXT_KEY_TYPES = [
  'string', 'stringList', 'numeric', 'numericList', 'boolean', 'booleanList',
  'ip', 'ipList', 'binary', 'binaryList', 'date', 'dateList',
] as const;
export type ContextKeyType = (typeof CONTEXT_KEY_TYPES)[number];

export interface ContextEntry {
  name: string;
  values: string[];
  type?: ContextKeyType;
}

export interface SimulationInput {
  action: 'SimulatePrincipalPolicy' | 'SimulateCustomPolicy';
  policySourceArn?: string;
  policyInputList: string[];
  permissionsBoundaryPolicyInputList: string[];
  actionNames: string[];
  resourceArns?: string[];
  resourcePolicy?: string;
  resourceOwner?: string;
  callerArn?: string;
  contextEntries: ContextEntry[];
  resourceHandlingOption?: string;
  maxItems?: number;
  marker?: string;
}

/** SimulatePrincipalPolicyRequest / SimulateCustomPolicyRequest, as IAM's model names the members. */
export interface SimulationRequest {
  PolicySourceArn?: string;
  PolicyInputList?: string[];
  PermissionsBoundaryPolicyInputList?: string[];
  ActionNames: string[];
  ResourceArns?: string[];
  ResourcePolicy?: string;
  ResourceOwner?: string;
  CallerArn?: string;
  ContextEntries?: { ContextKeyName?: string; ContextKeyValues?: string[]; ContextKeyType?: string }[];
  ResourceHandlingOption?: string;
  MaxItems?: number;
  Marker?: string;
}

export function simulationInputOf(action: SimulationInput['action'], req: SimulationRequest): SimulationInput {
  const input: SimulationInput = {
    action,
    policyInputList: req.PolicyInputList ?? [],
    permissionsBoundaryPolicyInputList: req.PermissionsBoundaryPolicyInputList ?? [],
    actionNames: req.ActionNames,
    contextEntries: (req.ContextEntries ?? []).map((e) => {
      const entry: ContextEntry = { name: e.ContextKeyName ?? '', values: e.ContextKeyValues ?? [] };
      if (e.ContextKeyType !== undefined) entry.type = e.ContextKeyType as ContextKeyType;
      return entry;
    }),
  };
  const set = <K extends keyof SimulationInput>(key: K, value: SimulationInput[K] | undefined) => {
    if (value !== undefined) input[key] = value;
  };
  set('resourceArns', req.ResourceArns);
  set('policySourceArn', req.PolicySourceArn);
  set('resourcePolicy', req.ResourcePolicy);
  set('resourceOwner', req.ResourceOwner);
  set('callerArn', req.CallerArn);
  set('resourceHandlingOption', req.ResourceHandlingOption);
  set('maxItems', req.MaxItems);
  set('marker', req.Marker);
  return input;
}
