/**
 * Step assertions that fail with one plain sentence. (Cucumber's formatters replace an
 * AssertionError's message with a bare diff, losing what was checked and why.)
 */
export class CheckFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckFailed';
    // The message says everything; frames of crossgate's own code would only hide it.
    this.stack = `${this.name}: ${this.message}`;
  }
}

export function expectThat(condition: unknown, message: () => string): asserts condition {
  if (!condition) throw new CheckFailed(message());
}

/** A static check's verdict: pass, or fail with every finding. */
export function expectPass(v: { verdict: 'pass' } | { verdict: 'fail'; findings: { policy: string; statementIndex?: number; sid?: string; message: string }[] }): void {
  if (v.verdict === 'pass') return;
  throw new CheckFailed(
    v.findings
      .map((f) => `${f.policy}${f.statementIndex !== undefined ? ` statement ${f.statementIndex}${f.sid ? ` (${f.sid})` : ''}` : ''}: ${f.message}`)
      .join('\n'),
  );
}
