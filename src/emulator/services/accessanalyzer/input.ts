/**
 * Request members of the four policy-check operations, checked against the
 * service model (required members, types, enums, list lengths) before any work.
 * Every violation is collected and answered as one ValidationException.
 */
import type { QueryParams } from '../../protocol/query.ts';
import {
  ACCESS_CHECK_POLICY_TYPES,
  ACCESS_CHECK_RESOURCE_TYPES,
  type Access,
  type AccessCheckPolicyType,
  type AccessCheckResourceType,
  LOCALES,
  POLICY_TYPES,
  type PolicyType,
  VALIDATE_POLICY_RESOURCE_TYPES,
  type ValidatePolicyResourceType,
  describeDocumentProblem,
  documentProblem,
} from '../../../analyzer/index.ts';
import { type FieldProblem, ValidationException } from './errors.ts';

type Body = Record<string, unknown>;

const MAX_ACCESS_ENTRIES = 1;
const MAX_LIST = 100;
const MAX_RESOURCE_CHARS = 2048;
const ACTION = /^(\*|[A-Za-z0-9*?-]+:[A-Za-z0-9*?_-]+)$/;

/** Parses the body: an object, or a ValidationException (cannotParse). */
export function parseBody(raw: Buffer): Body {
  const text = raw.toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationException('Unable to parse the request body as JSON.', 'cannotParse');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationException('The request body must be a JSON object.', 'cannotParse');
  }
  return value as Body;
}

