/**
 * Tools outside Node that conformance tests drive: python3 with botocore and boto3,
 * the AWS CLI, curl, Chromium. On a developer's machine a missing tool skips the tests
 * that need it, with a note. In CI (the CI environment variable set, as every CI
 * service does and .ci/run installs the tools) a missing tool is a failing test: a CI
 * run never passes with conformance tests quietly skipped.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

/** True when running in CI: CI=true (or any value but 'false' and '0'). */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v !== 'false' && v !== '0';
}

/**
 * The skip option for tests that need a tool: `missing` is false when the tool is
 * there, else why it is not. Under CI a missing tool also adds a failing test.
 */
export function requireTool(missing: string | false, env: NodeJS.ProcessEnv = process.env): string | false {
  if (missing === false) return false;
  if (inCi(env)) {
    test(`required in CI: ${missing}`, () => {
      assert.fail(`${missing}; CI must install it (.ci/run does) rather than skip the tests that need it`);
    });
  } else {
    process.stdout.write(`# note: skipping: ${missing}\n`);
  }
  return missing;
}
