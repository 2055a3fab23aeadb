/**
 * Cucumber's JUnit XML formatter (@cucumber/junit-xml-formatter) with test names a CI
 * dashboard can act on: the control ids first, then the scenario, then an outline
 * row's values, e.g. `XACCT-TRUST-01 An untrusted principal cannot assume the role [outsider]`.
 * In cucumber.json: `"./src/report/junitFormatter.ts:reports/junit.xml"`; its options
 * stay under `formatOptions.junit` (suiteName, testClassName).
 */
import { JUnitXmlPrinter, type Options } from '@cucumber/junit-xml-formatter';
import { controlIdsOf } from './controls.ts';

/** The parts of @cucumber/query's Lineage and a pickle that a name needs. */
export interface NamedPickle { name: string; tags: readonly { name: string }[] }
export interface NamingLineage { example?: { cells: readonly { value: string }[] } }

export function junitTestName(lineage: NamingLineage, pickle: NamedPickle): string {
  const controls = controlIdsOf(pickle.tags.map((t) => t.name));
  const values = lineage.example?.cells.map((c) => c.value) ?? [];
  return [controls.join(' '), pickle.name, values.length ? `[${values.join(', ')}]` : ''].filter(Boolean).join(' ');
}

type Envelope = Parameters<JUnitXmlPrinter['update']>[0];

export default {
  type: 'formatter' as const,
  optionsKey: 'junit',
  formatter({ options, on, write }: { options: Options; on: (type: 'message', handler: (m: Envelope) => void) => void; write: (text: string) => void }) {
    const printer = new JUnitXmlPrinter({ ...options, testNamingStrategy: { reduce: junitTestName } }, write);
    on('message', (m) => printer.update(m));
  },
};
