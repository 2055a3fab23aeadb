/**
 * A mistake the user can fix (bad config, estate, policy file, arguments).
 * The CLI prints its message and exits 2, never a stack trace.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
    // The message says everything; frames of crossgate's own code would only hide it.
    this.stack = `${this.name}: ${this.message}`;
  }
}
