/**
 * IAM's Query parameters: what each operation takes (names and constraints as in
 * IAM's API model) and validation with IAM's ValidationError wording.
 */
import { AwsError } from '../../errors.ts';
import { QueryParams } from '../../protocol/query.ts';

interface Common {
  name: string;
  required?: boolean;
}

export type ParamSpec =
  | (Common & { kind: 'string'; min?: number; max?: number; pattern?: string })
  | (Common & { kind: 'integer'; min?: number; max?: number })
  | (Common & { kind: 'boolean' })
  | (Common & { kind: 'enum'; values: readonly string[] })
  /** Name.member.N=value */
  | (Common & { kind: 'enumList'; values: readonly string[] })
  /** Tags.member.N.Key / Tags.member.N.Value */
  | (Common & { kind: 'tags'; max: number });

export interface Tag {
  Key: string;
  Value: string;
}

/* Shapes shared by many operations (IAM's API model names in comments). */
const NAME_PATTERN = String.raw`[\w+=,.@-]+`;
/** roleNameType */
export const roleName = (required = true): ParamSpec => ({ kind: 'string', name: 'RoleName', required, min: 1, max: 64, pattern: NAME_PATTERN });
/** userNameType (new users) */
export const userName = (required = true): ParamSpec => ({ kind: 'string', name: 'UserName', required, min: 1, max: 64, pattern: NAME_PATTERN });
/** existingUserNameType */
export const existingUserName = (required = true): ParamSpec => ({ kind: 'string', name: 'UserName', required, min: 1, max: 128, pattern: NAME_PATTERN });
/** policyNameType */
export const policyName: ParamSpec = { kind: 'string', name: 'PolicyName', required: true, min: 1, max: 128, pattern: NAME_PATTERN };
/** policyDocumentType */
export const policyDocument = (name = 'PolicyDocument'): ParamSpec => ({
  kind: 'string', name, required: true, min: 1, max: 131072, pattern: String.raw`[\u0009\u000A\u000D\u0020-\u00FF]+`,
});
/** arnType */
export const arn = (name: string, required = true): ParamSpec => ({ kind: 'string', name, required, min: 20, max: 2048 });
/** pathType */
export const path: ParamSpec = { kind: 'string', name: 'Path', min: 1, max: 512, pattern: String.raw`(\u002F)|(\u002F[\u0021-\u007E]+\u002F)` };
/** policyPathType */
export const policyPath = (name = 'Path'): ParamSpec => ({ kind: 'string', name, min: 1, max: 512, pattern: String.raw`((/[A-Za-z0-9\.,\+@=_-]+)*)/` });
/** pathPrefixType */
export const pathPrefix: ParamSpec = { kind: 'string', name: 'PathPrefix', min: 1, max: 512, pattern: String.raw`\u002F[\u0021-\u007F]*` };
/** pathType used as a prefix (ListEntitiesForPolicy) */
export const pathAsPrefix: ParamSpec = { ...path, name: 'PathPrefix' };
/** markerType, maxItemsType */
export const paging: ParamSpec[] = [
  { kind: 'string', name: 'Marker', min: 1, max: 320, pattern: String.raw`[\u0020-\u00FF]+` },
  { kind: 'integer', name: 'MaxItems', min: 1, max: 1000 },
];
/** policyVersionIdType */
export const versionId: ParamSpec = { kind: 'string', name: 'VersionId', required: true, pattern: String.raw`v[1-9][0-9]*(\.[A-Za-z0-9-]*)?` };
/** tagListType */
export const tags: ParamSpec = { kind: 'tags', name: 'Tags', max: 50 };

const TAG_KEY = { min: 1, max: 128, pattern: String.raw`[\p{L}\p{Z}\p{N}_.:/=+\-@]+` };
const TAG_VALUE = { min: 0, max: 256, pattern: String.raw`[\p{L}\p{Z}\p{N}_.:/=+\-@]*` };

