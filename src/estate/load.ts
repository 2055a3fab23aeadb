/**
 * Read an estate file: JSON → overlay (extends + JSON Patch) → schema (ajv).
 * Every problem names the file and the JSON path.
 */
import { dirname, resolve } from 'node:path';
import jsonPatch, { type Operation } from 'fast-json-patch';
import { schemaValidator } from '../util/schemas.ts';
import { readJsonFile, validateOrThrow } from '../util/jsonFile.ts';
import { UserError } from '../util/userError.ts';
import type { Estate } from './types.ts';

interface EstateOverlay { extends: string; patch: Operation[]; description?: string }

/**
 * Read an estate file. A file with "extends" is an overlay: the base estate with a JSON
 * Patch applied, then validated like any estate.
 */
export function loadEstateFile(file: string, seen: string[] = []): Estate {
  const data = readJsonFile(file);
  if (data && typeof data === 'object' && 'extends' in data) {
    const overlay = validateOrThrow<EstateOverlay>(file, data, schemaValidator('estate-overlay'));
    const baseFile = resolve(dirname(file), overlay.extends);
    if (seen.includes(baseFile)) throw new UserError(`${file}: /extends: '${overlay.extends}' extends itself`);
    const base = loadEstateFile(baseFile, [...seen, resolve(file)]) as unknown as Record<string, unknown>;
    let patched: unknown;
    try {
      patched = jsonPatch.applyPatch(jsonPatch.deepClone(base), overlay.patch, true, false).newDocument;
    } catch (err) {
      const e = err as { index?: number; message: string };
      throw new UserError(`${file}: /patch/${e.index ?? 0}: ${e.message.split('\n')[0]}`);
    }
    if (overlay.description !== undefined) (patched as Record<string, unknown>).description = overlay.description;
    return validateOrThrow<Estate>(file, patched, schemaValidator('estate'));
  }
  return validateOrThrow<Estate>(file, data, schemaValidator('estate'));
}
