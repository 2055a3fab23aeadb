import { Ajv, type ErrorObject } from 'ajv';
import policySchema from '../../schemas/policy.schema.json' with { type: 'json' };
import type { PolicyProblem } from './types.ts';

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(policySchema);

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  array: 'a list',
  object: 'an object',
  number: 'a number',
  boolean: 'true or false',
};

/** The policy grammar (schemas/policy.schema.json), as problems in plain words. */
export function validateSchema(document: unknown): PolicyProblem[] {
  if (validate(document)) return [];
  const problems: PolicyProblem[] = [];
  for (const error of validate.errors ?? []) {
    const problem = describe(error);
    if (problem !== undefined) problems.push(problem);
  }
  return problems;
}

function quote(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : JSON.stringify(v);
}

function describe(e: ErrorObject): PolicyProblem | undefined {
  const at = e.instancePath;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'if':
      return undefined; // its 'then' branch reports the real problem
    case 'required':
      return { path: `${at}/${String(params['missingProperty'])}`, message: `${String(params['missingProperty'])} is required` };
    case 'additionalProperties': {
      const name = String(params['additionalProperty']);
      const where = at.endsWith('Principal') ? 'principal type' : 'element';
      return { path: `${at}/${name}`, message: `unknown ${where} '${name}'` };
    }
    case 'enum':
      return { path: at, message: `must be ${(params['allowedValues'] as unknown[]).map(quote).join(' or ')}` };
    case 'const':
      return at.endsWith('Principal')
        ? { path: at, message: `must be '*' or an object such as {"AWS": "<account id or ARN>"}` }
        : { path: at, message: `must be ${quote(params['allowedValue'])}` };
    case 'type': {
      const types = String(params['type']).split(',');
      return { path: at, message: `must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}` };
    }
    case 'minItems':
    case 'minProperties':
      return { path: at, message: 'must not be empty' };
    default:
      return { path: at, message: e.message ?? 'is not valid' };
  }
}
