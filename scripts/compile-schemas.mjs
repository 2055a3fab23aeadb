// Part of `npm run build`: every schemas/*.schema.json compiled ahead of time into a
// standalone ajv validator (dist/validators/<name>.cjs), so a run loads validation code
// instead of compiling schemas at start-up (another output folder may be given). src/util/schemas.ts uses a validator only
// when it is newer than its schema, and compiles the schema itself otherwise.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormats from 'ajv-formats';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = process.argv[2] ?? join(root, 'dist', 'validators');
mkdirSync(out, { recursive: true });
for (const file of readdirSync(join(root, 'schemas')).filter((f) => f.endsWith('.schema.json')).sort()) {
  // The same options as src/util/schemas.ts, plus code generation.
  const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(root, 'schemas', file), 'utf8')));
  writeFileSync(join(out, file.replace(/\.schema\.json$/, '.cjs')), standaloneCode.default(ajv, validate));
}
