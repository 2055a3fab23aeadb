/**
 * IAM's policy simulator (SimulatePrincipalPolicy, SimulateCustomPolicy) on top of
 * crossgate's evaluator. Logic only: the operations (operations/simulation.ts) read
 * the request and authorize the caller; this simulates and writes the results (simulateXml.ts).
 *
 * As the IAM simulator does:
 * - every action is evaluated against every resource (ResourceArns defaults to '*',
 *   matched literally: only statements whose Resource matches the text '*' apply);
 * - the context is exactly the ContextEntries given: nothing is derived from the
 *   caller, so keys the policies ask for and the entries lack are MissingContextValues;
 * - MatchedStatements are the statements that decided: the Allows for allowed, the
 *   Deny for explicitDeny, none for implicitDeny; positions are 1-based lines, and
 *   columns just past the statement's '{' and '}', as IAM reports them;
 *   SourcePolicyType is one of the model's values: policies given in the request
 *   are 'none' (AWS has been seen to answer 'IAM Policy', which the model lacks);
 * - a resource policy needs a caller that is an IAM user (CallerArn, or a user as
 *   PolicySourceArn); the resource's owner is the account in its ARN, else
 *   ResourceOwner, else the caller's account.
 */
import { createHash } from 'node:crypto';
import { parsePrincipalArn } from '../../../arn/index.ts';
import {
  authorize,
  parsePolicy,
  principalFromArn,
  type AuthorizationResult,
  type ContextValue,
  type EvalDecision,
  type NamedPolicy,
  type Policy,
  type PrincipalIdentity,
  type SourcePosition,
} from '../../../policy/index.ts';
import { parseAddress } from '../../../policy/conditions/ipAddress.ts';
import { parseDate } from '../../../policy/conditions/date.ts';
import { parseNumber } from '../../../policy/conditions/numeric.ts';
import { isServiceLinkedRole, scpLevelsOf } from '../../organizationLayers.ts';
import { AwsError } from '../../errors.ts';
import { pageOffset, pageToken } from '../../paging.ts';
import { RawXml, xmlFragment } from '../../protocol/query.ts';
import type { EmulatorState } from '../../estate/load.ts';
import type { StoredDocument, User, Role } from './model.ts';
import { DEFAULT_MAX_ITEMS } from './operations/types.ts';
import type { ContextEntry, SimulationInput } from './simulateInput.ts';
import { evaluationResultXml, type EvaluationResult, type MatchedStatement, type Position, type ResourceSpecificResult } from './simulateXml.ts';

export type { EvaluationResult, MatchedStatement, Position, ResourceSpecificResult };

export interface SimulationOptions {
  /**
   * The service control policies over an account, root level first; undefined outside
   * any organization. Default: the estate's organization (scpLevelsOf).
   */
  scps?: (accountId: string) => NamedPolicy[][] | undefined;
}

export function invalidInput(message: string): AwsError {
  return new AwsError('InvalidInput', 400, message);
}

/* ---- where policies come from ---- */

interface Source {
  id: string;
  type: string;
}

/** Policies of one simulation, each named uniquely, with the source IAM reports for its statements. */
class Sources {
  private readonly byName = new Map<string, Source>();

  add(kind: NamedPolicy['kind'], source: Source, policy: Policy): NamedPolicy {
    const name = `${source.type}:${source.id}#${this.byName.size}`;
    this.byName.set(name, source);
    return { name, kind, policy };
  }

  source(name: string): Source {
    return this.byName.get(name) ?? { id: name, type: 'none' };
  }
}

/** A policy given as text in the request; InvalidInput naming the parameter and the JSON path when it is not one. */
function inputPolicy(text: string, parameter: string, kind: NamedPolicy['kind']): Policy {
  const parsed = parsePolicy(text, { kind });
  if (parsed.ok) return parsed.policy;
  const first = parsed.problems[0];
  const where = first === undefined || first.path === '' ? '' : ` at ${first.path}`;
  throw invalidInput(`${parameter} is not a valid policy document${where}: ${first?.message ?? 'syntax error'}`);
}

const positioned = new WeakMap<StoredDocument, Policy>();

/** A stored document's policy with statement positions (estate documents are stored from objects). */
function storedPolicy(doc: StoredDocument, kind: NamedPolicy['kind']): Policy {
  if (doc.policy.statements.every((s) => s.position !== undefined)) return doc.policy;
  let policy = positioned.get(doc);
  if (policy === undefined) {
    const parsed = parsePolicy(doc.text, { kind });
    policy = parsed.ok ? parsed.policy : doc.policy;
    positioned.set(doc, policy);
  }
  return policy;
}

