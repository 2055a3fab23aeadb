import { AfterAll, BeforeAll, After } from '@cucumber/cucumber';
import { startHarness, type Harness } from '../../src/checks/index.ts';
import { setHarness, type CrossgateWorld, type CrossgateParameters } from './world.ts';

let harness: Harness | undefined;

BeforeAll({ timeout: 60_000 }, async function (this: { parameters: Partial<CrossgateParameters> }) {
  harness = await startHarness(this.parameters.config ?? process.env.CROSSGATE_CONFIG ?? 'crossgate.config.json');
  setHarness(harness);
});

AfterAll(async function () {
  await harness?.close();
  setHarness(undefined);
});

/** Attach what the last request observed, for the HTML report and the compliance report. */
After(function (this: CrossgateWorld) {
  const inv = this.lastInvocation;
  if (!inv) return;
  const { method, url, signed, principal, status, errorType, requestId } = inv;
  this.attach(JSON.stringify({ method, url, signed, principal, status, errorType, requestId }, null, 2), 'application/json');
});
