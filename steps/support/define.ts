/**
 * Every step is defined through `step()`, which registers it with Cucumber and
 * records its description and example in the catalogue that `crossgate steps` and
 * docs/steps.md are made from.
 */
import { DataTable, Given, Then, When } from '@cucumber/cucumber';

export type Layer = 'static' | 'simulation' | 'analyzer' | 'e2e' | 'any';

export interface StepDoc {
  /** One line: what the step does or checks. */
  description: string;
  /** A line of Gherkin using the step, as it would appear in a feature file (without the keyword). */
  example: string;
  layer: Layer;
  /**
   * For a step that takes a data table: an example table, header row first. The step
   * then fails with a clear message when a feature gives it no table.
   */
  table?: string[][];
  /** For a step that takes a doc string: an example of it. Without one in a feature, the step fails saying so. */
  docString?: string;
}

export interface CatalogueEntry extends StepDoc {
  keyword: 'Given' | 'When' | 'Then';
  pattern: string;
}

export const CATALOGUE: CatalogueEntry[] = [];

// Step bodies take typed parameters from parameter types; Cucumber's own signature is `any`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type StepBody = (this: any, ...args: any[]) => unknown;

const KEYWORDS = { Given, When, Then } as const;

/** A data table as Gherkin writes it, indented. */
export function gherkinTable(rows: readonly string[][], indent = '  '): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => `${indent}| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`).join('\n');
}

/** How many parameters a Cucumber expression has ('{role}', '{string}' …). */
function parameterCount(pattern: string): number {
  return (pattern.replace(/\\[{}]/g, '').match(/\{[^}]*\}/g) ?? []).length;
}

export function step(keyword: CatalogueEntry['keyword'], pattern: string, doc: StepDoc, body: StepBody): void {
  CATALOGUE.push({ keyword, pattern, ...doc });
  const wrapped = doc.table ? needsArgument(pattern, body, (a) => a instanceof DataTable, `a data table under it, for example:\n${gherkinTable(doc.table, '      ')}`)
    : doc.docString ? needsArgument(pattern, body, (a) => typeof a === 'string', `a doc string under it, for example:\n      \"\"\"\n${doc.docString.split('\n').map((l) => `      ${l}`).join('\n')}\n      \"\"\"`)
      : body;
  KEYWORDS[keyword](pattern, wrapped);
}

/**
 * A table (or doc string) step given none: Cucumber would take the missing argument for
 * a callback (its arity rule) and the step would crash on it. The wrapper declares the
 * arity of expression parameters plus the argument, and fails such a step with what it needs.
 */
function needsArgument(pattern: string, body: StepBody, given: (arg: unknown) => boolean, needs: string): StepBody {
  const arity = parameterCount(pattern) + 1;
  const wrapper = function (this: unknown, ...args: unknown[]) {
    // Cucumber appends its callback to every call: the argument, when given, comes before it.
    const table = args[arity - 1];
    if (!given(table)) {
      const error = new Error(`this step needs ${needs}`);
      error.stack = `Error: ${error.message}`;
      // Without a table, the arity makes Cucumber wait for its callback: answer through it.
      if (typeof table === 'function') return void (table as (e: Error) => void)(error);
      throw error;
    }
    return body.apply(this, args.slice(0, arity));
  };
  Object.defineProperty(wrapper, 'length', { value: arity });
  return wrapper;
}