/* ---- the simulated principal ---- */

interface Simulated {
  /** Who calls, for Principal elements and same- vs cross-account. */
  caller: PrincipalIdentity;
  identityPolicies: NamedPolicy[];
  permissionsBoundary?: NamedPolicy;
}

const ENTITY_ARN = /^arn:aws:iam::(\d{12}):(user|role|group)((?:\/[^/]+)*\/)?([^/]+)$/;

export function entityOf(arn: string): { accountId: string; kind: 'user' | 'role' | 'group'; name: string } {
  const m = ENTITY_ARN.exec(arn);
  if (m === null) throw invalidInput(`Invalid Entity Arn: ${arn} does not clearly define entity type and name.`);
  return { accountId: m[1] as string, kind: m[2] as 'user' | 'role' | 'group', name: m[4] as string };
}

/** CallerArn: an IAM user ARN, as IAM requires. */
function callerUser(arn: string): PrincipalIdentity {
  const parsed = parsePrincipalArn(arn);
  if (parsed?.kind !== 'user') throw invalidInput('Invalid caller - Caller must be an IAM user in this context.');
  return { arn, accountId: parsed.accountId, type: 'user' };
}

function principalSide(state: EmulatorState, callerAccount: string, input: SimulationInput, sources: Sources): Simulated {
  const identityPolicies = input.policyInputList.map((text, i) =>
    sources.add('identity', { id: `PolicyInputList.${i + 1}`, type: 'none' }, inputPolicy(text, `PolicyInputList.${i + 1}`, 'identity')),
  );
  if (input.permissionsBoundaryPolicyInputList.length > 1) {
    throw invalidInput('PermissionsBoundaryPolicyInputList can hold only one permissions boundary policy.');
  }
  const boundaryText = input.permissionsBoundaryPolicyInputList[0];
  const boundaryInput =
    boundaryText === undefined
      ? undefined
      : sources.add('boundary', { id: 'PermissionsBoundaryPolicyInputList.1', type: 'none' }, inputPolicy(boundaryText, 'PermissionsBoundaryPolicyInputList.1', 'boundary'));

  if (input.action === 'SimulateCustomPolicy') {
    const caller: PrincipalIdentity = input.callerArn !== undefined ? callerUser(input.callerArn) : { arn: `arn:aws:iam::${callerAccount}:root`, accountId: callerAccount, type: 'root' };
    const out: Simulated = { caller, identityPolicies };
    if (boundaryInput !== undefined) out.permissionsBoundary = boundaryInput;
    return out;
  }

  const sourceArn = input.policySourceArn as string;
  const entity = entityOf(sourceArn);
  if (entity.accountId !== callerAccount) {
    throw invalidInput(`Invalid Policy Source Arn: caller's account ${callerAccount} does not have access to policies in account ${entity.accountId}`);
  }
  if (entity.kind === 'group') throw new AwsError('NoSuchEntity', 404, `The group with name ${entity.name} cannot be found.`);
  const found: User | Role = entity.kind === 'user' ? state.iam.getUser(entity.accountId, entity.name) : state.iam.getRole(entity.accountId, entity.name);

  const own: NamedPolicy[] = [];
  for (const arn of found.attachedPolicies) {
    const managed = state.iam.getPolicy(arn);
    own.push(sources.add('identity', { id: managed.name, type: 'user-managed' }, storedPolicy(state.iam.defaultVersion(managed).document, 'identity')));
  }
  for (const [name, doc] of found.inlinePolicies) {
    own.push(sources.add('identity', { id: name, type: found.kind }, storedPolicy(doc, 'identity')));
  }

  let boundary = boundaryInput;
  if (boundary === undefined && found.permissionsBoundary !== undefined) {
    const managed = state.iam.getPolicy(found.permissionsBoundary);
    boundary = sources.add('boundary', { id: managed.name, type: 'user-managed' }, storedPolicy(state.iam.defaultVersion(managed).document, 'boundary'));
  }

  let caller: PrincipalIdentity;
  if (input.callerArn !== undefined) caller = callerUser(input.callerArn);
  else if (found.kind === 'user') caller = state.iam.userIdentity(found);
  else {
    if (input.resourcePolicy !== undefined) throw invalidInput('Invalid caller - Caller must be an IAM user in this context.');
    caller = principalFromArn(found.arn, { rolePath: found.path, userId: found.id }) ?? { arn: found.arn, accountId: found.accountId, type: 'role', roleArn: found.arn };
  }
  const out: Simulated = { caller, identityPolicies: [...own, ...identityPolicies] };
  if (boundary !== undefined) out.permissionsBoundary = boundary;
  return out;
}

