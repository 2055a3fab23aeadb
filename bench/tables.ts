/**
 * Tables beside the entries of reports/bench.json: `{ "entries": [...], "tables":
 * { "<name>": [rows] } }` (writeEntries keeps this shape when it merges entries).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { readReport, REPORT } from './support.ts';

export type Row = Record<string, string | number>;

export function writeTable(name: string, rows: readonly Row[], file = REPORT): void {
  const existing = readReport(file);
  const wrapped = Array.isArray(existing) ? { entries: existing } : typeof existing === 'object' && existing !== null ? (existing as Record<string, unknown>) : { entries: [] };
  if (!Array.isArray(wrapped.entries)) wrapped.entries = [];
  const tables = (typeof wrapped.tables === 'object' && wrapped.tables !== null ? wrapped.tables : {}) as Record<string, unknown>;
  tables[name] = rows;
  wrapped.tables = tables;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(wrapped, null, 2)}\n`);
}

/** A table as aligned text, for the console. */
export function formatTable(rows: readonly Row[]): string[] {
  if (rows.length === 0) return [];
  const keys = Object.keys(rows[0]!);
  const cell = (v: string | number | undefined) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1)) : (v ?? ''));
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => cell(r[k]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padStart(widths[i]!)).join('  ');
  return [line(keys), ...rows.map((r) => line(keys.map((k) => cell(r[k]))))];
}
