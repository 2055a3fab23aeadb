/**
 * Reading an API Gateway v2 REST-JSON request: the operation from method and path,
 * path parameters, the query string, and JSON body members with their types checked.
 */
import { AwsError } from '../../errors.ts';

function badRequest(message: string): AwsError {
  return new AwsError('BadRequestException', 400, message);
}

/**
 * A request path split into decoded segments, read as the signature covers it
 * (sigv4/pathSegments.ts); undefined when a segment is not valid percent-encoding.
 */
export { pathSegments } from '../../../sigv4/index.ts';

/** Match segments against a pattern such as '/v2/apis/{apiId}/routes'; returns the path parameters. */
export function matchPath(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split('/').filter((s) => s !== '');
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const actual = segments[i]!;
    if (part.startsWith('{') && part.endsWith('}')) {
      if (actual === '') return undefined;
      params[part.slice(1, -1)] = actual;
    } else if (part !== actual) {
      return undefined;
    }
  }
  return params;
}

/** The JSON body of a request; its members are read with their types checked. */
export class JsonBody {
  private constructor(private readonly members: Record<string, unknown>) {}

  static parse(body: Buffer): JsonBody {
    const text = body.toString('utf8').trim();
    if (text === '') return new JsonBody({});
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw badRequest(`Could not parse request body into json: ${(err as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badRequest('Could not parse request body into json: expected an object');
    return new JsonBody(parsed as Record<string, unknown>);
  }

  private get(name: string, required: boolean): unknown {
    const v = this.members[name];
    if ((v === undefined || v === null) && required) {
      throw badRequest(`1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`);
    }
    return v ?? undefined;
  }

  string(name: string, opts: { required?: boolean; min?: number; max?: number } = {}): string | undefined {
    const v = this.get(name, opts.required ?? false);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw badRequest(`Invalid value for '${name}': expected a string`);
    if (opts.min !== undefined && v.length < opts.min) {
      throw badRequest(`1 validation error detected: Value '${v}' at '${name}' failed to satisfy constraint: Member must have length greater than or equal to ${opts.min}`);
    }
    if (opts.max !== undefined && v.length > opts.max) {
      throw badRequest(`1 validation error detected: Value '${v}' at '${name}' failed to satisfy constraint: Member must have length less than or equal to ${opts.max}`);
    }
    return v;
  }

  required(name: string, opts: { min?: number; max?: number } = {}): string {
    return this.string(name, { ...opts, required: true })!;
  }

  enum<T extends string>(name: string, values: readonly T[], required = false): T | undefined {
    const v = this.string(name, { required });
    if (v !== undefined && !values.includes(v as T)) {
      throw badRequest(`1 validation error detected: Value '${v}' at '${name}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`);
    }
    return v as T | undefined;
  }

  boolean(name: string): boolean | undefined {
    const v = this.get(name, false);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') throw badRequest(`Invalid value for '${name}': expected a boolean`);
    return v;
  }

  stringList(name: string): string[] | undefined {
    const v = this.get(name, false);
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw badRequest(`Invalid value for '${name}': expected a list of strings`);
    return v as string[];
  }

  stringMap(name: string): Record<string, string> | undefined {
    const v = this.get(name, false);
    if (v === undefined) return undefined;
    if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string')) {
      throw badRequest(`Invalid value for '${name}': expected a map of strings`);
    }
    return { ...(v as Record<string, string>) };
  }
}