/* ---- context entries ---- */

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Checks one value against its ContextKeyType and returns it as conditions read it. */
function contextValue(entry: ContextEntry, value: string): string {
  const type = (entry.type ?? 'string').replace(/List$/, '');
  const bad = (what: string) => invalidInput(`Invalid value '${value}' for context key ${entry.name} of type ${entry.type}: ${what}`);
  switch (type) {
    case 'numeric':
      if (parseNumber(value) === undefined) throw bad('not a number');
      return value;
    case 'boolean': {
      const lower = value.trim().toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw bad("not 'true' or 'false'");
      return lower;
    }
    case 'ip':
      if (parseAddress(value) === undefined) throw bad('not an IPv4 or IPv6 address');
      return value;
    case 'binary':
      if (!BASE64.test(value)) throw bad('not base64');
      return value;
    case 'date':
      if (parseDate(value) === undefined) throw bad('not an ISO 8601 date or epoch seconds');
      return value;
    default:
      return value;
  }
}

function simulationContext(entries: readonly ContextEntry[]): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  for (const entry of entries) {
    if (entry.name === '') throw invalidInput('Every context entry needs a ContextKeyName.');
    const values = entry.values.map((v) => contextValue(entry, v));
    const multi = entry.type !== undefined && entry.type.endsWith('List');
    if (!multi && values.length > 1) throw invalidInput(`Context key ${entry.name} of type ${entry.type ?? 'string'} takes one value; use ${entry.type ?? 'string'}List for several.`);
    context[entry.name] = multi ? values : (values[0] ?? '');
  }
  return context;
}

/* ---- simulation ---- */

const ACTION_NAME = /^[A-Za-z0-9-]+:[A-Za-z0-9-]+$/;
const ACCOUNT = /^\d{12}$/;

function resourceOwner(given: string | undefined): string | undefined {
  if (given === undefined) return undefined;
  if (ACCOUNT.test(given)) return given;
  const parsed = parsePrincipalArn(given);
  if (parsed?.kind === 'root') return parsed.accountId;
  throw invalidInput(`Invalid ResourceOwner: ${given} is neither an account id nor an account ARN (arn:aws:iam::<account-id>:root).`);
}

/** The account a simulated resource belongs to: the one its ARN names, else ResourceOwner, else the caller's. */
function ownerOf(resource: string, owner: string | undefined, caller: PrincipalIdentity): string {
  const account = resource.split(':')[4];
  if (resource.startsWith('arn:') && account !== undefined && ACCOUNT.test(account)) return account;
  return owner ?? caller.accountId;
}

function position(p: SourcePosition): Position {
  return { Line: p.line, Column: p.column + 1 };
}

/** The statements that decided, as IAM lists them. */
function matchedStatements(result: AuthorizationResult, sources: Sources): MatchedStatement[] {
  if (result.decision === 'implicitDeny') return [];
  const effect = result.decision === 'allowed' ? 'Allow' : 'Deny';
  return result.matchedStatements
    // Only statements of the input policies: SCPs are reported in OrganizationsDecisionDetail.
    .filter((m) => m.effect === effect && m.kind !== 'scp' && m.kind !== 'rcp' && (effect === 'Deny' || m.kind === 'identity' || m.kind === 'resource'))
    .map((m) => {
      const source = sources.source(m.policy);
      const out: MatchedStatement = { SourcePolicyId: source.id, SourcePolicyType: source.type };
      if (m.position !== undefined) {
        out.StartPosition = position(m.position.start);
        out.EndPosition = position(m.position.end);
      }
      return out;
    });
}

/** The identity side of a cross-account decision: identity policies within the boundary. */
function identitySide(result: AuthorizationResult): EvalDecision {
  const { identity, boundary } = result.layers;
  if (identity === 'explicitDeny' || boundary === 'explicitDeny') return 'explicitDeny';
  return identity === 'allowed' && (boundary === undefined || boundary === 'allowed') ? 'allowed' : 'implicitDeny';
}

/** Everything one simulation shares across its action × resource pairs. */
interface Simulation {
  input: SimulationInput;
  sources: Sources;
  side: Simulated;
  resourcePolicy: NamedPolicy | undefined;
  owner: string | undefined;
  context: Record<string, ContextValue>;
  scps: NamedPolicy[][] | undefined;
  inOrganization: boolean;
  resources: string[];
  /** Pairs in IAM's order: every resource of the first action, then of the next. */
  total: number;
}

