import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

import { packagePath } from './packageRoot.ts';

/** crossgate's schemas/ folder. */
export const SCHEMA_DIR = packagePath('schemas');

/** Validators compiled ahead of time by `npm run build` (scripts/compile-schemas.mjs). */
const PRECOMPILED_DIR = packagePath('dist', 'validators');

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/**
 * The validator for schemas/<name>.schema.json, once per process: the build's precompiled
 * one when it is newer than the schema, else compiled here (a checkout whose schema changed).
 */
export function schemaValidator(name: string): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    const schemaFile = join(SCHEMA_DIR, `${name}.schema.json`);
    const precompiled = join(PRECOMPILED_DIR, `${name}.cjs`);
    if (existsSync(precompiled) && statSync(precompiled).mtimeMs >= statSync(schemaFile).mtimeMs) {
      v = createRequire(import.meta.url)(precompiled) as ValidateFunction;
    } else {
      if (!ajv) {
        ajv = new Ajv({ allErrors: true, strict: false });
        addFormats(ajv);
      }
      v = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
    }
    compiled.set(name, v);
  }
  return v;
}
