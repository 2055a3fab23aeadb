/**
 * Cucumber formats every step error with error-stack-parser. Given a stack without V8
 * frames (crossgate's errors carry only "Name: message", on purpose), that parser tries
 * a regular expression whose run time explodes on long lines holding quotes and
 * ':<digits>' (an ARN): one such message held a run for minutes. An error without
 * frames therefore leaves Cucumber nothing to parse; its message is reported as is.
 */
const V8_FRAME = /^\s*at .*(\S+:\d+|\(native\))/m;

export function parseSafeStack<E>(err: E): E {
  if (!(err instanceof Error)) return err;
  const stack = err.stack;
  if (typeof stack === 'string' && !V8_FRAME.test(stack)) {
    try {
      err.stack = undefined;
    } catch {
      // a frozen error keeps its stack
    }
  }
  return err;
}