/**
 * Checks a simulation request and gathers what every pair needs. Throws InvalidInput
 * for requests IAM would refuse and NoSuchEntity for a PolicySourceArn that does not exist.
 */
function prepare(state: EmulatorState, callerAccount: string, input: SimulationInput, options: SimulationOptions): Simulation {
  for (const name of input.actionNames) {
    if (name.includes('*') || name.includes('?')) throw invalidInput(`Invalid action name: ${name}. The simulator takes action names without wildcards.`);
    if (!ACTION_NAME.test(name)) throw invalidInput(`Invalid action name: ${name}. Action names take the form <service>:<action>, such as iam:CreateUser.`);
  }
  const sources = new Sources();
  const side = principalSide(state, callerAccount, input, sources);
  const resourcePolicy = input.resourcePolicy === undefined ? undefined : sources.add('resource', { id: 'ResourcePolicy', type: 'resource' }, inputPolicy(input.resourcePolicy, 'ResourcePolicy', 'resource'));
  if (resourcePolicy !== undefined && side.caller.type !== 'user') throw invalidInput('Invalid caller - Caller must be an IAM user in this context.');
  const owner = resourceOwner(input.resourceOwner);
  const context = simulationContext(input.contextEntries);
  // SCPs over the simulated principal's account: "Only applies if the simulated user's
  // account is part of an organization" (IAM API model, OrganizationsDecisionDetail),
  // the management account too (SCPs do not restrict it). SimulateCustomPolicy simulates
  // the policies it is given, and no organization's.
  const principalSimulation = input.action === 'SimulatePrincipalPolicy';
  // Service-linked roles are not subject to SCPs either.
  const scps = principalSimulation && !isServiceLinkedRole(side.caller) ? (options.scps ?? ((account: string) => scpLevelsOf(state, account)))(side.caller.accountId) : undefined;
  const inOrganization = principalSimulation && (scps !== undefined || state.organization?.membership(side.caller.accountId) !== undefined);
  const resources = input.resourceArns === undefined || input.resourceArns.length === 0 ? ['*'] : input.resourceArns;

  return { input, sources, side, resourcePolicy, owner, context, scps, inOrganization, resources, total: input.actionNames.length * resources.length };
}

/** The result of pair `k` (action k / resources, resource k % resources). */
function evaluatePair(sim: Simulation, k: number): EvaluationResult {
  const { side, sources, resourcePolicy, scps, context, inOrganization } = sim;
  const action = sim.input.actionNames[Math.floor(k / sim.resources.length)]!;
  const resource = sim.resources[k % sim.resources.length]!;
  const resourceAccount = ownerOf(resource, sim.owner, side.caller);
  const result = authorize({
    principal: side.caller,
    action,
    resource,
    resourceAccount,
    context,
    principalContext: false,
    identityPolicies: side.identityPolicies,
    ...(resourcePolicy === undefined ? {} : { resourcePolicy }),
    ...(side.permissionsBoundary === undefined ? {} : { permissionsBoundary: side.permissionsBoundary }),
    ...(scps === undefined ? {} : { scps }),
  });
  const matched = matchedStatements(result, sources);
  const crossAccount = resourceAccount !== side.caller.accountId;
  // "If an Organizations SCP included in the evaluation denies access, the simulation
  // ends ... and this parameter is not returned" (IAM API model, EvalDecisionDetails).
  const scpDenied = result.layers.scp !== undefined && result.layers.scp !== 'allowed';
  const details: Record<string, EvalDecision> | undefined = scpDenied
    ? undefined
    : crossAccount
      ? { 'IAM Policy': identitySide(result), 'Resource Policy': result.layers.resource ?? 'implicitDeny' }
      : resource === '*'
        ? undefined
        : {};
  const boundary = result.layers.boundary === undefined ? undefined : { AllowedByPermissionsBoundary: result.layers.boundary === 'allowed' };
  const out: EvaluationResult = {
    EvalActionName: action,
    EvalResourceName: resource,
    EvalDecision: result.decision,
    MatchedStatements: matched,
    MissingContextValues: resource === '*' ? [...result.missingContextKeys] : [],
  };
  if (inOrganization) out.OrganizationsDecisionDetail = { AllowedByOrganizations: result.layers.scp === undefined || result.layers.scp === 'allowed' };
  if (boundary !== undefined) out.PermissionsBoundaryDecisionDetail = boundary;
  if (details !== undefined) out.EvalDecisionDetails = details;
  if (resource !== '*') {
    const specific: ResourceSpecificResult = {
      EvalResourceName: resource,
      EvalResourceDecision: result.decision,
      MatchedStatements: matched,
      MissingContextValues: [...result.missingContextKeys],
    };
    if (crossAccount && details !== undefined) specific.EvalDecisionDetails = details;
    if (boundary !== undefined) specific.PermissionsBoundaryDecisionDetail = boundary;
    out.ResourceSpecificResults = [specific];
  }
  return out;
}

