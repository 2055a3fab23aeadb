import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { UserError } from './userError.ts';

/** Line and column (1-based) of a character offset. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** Read and parse a JSON file; a missing or malformed file is a UserError naming it. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`${file}: cannot read file (${code ?? String(err)})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse does not always say where; a tolerant parser does.
    const errors: ParseError[] = [];
    parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    const detail = first ? ` at ${position(text, first.offset)}: ${printParseErrorCode(first.error)}` : '';
    throw new UserError(`${file}: not valid JSON${detail}`);
  }
}

/** One line per ajv error: '<file>: <json path>: <problem>'. */
export function describeAjvErrors(file: string, errors: ErrorObject[] | null | undefined): string {
  const lines = (errors ?? []).map((e) => {
    const path = e.instancePath || '/';
    let problem = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties') problem = `has unknown property '${(e.params as { additionalProperty: string }).additionalProperty}'`;
    if (e.keyword === 'enum') problem = `must be one of ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}`;
    return `${file}: ${path}: ${problem}`;
  });
  return [...new Set(lines)].join('\n');
}

/** Validate against a compiled schema or throw a UserError listing every problem. */
export function validateOrThrow<T>(file: string, data: unknown, validate: ValidateFunction): T {
  if (!validate(data)) throw new UserError(describeAjvErrors(file, validate.errors));
  return data as T;
}
