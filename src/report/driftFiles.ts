/**
 * Reading an accept file and writing drift.json, drift.md and drift.html.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeAjvErrors, readJsonFile, validateOrThrow } from '../util/jsonFile.ts';
import { schemaValidator } from '../util/schemas.ts';
import type { AcceptedAccess, Drift } from './drift.ts';
import { renderDriftHtml, renderDriftMarkdown } from './driftRender.ts';
import { redact } from '../secrets/redact.ts';

export const DRIFT_FILES = { json: 'drift.json', markdown: 'drift.md', html: 'drift.html' } as const;

/** An accept file (schemas/drift-accept.schema.json); a bad one is a usage error naming the file and JSON path. */
export function readAcceptFile(file: string): AcceptedAccess[] {
  return validateOrThrow<{ accept: AcceptedAccess[] }>(file, readJsonFile(file), schemaValidator('drift-accept')).accept;
}

/** Problems with a drift against schemas/drift.schema.json; empty when valid. */
export function validateDrift(drift: unknown): string[] {
  const validate = schemaValidator('drift');
  return validate(drift) ? [] : describeAjvErrors(DRIFT_FILES.json, validate.errors).split('\n');
}

export function writeDrift(drift: Drift, dir: string): { files: string[]; problems: string[] } {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const put = (name: string, text: string) => {
    writeFileSync(join(dir, name), redact(text));
    files.push(join(dir, name));
  };
  put(DRIFT_FILES.json, `${JSON.stringify(drift, null, 2)}\n`);
  put(DRIFT_FILES.markdown, renderDriftMarkdown(drift));
  put(DRIFT_FILES.html, renderDriftHtml(drift));
  return { files, problems: validateDrift(drift) };
}
