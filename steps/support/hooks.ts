import { AfterAll, BeforeAll } from '@cucumber/cucumber';
import { startHarness, type Harness } from '../../src/checks/index.ts';
import { setHarness, type CrossgateParameters } from './world.ts';

let harness: Harness | undefined;

BeforeAll({ timeout: 60_000 }, async function (this: { parameters: Partial<CrossgateParameters> }) {
  harness = await startHarness(this.parameters.config ?? process.env.CROSSGATE_CONFIG ?? 'crossgate.config.json');
  setHarness(harness);
});

AfterAll(async function () {
  await harness?.close();
  setHarness(undefined);
});

// Evidence (requests, role assumptions, expectations …) is recorded by the checks as
// they observe it, into the scenario's World: see src/checks/evidence.ts.
