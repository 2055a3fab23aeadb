/**
 * Controls: the catalogue (controls.json) and what tags say about a scenario
 * (`@control:<ID>`, `@layer:<layer>`).
 */
import { readJsonFile, validateOrThrow } from '../util/jsonFile.ts';
import { schemaValidator } from '../util/schemas.ts';
import { UserError } from '../util/userError.ts';
import { LAYERS, type ControlCatalog, type Layer } from './model.ts';

export const DEFAULT_CONTROLS_FILE = 'controls.json';

export function loadControlCatalog(file: string = DEFAULT_CONTROLS_FILE): ControlCatalog {
  return validateOrThrow<{ controls: ControlCatalog }>(file, readJsonFile(file), schemaValidator('controls')).controls;
}

/**
 * Several catalogues (repeatable --controls) merged into one. A control in two files
 * must say the same in both: a conflicting entry is a usage error, never dropped.
 */
export function loadControlCatalogs(files: readonly string[]): ControlCatalog {
  const merged: ControlCatalog = {};
  const from: Record<string, string> = {};
  const conflicts: string[] = [];
  for (const file of files) {
    for (const [id, entry] of Object.entries(loadControlCatalog(file))) {
      if (merged[id] && JSON.stringify(merged[id]) !== JSON.stringify(entry)) conflicts.push(`control ${id} is defined differently in ${from[id]} and ${file}`);
      else if (!merged[id]) {
        merged[id] = entry;
        from[id] = file;
      }
    }
  }
  if (conflicts.length) throw new UserError(`the controls catalogues disagree:\n${conflicts.join('\n')}\n(give each control one definition)`);
  return merged;
}

const CONTROL_TAG = /^@control:(.+)$/;

/** The control ids a scenario's tags name, in order, without repeats. */
export function controlIdsOf(tags: readonly string[]): string[] {
  const ids = tags.map((t) => CONTROL_TAG.exec(t)?.[1]).filter((x): x is string => !!x);
  return [...new Set(ids)];
}

function isLayer(s: string): s is Layer {
  return (LAYERS as readonly string[]).includes(s);
}

/**
 * A scenario's layer: the last `@layer:<layer>` tag (scenario tags come after the
 * feature's, so they win); a bare `@static`, `@simulation`, `@analyzer` or `@e2e` counts too.
 */
export function layerOf(tags: readonly string[]): Layer | undefined {
  let layer: Layer | undefined;
  for (const t of tags) {
    const name = t.startsWith('@layer:') ? t.slice('@layer:'.length) : t.slice(1);
    if (isLayer(name)) layer = name;
  }
  return layer;
}
