/**
 * Step assertions that fail with one plain sentence. (Cucumber's formatters replace an
 * AssertionError's message with a bare diff, losing what was checked and why.)
 */
export class CheckFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckFailed';
  }
}

export function expectThat(condition: unknown, message: () => string): asserts condition {
  if (!condition) throw new CheckFailed(message());
}
