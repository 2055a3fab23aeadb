/**
 * Tamper-evident reports. After a run, crossgate seals its reports folder in three
 * links, each covering what the one before cannot cover without a cycle:
 *
 *   1. manifest.json lists every report file of the run with its SHA-256 and size,
 *      except compliance.json, compliance.json.sha256 and itself;
 *   2. compliance.json carries manifest.json's SHA-256 (`integrity.sha256`);
 *   3. compliance.json.sha256 holds compliance.json's SHA-256, in `sha256sum` format.
 *
 * So compliance.json's digest covers everything: anchor that one value (an artifact
 * attestation, a signed commit) and no file of the folder can change unnoticed.
 * `crossgate report verify DIR` walks the links back; docs/reports.md explains the scheme.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describeAjvErrors, readJsonFile } from '../util/jsonFile.ts';
import { schemaValidator } from '../util/schemas.ts';
import { UserError } from '../util/userError.ts';
import type { ComplianceReport } from './model.ts';
import { redact } from '../secrets/redact.ts';

export const MANIFEST_FILE = 'manifest.json';
export const REPORT_JSON = 'compliance.json';
export const SEAL_FILE = 'compliance.json.sha256';
/** The three files of the seal itself; every other file in the folder is a manifest entry. */
const SEAL_PARTS = new Set([MANIFEST_FILE, REPORT_JSON, SEAL_FILE]);

export interface ManifestEntry { path: string; sha256: string; bytes: number }

export interface Manifest {
  schemaVersion: '1.0.0';
  algorithm: 'sha256';
  /** The report that carries this manifest's digest, when the run wrote one. */
  sealedBy?: string;
  files: ManifestEntry[];
}

export interface Seal {
  /** SHA-256 of manifest.json, as recorded in compliance.json. */
  manifestSha256: string;
  /** SHA-256 of compliance.json, as recorded in compliance.json.sha256; the value to anchor. */
  reportSha256?: string;
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Regular files under dir, '/'-separated and relative, sorted; dot-entries (a run's staging folder) are not reports. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

function entry(dir: string, path: string): ManifestEntry {
  const data = readFileSync(join(dir, path));
  return { path, sha256: sha256(data), bytes: data.length };
}

/**
 * Seal a reports folder: manifest.json over `files` (default: every file in the folder
 * but the seal's own), its digest into compliance.json, compliance.json's digest beside it.
 */
export function sealReports(dir: string, files?: readonly string[]): Seal {
  const covered = (files ?? listFiles(dir)).filter((f) => !SEAL_PARTS.has(f));
  const hasReport = existsSync(join(dir, REPORT_JSON));
  const manifest: Manifest = {
    schemaVersion: '1.0.0',
    algorithm: 'sha256',
    ...(hasReport ? { sealedBy: REPORT_JSON } : {}),
    files: [...new Set(covered)].sort().map((f) => entry(dir, f)),
  };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  writeFileSync(join(dir, MANIFEST_FILE), manifestText);
  const manifestSha256 = sha256(manifestText);
  if (!hasReport) return { manifestSha256 };
  const report = JSON.parse(readFileSync(join(dir, REPORT_JSON), 'utf8')) as ComplianceReport;
  report.integrity = { manifest: MANIFEST_FILE, algorithm: 'sha256', sha256: manifestSha256 };
  const reportText = redact(`${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, REPORT_JSON), reportText);
  const reportSha256 = sha256(reportText);
  writeFileSync(join(dir, SEAL_FILE), `${reportSha256}  ${REPORT_JSON}\n`);
  return { manifestSha256, reportSha256 };
}

export interface Verification {
  ok: boolean;
  changed: string[];
  missing: string[];
  added: string[];
  /** Broken links of the seal, in words. */
  problems: string[];
  checked: number;
  reportSha256?: string;
}

function readManifest(dir: string): Manifest {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) throw new UserError(`${file}: no manifest (is ${dir} a crossgate reports folder written by 'crossgate run'?)`);
  const data = readJsonFile(file);
  const validate = schemaValidator('manifest');
  if (!validate(data)) throw new UserError(`${file} is not a crossgate evidence manifest:\n${describeAjvErrors(file, validate.errors)}`);
  return data as Manifest;
}

/** Check a folder against its manifest; `expect` is an anchored digest of compliance.json. */
export function verifyReports(dir: string, expect?: string): Verification {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${dir}: not a folder`);
  const manifest = readManifest(dir);
  const changed: string[] = [];
  const missing: string[] = [];
  const problems: string[] = [];
  for (const f of manifest.files) {
    const full = join(dir, f.path);
    if (!existsSync(full)) missing.push(f.path);
    else if (entry(dir, f.path).sha256 !== f.sha256) changed.push(f.path);
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  const added = listFiles(dir).filter((f) => !listed.has(f) && !SEAL_PARTS.has(f));
  let reportSha256: string | undefined;
  if (manifest.sealedBy) {
    const reportFile = join(dir, manifest.sealedBy);
    const sealFile = join(dir, `${manifest.sealedBy}.sha256`);
    if (!existsSync(reportFile)) missing.push(manifest.sealedBy);
    else {
      const text = readFileSync(reportFile);
      reportSha256 = sha256(text);
      let recorded: unknown;
      try {
        recorded = (JSON.parse(text.toString('utf8')) as ComplianceReport).integrity?.sha256;
      } catch {
        recorded = undefined;
      }
      const manifestSha256 = sha256(readFileSync(join(dir, MANIFEST_FILE)));
      if (recorded !== manifestSha256) {
        problems.push(`${MANIFEST_FILE} does not match the digest ${manifest.sealedBy} records (integrity.sha256 ${recorded ? String(recorded) : 'missing'}, ${MANIFEST_FILE} has ${manifestSha256})`);
        changed.push(MANIFEST_FILE);
      }
      if (!existsSync(sealFile)) missing.push(`${manifest.sealedBy}.sha256`);
      else {
        const sealed = /^([0-9a-f]{64})\s/.exec(readFileSync(sealFile, 'utf8'))?.[1];
        if (sealed !== reportSha256) {
          problems.push(`${manifest.sealedBy} does not match ${manifest.sealedBy}.sha256 (${sealed ?? 'no digest'}; the file has ${reportSha256})`);
          changed.push(manifest.sealedBy);
        }
      }
      if (expect && expect.toLowerCase() !== reportSha256) {
        problems.push(`${manifest.sealedBy} has SHA-256 ${reportSha256}, not the anchored ${expect}`);
        if (!changed.includes(manifest.sealedBy)) changed.push(manifest.sealedBy);
      }
    }
  } else if (expect) {
    problems.push(`the manifest names no sealing report, so there is nothing to compare with the anchored ${expect}`);
  }
  const ok = changed.length === 0 && missing.length === 0 && added.length === 0 && problems.length === 0;
  return { ok, changed: [...new Set(changed)], missing, added, problems, checked: manifest.files.length, ...(reportSha256 ? { reportSha256 } : {}) };
}
