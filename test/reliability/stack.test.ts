/**
 * A step error must never stall the run while Cucumber formats it. Cucumber parses each
 * error's stack with error-stack-parser, whose expression for frameless stacks runs for
 * seconds to minutes on a long line holding quotes and ':<digits>' (as an ARN does); the
 * step wrapper (steps/support/redaction.ts) gives such errors no stack to parse.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { AwsCallError } from '../../src/aws/errors.ts';
import { parseSafeStack } from '../../src/util/parseSafeStack.ts';

const cucumberRequire = createRequire(createRequire(import.meta.url).resolve('@cucumber/cucumber'));
const errorStackParser = cucumberRequire('error-stack-parser') as { parse(e: Error): unknown[] };

const NASTY = `the answer cannot be read (${Array.from({ length: 14 }, (_, i) => `"Element${i}"`).join(',    ')}) for arn:aws:iam::111111111111:role/ApiInvokerRole`;

test('a frameless error reaches Cucumber with nothing to parse, its message intact', () => {
  const err = parseSafeStack(new AwsCallError('iam:GetRole ApiInvokerRole', 'auditor', 'MalformedResponse', NASTY, 200));
  assert.equal(err.stack, undefined);
  assert.match(err.message, /^iam:GetRole ApiInvokerRole as auditor failed: MalformedResponse \(HTTP 200\): the answer cannot be read/);
  const started = performance.now();
  assert.throws(() => errorStackParser.parse(err), /Cannot parse/);
  assert.ok(performance.now() - started < 50, 'Cucumber gives up at once and reports the message');
});

test('an error with V8 frames keeps its stack (it parses in linear time)', () => {
  const err = parseSafeStack(new TypeError(NASTY));
  assert.match(err.stack ?? '', /\n\s+at /);
  const started = performance.now();
  errorStackParser.parse(err);
  assert.ok(performance.now() - started < 200);
});