/**
 * Simulates every action on every resource, all at once (for library callers with
 * small inputs; the Query handler pages through simulatePage instead).
 */
export function simulatePolicies(state: EmulatorState, callerAccount: string, input: SimulationInput, options: SimulationOptions = {}): EvaluationResult[] {
  const sim = prepare(state, callerAccount, input, options);
  const results: EvaluationResult[] = [];
  for (let k = 0; k < sim.total; k++) results.push(evaluatePair(sim, k));
  return results;
}

/**
 * How much one page of results may cost. IAM may answer fewer than MaxItems results
 * with IsTruncated and a Marker ("IAM might return fewer than the MaxItems number of
 * results even when there are more results available",
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html),
 * so a page ends early rather than grow without bound: every request's work and
 * answer are bounded whatever its actions × resources and policy sizes.
 */
export const SIMULATION_PAGE_LIMITS = {
  /** Estimated bytes of XML per page (the answer is built as one string). */
  maxPageBytes: 4 * 1024 * 1024,
  /** Time spent evaluating one page, yields included. */
  maxPageMs: 3_000,
  /** Evaluate at most this long before yielding to other requests (GET /health, execute-api). */
  sliceMs: 10,
} as const;

/** A generous estimate of a result's XML size. */
function estimatedBytes(r: EvaluationResult): number {
  const statements = r.MatchedStatements.length * (r.ResourceSpecificResults === undefined ? 1 : 2);
  const missing = r.MissingContextValues.join('').length + (r.ResourceSpecificResults?.[0]?.MissingContextValues.join('').length ?? 0);
  return 800 + 2 * (r.EvalActionName.length + r.EvalResourceName.length) + 320 * statements + missing + 40 * (r.MissingContextValues.length + 1);
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * One page of results from pair `start`, evaluated and written as XML <member>s a
 * slice at a time, so other requests are served meanwhile.
 */
async function simulatePage(sim: Simulation, start: number, maxItems: number, clock: () => number = Date.now): Promise<{ items: string[]; next: number }> {
  const items: string[] = [];
  const began = clock();
  let slice = began;
  let bytes = 0;
  let k = start;
  while (k < sim.total && items.length < maxItems) {
    const r = evaluatePair(sim, k);
    const size = estimatedBytes(r);
    if (items.length > 0 && bytes + size > SIMULATION_PAGE_LIMITS.maxPageBytes) break;
    items.push(xmlFragment({ member: evaluationResultXml(r) }));
    bytes += size;
    k++;
    const now = clock();
    if (now - began > SIMULATION_PAGE_LIMITS.maxPageMs) break;
    if (now - slice >= SIMULATION_PAGE_LIMITS.sliceMs) {
      await nextTurn();
      slice = clock();
    }
  }
  return { items, next: k };
}

/** A listing name for the marker: the request without its paging, so a marker only continues the same simulation. */
function listingOf(input: SimulationInput): string {
  const { marker: _marker, maxItems: _maxItems, ...rest } = input;
  return `${input.action}:${createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 32)}`;
}

/**
 * One page of a simulation, as the operations answer it: the results from the
 * Marker on, evaluated a slice at a time, written as XML (EvaluationResults,
 * IsTruncated, Marker, in IAM's order).
 */
export async function simulationPage(state: EmulatorState, callerAccount: string, input: SimulationInput, options: SimulationOptions = {}): Promise<RawXml> {
  // A turn for other requests between reading a large request and each step of its work.
  await nextTurn();
  const sim = prepare(state, callerAccount, input, options);
  await nextTurn();
  const listing = listingOf(input);
  const start = input.marker === undefined ? 0 : pageOffset(input.marker, listing, sim.total);
  if (start === undefined) throw new AwsError('ValidationError', 400, 'Invalid Marker.');
  const page = await simulatePage(sim, start, input.maxItems ?? DEFAULT_MAX_ITEMS);
  const tail = page.next < sim.total ? { IsTruncated: true, Marker: pageToken(listing, page.next) } : { IsTruncated: false };
  return new RawXml(`<EvaluationResults>${page.items.join('')}</EvaluationResults>${xmlFragment(tail)}`);
}
