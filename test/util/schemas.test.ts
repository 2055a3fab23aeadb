// The build's precompiled validators (scripts/compile-schemas.mjs) judge exactly as the
// schemas compiled at run time: the same verdict and the same errors, on valid and broken input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const REPO = process.cwd();
const read = (f: string) => JSON.parse(readFileSync(join(REPO, f), 'utf8')) as unknown;

const SAMPLES: Record<string, unknown[]> = {
  estate: [read('estates/seed.json'), {}, { region: 'us-east-1', accounts: [{ id: '12' }] }],
  config: [read('crossgate.config.json'), { target: 'embedded' }],
  controls: [read('controls.json'), { controls: [{ id: 1 }] }],
  manifest: [{ schemaVersion: '1.0.0', algorithm: 'sha256', sealedBy: 'compliance.json', files: [{ path: 'junit.xml', sha256: 'a'.repeat(64), bytes: 1 }] }, { algorithm: 'md5', files: [{ path: '../x' }] }],
  'drift-accept': [{ accept: [{ principal: 'ci-caller as OrdersReadOnlyRole', route: 'DELETE /orders/42', reason: 'CHANGE-1' }] }, { accept: [{ principal: 'x' }], extra: 1 }],
  policy: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, { Statement: [{ Effect: 'Maybe' }] }],
};

test('precompiled validators agree with run-time compiled ones', () => {
  // Inside the project, so the validators resolve ajv's runtime as they do in dist/.
  mkdirSync(join(REPO, 'node_modules', '.cache'), { recursive: true });
  const out = mkdtempSync(join(REPO, 'node_modules', '.cache', 'crossgate-validators-'));
  const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'compile-schemas.mjs'), out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const names = readdirSync(join(REPO, 'schemas')).map((f) => f.replace(/\.schema\.json$/, ''));
  assert.deepEqual(readdirSync(out).map((f) => f.replace(/\.cjs$/, '')).sort(), names.sort(), 'one validator per schema');
  const require = createRequire(import.meta.url);
  for (const [name, samples] of Object.entries(SAMPLES)) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const runtime = ajv.compile(read(`schemas/${name}.schema.json`) as object);
    const precompiled = require(join(out, `${name}.cjs`)) as ValidateFunction;
    for (const [i, sample] of samples.entries()) {
      const a = runtime(sample);
      const b = precompiled(sample);
      assert.equal(b, a, `${name} sample ${i}: same verdict`);
      assert.deepEqual(precompiled.errors ?? null, runtime.errors ?? null, `${name} sample ${i}: same errors`);
    }
  }
  rmSync(out, { recursive: true, force: true });
});