/** A short, flat rendering of a member's value for messages (never recursing into client data). */
function preview(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return `'${value.length > 64 ? `${value.slice(0, 64)}…` : value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? '[…]' : '{…}';
}

class Members {
  readonly problems: FieldProblem[] = [];

  constructor(private readonly body: Body) {}

  private fail(name: string, constraint: string, value?: unknown): undefined {
    const shown = preview(value);
    this.problems.push({ name, message: `Value ${shown} at '${name}' failed to satisfy constraint: ${constraint}` });
    return undefined;
  }

  string(name: string, required: boolean): string | undefined {
    const v = this.body[name];
    if (v === undefined || v === null) return required ? this.fail(name, 'Member must not be null') : undefined;
    if (typeof v !== 'string') return this.fail(name, 'Member must be a string', v);
    return v;
  }

  /** A policy document: a string within the analyzer's limits. */
  document(name: string): string | undefined {
    const text = this.string(name, true);
    if (text === undefined) return undefined;
    const problem = documentProblem(text);
    if (problem !== undefined) {
      this.problems.push({ name, message: `${describeDocumentProblem(problem)} (at '${name}')` });
      return undefined;
    }
    return text;
  }

  oneOf<T extends string>(name: string, values: readonly T[], required: boolean): T | undefined {
    const v = this.string(name, required);
    if (v === undefined) return undefined;
    if (!(values as readonly string[]).includes(v)) return this.fail(name, `Member must satisfy enum value set: [${values.join(', ')}]`, v);
    return v as T;
  }

  access(name: string): Access[] | undefined {
    const v = this.body[name];
    if (v === undefined || v === null) return this.fail(name, 'Member must not be null');
    if (!Array.isArray(v)) return this.fail(name, 'Member must be a list', v);
    if (v.length === 0) return this.fail(name, 'Member must have length greater than or equal to 1', v);
    if (v.length > MAX_ACCESS_ENTRIES) return this.fail(name, `Member must have length less than or equal to ${MAX_ACCESS_ENTRIES}`, v);
    const out: Access[] = [];
    v.forEach((entry: unknown, i) => {
      const at = `${name}.${i + 1}.member`;
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        this.fail(at, 'Member must be a structure', entry);
        return;
      }
      const e = entry as Body;
      const actions = this.list(`${at}.actions`, e['actions'], (s) => ACTION.test(s), 'Member must be an IAM action such as service:Action');
      const resources = this.list(`${at}.resources`, e['resources'], (s) => s.length <= MAX_RESOURCE_CHARS && (s === '*' || s.startsWith('arn:')), `Member must be '*' or an ARN of at most ${MAX_RESOURCE_CHARS} characters`);
      if ((actions?.length ?? 0) === 0 && (resources?.length ?? 0) === 0) {
        if (actions !== null && resources !== null) this.fail(at, 'Member must name at least one action or resource', entry);
        return;
      }
      const a: Access = {};
      if (actions !== undefined && actions !== null && actions.length > 0) a.actions = actions;
      if (resources !== undefined && resources !== null && resources.length > 0) a.resources = resources;
      out.push(a);
    });
    return out;
  }

  /** A list of strings; null when invalid (reported), undefined when absent. */
  private list(name: string, v: unknown, valid: (s: string) => boolean, constraint: string): string[] | undefined | null {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) {
      this.fail(name, 'Member must be a list', v);
      return null;
    }
    if (v.length > MAX_LIST) {
      this.fail(name, `Member must have length less than or equal to ${MAX_LIST}`, v);
      return null;
    }
    let ok = true;
    for (const item of v) {
      if (typeof item !== 'string' || !valid(item)) {
        this.fail(name, typeof item === 'string' ? constraint : 'Member must be a string', item);
        ok = false;
      }
    }
    return ok ? (v as string[]) : null;
  }

  done(): void {
    if (this.problems.length > 0) throw ValidationException.fields(this.problems);
  }
}

export interface ValidatePolicyRequest {
  policyDocument: string;
  policyType: PolicyType;
  validatePolicyResourceType?: ValidatePolicyResourceType;
  maxResults?: number;
  nextToken?: string;
}

export function validatePolicyRequest(body: Body, query: Pick<QueryParams, 'get'>): ValidatePolicyRequest {
  const m = new Members(body);
  const policyDocument = m.document('policyDocument');
  const policyType = m.oneOf('policyType', POLICY_TYPES, true);
  const resourceType = m.oneOf('validatePolicyResourceType', VALIDATE_POLICY_RESOURCE_TYPES, false);
  m.oneOf('locale', LOCALES, false);
  const maxText = query.get('maxResults');
  let maxResults: number | undefined;
  if (maxText !== null) {
    maxResults = /^\d{1,9}$/.test(maxText) ? Number(maxText) : Number.NaN;
    if (!(maxResults >= 1)) m.problems.push({ name: 'maxResults', message: `Value '${maxText.slice(0, 32)}' at 'maxResults' failed to satisfy constraint: Member must be an integer greater than or equal to 1` });
  }
  if (resourceType !== undefined && policyType !== undefined && policyType !== 'RESOURCE_POLICY') {
    m.problems.push({ name: 'validatePolicyResourceType', message: `validatePolicyResourceType applies only to policyType RESOURCE_POLICY, not ${policyType}` });
  }
  m.done();
  const out: ValidatePolicyRequest = { policyDocument: policyDocument as string, policyType: policyType as PolicyType };
  if (resourceType !== undefined) out.validatePolicyResourceType = resourceType;
  if (maxResults !== undefined) out.maxResults = maxResults;
  const token = query.get('nextToken');
  if (token !== null) out.nextToken = token;
  return out;
}

export interface CheckAccessNotGrantedRequest {
  policyDocument: string;
  access: Access[];
  policyType: AccessCheckPolicyType;
}

export function checkAccessNotGrantedRequest(body: Body): CheckAccessNotGrantedRequest {
  const m = new Members(body);
  const policyDocument = m.document('policyDocument');
  const access = m.access('access');
  const policyType = m.oneOf('policyType', ACCESS_CHECK_POLICY_TYPES, true);
  m.done();
  return { policyDocument: policyDocument as string, access: access as Access[], policyType: policyType as AccessCheckPolicyType };
}

export interface CheckNoNewAccessRequest {
  newPolicyDocument: string;
  existingPolicyDocument: string;
  policyType: AccessCheckPolicyType;
}

export function checkNoNewAccessRequest(body: Body): CheckNoNewAccessRequest {
  const m = new Members(body);
  const newPolicyDocument = m.document('newPolicyDocument');
  const existingPolicyDocument = m.document('existingPolicyDocument');
  const policyType = m.oneOf('policyType', ACCESS_CHECK_POLICY_TYPES, true);
  m.done();
  return { newPolicyDocument: newPolicyDocument as string, existingPolicyDocument: existingPolicyDocument as string, policyType: policyType as AccessCheckPolicyType };
}

export interface CheckNoPublicAccessRequest {
  policyDocument: string;
  resourceType: AccessCheckResourceType;
}

export function checkNoPublicAccessRequest(body: Body): CheckNoPublicAccessRequest {
  const m = new Members(body);
  const policyDocument = m.document('policyDocument');
  const resourceType = m.oneOf('resourceType', ACCESS_CHECK_RESOURCE_TYPES, true);
  m.done();
  return { policyDocument: policyDocument as string, resourceType: resourceType as AccessCheckResourceType };
}

