/**
 * The import graph of crossgate's own code (src/ and steps/) and the layer rules of
 * docs/architecture.md. Every import counts: static, type-only, re-exports, dynamic
 * import() and import types, as TypeScript's own pre-processor finds them.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  /** Importing file, repository-relative, '/'-separated. */
  from: string;
  /** Imported file, repository-relative, '/'-separated. */
  to: string;
  /** The specifier as written. */
  specifier: string;
}

export interface Layer {
  name: string;
  /** Higher layers may import lower ones; 0 is the bottom. */
  rank: number;
  modules: string[];
  /** Pure cores: no I/O modules (file system, network, processes). */
  pure: boolean;
}

const toPosix = (p: string) => p.split(sep).join('/');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The source files of the layered code, repository-relative. */
export function sourceFiles(root: string): string[] {
  return ['src', 'steps'].flatMap((d) => walk(join(root, d))).map((p) => toPosix(relative(root, p))).sort();
}

/** Every import specifier of a file (relative and bare). */
export function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** Relative imports resolved to repository-relative paths; bare imports returned apart. */
export function importGraph(root: string, files = sourceFiles(root)): { edges: ImportEdge[]; bare: { from: string; specifier: string }[] } {
  const edges: ImportEdge[] = [];
  const bare: { from: string; specifier: string }[] = [];
  for (const from of files) {
    for (const specifier of importsOf(readFileSync(join(root, from), 'utf8'))) {
      if (specifier.startsWith('.')) {
        const to = toPosix(relative(root, resolve(root, dirname(from), specifier))).replace(/\.js$/, '.ts');
        edges.push({ from, to, specifier });
      } else bare.push({ from, specifier });
    }
  }
  return { edges, bare };
}

/** The module a file belongs to: src/<module>/… or src/<module>.ts, or 'steps'; undefined outside. */
export function moduleOf(file: string): string | undefined {
  const parts = file.split('/');
  if (parts[0] === 'steps') return 'steps';
  if (parts[0] !== 'src' || parts.length < 2) return undefined;
  return parts.length === 2 ? parts[1]!.replace(/\.ts$/, '') : parts[1];
}

/**
 * The layer table of docs/architecture.md: the first Markdown table after the line
 * `<!-- layers -->`, top layer first; each row names its layer, then its modules in
 * backticks, then 'pure' or not.
 */
export function parseLayers(markdown: string): Layer[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === '<!-- layers -->');
  if (start < 0) throw new Error('docs/architecture.md has no <!-- layers --> table');
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.trim().startsWith('|')) {
      if (rows.length > 0) break;
      continue;
    }
    const cells = line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    rows.push(cells);
  }
  const body = rows.slice(1); // the header row
  return body.map((cells, i) => ({
    name: cells[0] ?? '',
    rank: body.length - 1 - i,
    modules: [...(cells[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!),
    pure: /\bpure\b/i.test(cells[2] ?? ''),
  }));
}

export interface Violation {
  kind: 'direction' | 'unplaced' | 'impure' | 'cycle';
  message: string;
}

/** Node modules a pure core may not import: they reach the file system, network or processes. */
const IMPURE = /^(?:node:)?(?:fs|fs\/promises|net|http|https|http2|child_process|worker_threads|dgram|dns|tls|process|os|cluster)$/;

/** Imports against the layer direction, files in no layer, I/O in pure cores. */
export function layerViolations(layers: Layer[], files: string[], edges: ImportEdge[], bare: { from: string; specifier: string }[]): Violation[] {
  const rankOf = new Map<string, Layer>();
  for (const l of layers) for (const m of l.modules) rankOf.set(m, l);
  const out: Violation[] = [];
  for (const f of files) {
    const m = moduleOf(f);
    if (m === undefined || !rankOf.has(m)) out.push({ kind: 'unplaced', message: `${f}: module '${m}' is in no layer of docs/architecture.md` });
  }
  for (const e of edges) {
    const a = moduleOf(e.from);
    const b = moduleOf(e.to);
    if (a === undefined || b === undefined || a === b) continue;
    const la = rankOf.get(a);
    const lb = rankOf.get(b);
    if (la === undefined || lb === undefined) continue; // reported as unplaced
    if (lb.rank >= la.rank) {
      out.push({ kind: 'direction', message: `${e.from} imports '${e.specifier}': ${a} (layer '${la.name}') may not import ${b} (layer '${lb.name}')` });
    }
  }
  for (const i of bare) {
    const m = moduleOf(i.from);
    if (m !== undefined && rankOf.get(m)?.pure && IMPURE.test(i.specifier)) {
      out.push({ kind: 'impure', message: `${i.from} imports '${i.specifier}': ${m} is a pure core` });
    }
  }
  return out;
}

/** Every cycle of the file graph (strongly connected components of more than one file, or a self-import). */
export function cycles(edges: ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

/**
 * The embedded AWS's generic code (src/emulator outside services/) imports no single
 * service: only the services' shared types and registry (services/types.ts,
 * services/index.ts). The composition roots that assemble the services are the
 * exception, named here.
 */
export const EMULATOR_COMPOSITION_ROOTS = ['src/emulator/server.ts', 'src/emulator/estate/load.ts', 'src/emulator/operationName.ts'];

export function serviceViolations(edges: ImportEdge[], roots: readonly string[] = EMULATOR_COMPOSITION_ROOTS): Violation[] {
  return edges
    .filter((e) => e.from.startsWith('src/emulator/') && !e.from.startsWith('src/emulator/services/') && /^src\/emulator\/services\/[^/]+\//.test(e.to) && !roots.includes(e.from))
    .map((e) => ({ kind: 'direction' as const, message: `${e.from} imports '${e.specifier}': generic emulator code may not import a single service` }));
}