const compiled = new Map<string, RegExp>();
function fullMatch(pattern: string, value: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`, 'u');
    compiled.set(pattern, re);
  }
  return re.test(value);
}

/** 'RoleName' → 'roleName', as IAM names members in validation messages. */
function member(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function stringProblems(value: string, at: string, c: { min?: number; max?: number; pattern?: string }): string[] {
  const out: string[] = [];
  const prefix = `Value '${value}' at '${at}' failed to satisfy constraint:`;
  if (c.pattern !== undefined && !fullMatch(c.pattern, value)) out.push(`${prefix} Member must satisfy regular expression pattern: ${c.pattern}`);
  if (c.min !== undefined && value.length < c.min) out.push(`${prefix} Member must have length greater than or equal to ${c.min}`);
  if (c.max !== undefined && value.length > c.max) out.push(`${prefix} Member must have length less than or equal to ${c.max}`);
  return out;
}

/** The N-indexed members of a Query list parameter ('Name.member.1', 'Name.member.2', …), in index order. */
function listIndexes(params: QueryParams, name: string): number[] {
  return params.memberIndexes(name) ?? [];
}

/** An operation's validated input. */
export class QueryInput {
  constructor(private readonly values: Map<string, unknown>) {}

  string(name: string): string | undefined {
    return this.values.get(name) as string | undefined;
  }

  /** A member the spec marks required (validation has already refused its absence). */
  required(name: string): string {
    return this.values.get(name) as string;
  }

  integer(name: string): number | undefined {
    return this.values.get(name) as number | undefined;
  }

  boolean(name: string): boolean | undefined {
    return this.values.get(name) as boolean | undefined;
  }

  list(name: string): string[] | undefined {
    return this.values.get(name) as string[] | undefined;
  }

  tags(): Tag[] {
    return (this.values.get('Tags') as Tag[] | undefined) ?? [];
  }
}

/**
 * Read and validate an operation's parameters. Every problem is reported at once,
 * as IAM does: '2 validation errors detected: …; …'.
 */
export function readInput(given: URLSearchParams | QueryParams, specs: readonly ParamSpec[]): QueryInput {
  const params = QueryParams.from(given);
  const problems: string[] = [];
  const values = new Map<string, unknown>();
  for (const spec of specs) {
    const at = member(spec.name);
    switch (spec.kind) {
      case 'string': {
        const v = params.get(spec.name);
        if (v === null) {
          if (spec.required) problems.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
          break;
        }
        problems.push(...stringProblems(v, at, spec));
        values.set(spec.name, v);
        break;
      }
      case 'integer': {
        const v = params.get(spec.name);
        if (v === null) {
          if (spec.required) problems.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
          break;
        }
        if (!/^-?\d{1,15}$/.test(v.trim())) {
          problems.push(`Value '${v}' at '${at}' failed to satisfy constraint: Member must be a number`);
          break;
        }
        const n = Number(v.trim());
        if (spec.min !== undefined && n < spec.min) problems.push(`Value '${n}' at '${at}' failed to satisfy constraint: Member must have value greater than or equal to ${spec.min}`);
        if (spec.max !== undefined && n > spec.max) problems.push(`Value '${n}' at '${at}' failed to satisfy constraint: Member must have value less than or equal to ${spec.max}`);
        values.set(spec.name, n);
        break;
      }
      case 'boolean': {
        const v = params.get(spec.name);
        if (v === null) {
          if (spec.required) problems.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
          break;
        }
        const lower = v.trim().toLowerCase();
        if (lower !== 'true' && lower !== 'false') {
          problems.push(`Value '${v}' at '${at}' failed to satisfy constraint: Member must be a boolean`);
          break;
        }
        values.set(spec.name, lower === 'true');
        break;
      }
      case 'enum': {
        const v = params.get(spec.name);
        if (v === null) {
          if (spec.required) problems.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
          break;
        }
        if (!spec.values.includes(v)) problems.push(`Value '${v}' at '${at}' failed to satisfy constraint: Member must satisfy enum value set: [${spec.values.join(', ')}]`);
        values.set(spec.name, v);
        break;
      }
      case 'enumList': {
        const items = listIndexes(params, spec.name).map((i) => params.get(params.memberKey(spec.name, i)) ?? '');
        items.forEach((v, i) => {
          if (!spec.values.includes(v)) problems.push(`Value '${v}' at '${at}.${i + 1}.member' failed to satisfy constraint: Member must satisfy enum value set: [${spec.values.join(', ')}]`);
        });
        if (items.length > 0) values.set(spec.name, items);
        break;
      }
      case 'tags': {
        const indexes = listIndexes(params, spec.name);
        if (indexes.length > spec.max) {
          // Too many: that is the answer; the members themselves are not read (bounded work).
          problems.push(`Value '[…]' at '${at}' failed to satisfy constraint: Member must have length less than or equal to ${spec.max}`);
          break;
        }
        const list: Tag[] = [];
        indexes.forEach((n, i) => {
          const base = params.memberKey(spec.name, n);
          const key = params.get(`${base}.Key`);
          const value = params.get(`${base}.Value`);
          const where = `${at}.${i + 1}.member`;
          if (key === null) problems.push(`Value null at '${where}.key' failed to satisfy constraint: Member must not be null`);
          else problems.push(...stringProblems(key, `${where}.key`, TAG_KEY));
          if (value === null) problems.push(`Value null at '${where}.value' failed to satisfy constraint: Member must not be null`);
          else problems.push(...stringProblems(value, `${where}.value`, TAG_VALUE));
          list.push({ Key: key ?? '', Value: value ?? '' });
        });
        if (list.length > 0) values.set(spec.name, list);
        break;
      }
    }
  }
  if (problems.length > 0) {
    const n = problems.length;
    throw new AwsError('ValidationError', 400, `${n} validation error${n === 1 ? '' : 's'} detected: ${problems.join('; ')}`);
  }
  return new QueryInput(values);
}
