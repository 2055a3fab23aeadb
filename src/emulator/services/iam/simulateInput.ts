/**
 * The parameters of IAM's SimulatePrincipalPolicy and SimulateCustomPolicy, read
 * from the Query protocol (lists as Name.member.N, ContextEntries as
 * ContextEntries.member.N.ContextKeyName / .ContextKeyValues.member.M /
 * .ContextKeyType) and checked against IAM's API model, with IAM's
 * ValidationError wording.
 */
import { AwsError } from '../../errors.ts';
import { QueryParams } from '../../protocol/query.ts';
import { readInput, type ParamSpec } from './params.ts';

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

/** policyDocumentType */
const POLICY_DOCUMENT = { min: 1, max: 131072, pattern: /^[\u0009\u000A\u000D\u0020-\u00FF]+$/, patternText: String.raw`[\u0009\u000A\u000D\u0020-\u00FF]+` };
/** ActionNameType, ResourceNameType, ContextKeyNameType */
const ACTION_NAME = { min: 3, max: 128 };
const RESOURCE_NAME = { min: 1, max: 2048 };
const CONTEXT_KEY_NAME = { min: 5, max: 256 };

/** Parameters both simulation operations take; SimulatePrincipalPolicy adds PolicySourceArn. */
const COMMON_SCALARS: ParamSpec[] = [
  { kind: 'string', name: 'ResourcePolicy', min: 1, max: 131072, pattern: POLICY_DOCUMENT.patternText },
  { kind: 'string', name: 'ResourceOwner', min: 1, max: 2048 },
  { kind: 'string', name: 'CallerArn', min: 1, max: 2048 },
  { kind: 'string', name: 'ResourceHandlingOption', min: 1, max: 64 },
  { kind: 'integer', name: 'MaxItems', min: 1, max: 1000 },
  { kind: 'string', name: 'Marker', min: 1, max: 320, pattern: String.raw`[\u0020-\u00FF]+` },
];

const SCALARS: Record<SimulationInput['action'], ParamSpec[]> = {
  SimulatePrincipalPolicy: [{ kind: 'string', name: 'PolicySourceArn', required: true, min: 20, max: 2048 }, ...COMMON_SCALARS],
  SimulateCustomPolicy: COMMON_SCALARS,
};

/** The N-indexed members of a Query list ('Name.member.1', …), in index order; undefined when the list is absent. */
function listIndexes(params: QueryParams, name: string): number[] | undefined {
  return params.memberIndexes(name);
}

function member(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function lengthProblems(value: string, at: string, c: { min: number; max: number; pattern?: RegExp; patternText?: string }): string[] {
  const out: string[] = [];
  const shown = `Value '${value.length > 100 ? `${value.slice(0, 100)}…` : value}' at '${at}' failed to satisfy constraint:`;
  if (c.pattern !== undefined && !c.pattern.test(value)) out.push(`${shown} Member must satisfy regular expression pattern: ${c.patternText ?? c.pattern.source}`);
  if (value.length < c.min) out.push(`${shown} Member must have length greater than or equal to ${c.min}`);
  if (value.length > c.max) out.push(`${shown} Member must have length less than or equal to ${c.max}`);
  return out;
}

/**
 * Reads and validates a simulation request. Every constraint problem is reported
 * at once as IAM does ('2 validation errors detected: …'); what the model cannot
 * say (context values that do not fit their type, policy grammar) is checked later
 * and reported as InvalidInput.
 */
export function readSimulationInput(action: SimulationInput['action'], given: URLSearchParams | QueryParams): SimulationInput {
  const params = QueryParams.from(given);
  const problems: string[] = [];
  let scalars: ReturnType<typeof readInput> | undefined;
  try {
    scalars = readInput(params, SCALARS[action]);
  } catch (err) {
    if (!(err instanceof AwsError) || err.code !== 'ValidationError') throw err;
    problems.push(...err.message.replace(/^\d+ validation errors? detected: /, '').split('; '));
  }

  const list = (name: string, c: { min: number; max: number; pattern?: RegExp; patternText?: string }, required = false): string[] | undefined => {
    const indexes = listIndexes(params, name);
    if (indexes === undefined) {
      if (required) problems.push(`Value null at '${member(name)}' failed to satisfy constraint: Member must not be null`);
      return undefined;
    }
    return indexes.map((n, i) => {
      const v = params.get(params.memberKey(name, n)) ?? '';
      problems.push(...lengthProblems(v, `${member(name)}.${i + 1}.member`, c));
      return v;
    });
  };

  const input: SimulationInput = {
    action,
    policyInputList: list('PolicyInputList', POLICY_DOCUMENT, action === 'SimulateCustomPolicy') ?? [],
    permissionsBoundaryPolicyInputList: list('PermissionsBoundaryPolicyInputList', POLICY_DOCUMENT) ?? [],
    actionNames: list('ActionNames', ACTION_NAME, true) ?? [],
    contextEntries: [],
  };
  const resources = list('ResourceArns', RESOURCE_NAME);
  if (resources !== undefined) input.resourceArns = resources;

  for (const [i, n] of (listIndexes(params, 'ContextEntries') ?? []).entries()) {
    const base = params.memberKey('ContextEntries', n);
    const at = `contextEntries.${i + 1}.member`;
    const name = params.get(`${base}.ContextKeyName`);
    if (name !== null) problems.push(...lengthProblems(name, `${at}.contextKeyName`, CONTEXT_KEY_NAME));
    const type = params.get(`${base}.ContextKeyType`);
    if (type !== null && !(CONTEXT_KEY_TYPES as readonly string[]).includes(type)) {
      problems.push(`Value '${type}' at '${at}.contextKeyType' failed to satisfy constraint: Member must satisfy enum value set: [${CONTEXT_KEY_TYPES.join(', ')}]`);
    }
    const values = (listIndexes(params, `${base}.ContextKeyValues`) ?? []).map((m) => params.get(params.memberKey(`${base}.ContextKeyValues`, m)) ?? '');
    const entry: ContextEntry = { name: name ?? '', values };
    if (type !== null) entry.type = type as ContextKeyType;
    input.contextEntries.push(entry);
  }

  if (problems.length > 0) {
    const n = problems.length;
    throw new AwsError('ValidationError', 400, `${n} validation error${n === 1 ? '' : 's'} detected: ${problems.join('; ')}`);
  }
  const s = scalars!;
  const set = <K extends keyof SimulationInput>(key: K, value: SimulationInput[K] | undefined) => {
    if (value !== undefined) input[key] = value;
  };
  set('policySourceArn', s.string('PolicySourceArn'));
  set('resourcePolicy', s.string('ResourcePolicy'));
  set('resourceOwner', s.string('ResourceOwner'));
  set('callerArn', s.string('CallerArn'));
  set('resourceHandlingOption', s.string('ResourceHandlingOption'));
  set('maxItems', s.integer('MaxItems'));
  set('marker', s.string('Marker'));
  return input;
}
