/**
 * Input validation problems, worded as AWS's services word them (Coral's
 * "1 validation error detected: Value '…' at '…' failed to satisfy constraint: …").
 * Every problem of a request is collected, then reported at once.
 */

export interface Problem {
  /** Where, in AWS's notation: 'roleName', 'tags.1.member.key', 'access.1.member.actions'. */
  at: string;
  message: string;
}

/** The longest value a message repeats whole; longer ones (policy documents) are cut with '…'. */
const SHOWN_MAX = 256;

/** A value as the messages show it: strings quoted, lists and structures elided. */
export function shown(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return "'[…]'";
  if (typeof value === 'object') return "'{…}'";
  const text = String(value);
  return `'${text.length > SHOWN_MAX ? `${text.slice(0, SHOWN_MAX)}…` : text}'`;
}

export class Problems {
  readonly list: Problem[] = [];

  /** "Value '…' at '…' failed to satisfy constraint: …" */
  constraint(at: string, value: unknown, constraint: string): void {
    this.list.push({ at, message: `Value ${shown(value)} at '${at}' failed to satisfy constraint: ${constraint}` });
  }

  /** A problem in the service's own words (what the model cannot say). */
  add(at: string, message: string): void {
    this.list.push({ at, message });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  /** "2 validation errors detected: …; …" */
  summary(): string {
    const n = this.list.length;
    return `${n} validation error${n === 1 ? '' : 's'} detected: ${this.list.map((p) => p.message).join('; ')}`;
  }
}
