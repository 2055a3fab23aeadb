import { AfterAll, Before, BeforeAll, setDefaultTimeout } from '@cucumber/cucumber';
import { callPolicy, stepTimeoutMs } from '../../src/aws/callPolicy.ts';
import { startHarness, type Harness } from '../../src/checks/index.ts';
import { interruption, watchInterrupts } from '../../src/util/interrupt.ts';
import { setHarness, type CrossgateParameters } from './world.ts';
import { configFile } from '../../src/config/load.ts';

let harness: Harness | undefined;

// A step ends by crossgate's own timeouts (which name the operation and the fault), never by Cucumber's.
setDefaultTimeout(stepTimeoutMs(callPolicy()));

BeforeAll({ timeout: 60_000 }, async function (this: { parameters: Partial<CrossgateParameters> }) {
  watchInterrupts();
  harness = await startHarness(configFile(this.parameters.config));
  setHarness(harness);
});

// After SIGINT/SIGTERM every scenario not yet run fails: a check that was not made is never a pass.
Before(function () {
  const why = interruption();
  if (why) throw new Error(`not checked: the run was ${why}`);
});

AfterAll(async function () {
  await harness?.close();
  setHarness(undefined);
});

// Evidence (requests, role assumptions, expectations …) is recorded by the checks as
// they observe it, into the scenario's World: see src/checks/evidence.ts.
