/**
 * The controls catalogue: valid, and naming every control the features tag, so that
 * every report line has a title an auditor can read.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../support/emulator.ts';
import { controlIdsOf, layerOf, loadControlCatalog } from '../../src/report/controls.ts';

function featureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? featureFiles(join(dir, d.name)) : d.name.endsWith('.feature') ? [join(dir, d.name)] : []));
}

describe('controls catalogue', () => {
  const catalog = loadControlCatalog(join(REPO, 'controls.json'));

  test('has an entry for every @control tag in features/', () => {
    const missing: string[] = [];
    for (const file of featureFiles(join(REPO, 'features'))) {
      for (const [, id] of readFileSync(file, 'utf8').matchAll(/@control:(\S+)/g)) if (!catalog[id!]) missing.push(`${id} (${file.slice(REPO.length + 1)})`);
    }
    assert.deepEqual(missing, [], 'add these to controls.json');
  });

  test('an invalid catalogue is refused with the file and path', () => {
    const file = join(REPO, 'test', 'report', 'fixtures', 'bad-controls.json');
    assert.throws(() => loadControlCatalog(file), /bad-controls\.json: \/controls\/XACCT-X-01: must have required property 'title'/);
  });
});

describe('tags', () => {
  test('control ids, in order, without repeats', () => {
    assert.deepEqual(controlIdsOf(['@layer:e2e', '@control:A-1', '@wip', '@control:B-2', '@control:A-1']), ['A-1', 'B-2']);
  });

  test('the layer: the last @layer tag wins (scenario over feature); bare layer tags count', () => {
    assert.equal(layerOf(['@layer:e2e']), 'e2e');
    assert.equal(layerOf(['@layer:static', '@layer:analyzer']), 'analyzer');
    assert.equal(layerOf(['@static']), 'static');
    assert.equal(layerOf(['@layer:nonsense', '@control:X-1']), undefined);
  });
});
