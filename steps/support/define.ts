/**
 * Every step is defined through `step()`, which registers it with Cucumber and
 * records its description and example in the catalogue that `crossgate steps` and
 * docs/steps.md are made from.
 */
import { Given, Then, When } from '@cucumber/cucumber';

export type Layer = 'static' | 'simulation' | 'analyzer' | 'e2e' | 'any';

export interface StepDoc {
  /** One line: what the step does or checks. */
  description: string;
  /** A line of Gherkin using the step, as it would appear in a feature file (without the keyword). */
  example: string;
  layer: Layer;
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

export function step(keyword: CatalogueEntry['keyword'], pattern: string, doc: StepDoc, body: StepBody): void {
  CATALOGUE.push({ keyword, pattern, ...doc });
  KEYWORDS[keyword](pattern, body);
}
