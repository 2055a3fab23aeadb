/**
 * An interrupted run (SIGINT, SIGTERM) still ends properly: the step in flight
 * finishes (bounded by the AWS timeouts), every scenario not yet checked fails with
 * "not checked", the AfterAll hook marks the results incomplete, the reports are
 * written, and `crossgate run` exits 130. A second signal stops at once.
 */

let interruptedBy: NodeJS.Signals | undefined;
let watching = false;

function onSignal(signal: NodeJS.Signals): void {
  if (interruptedBy) {
    process.stderr.write(`\ncrossgate: ${signal} again: stopping now; the reports are not written\n`);
    process.exit(130);
  }
  interruptedBy = signal;
  process.stderr.write(`\ncrossgate: ${signal}: finishing the step in flight, then writing partial reports (${signal} again stops at once)\n`);
}

/** Start listening (idempotent). Replaces Node's default of dying on the spot. */
export function watchInterrupts(): void {
  if (watching) return;
  watching = true;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** 'interrupted by SIGINT' once a signal arrived; undefined before. */
export function interruption(): string | undefined {
  return interruptedBy ? `interrupted by ${interruptedBy}` : undefined;
}
