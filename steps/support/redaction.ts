/**
 * No secret reaches Cucumber's message stream, and so none reaches any report
 * (html, junit, messages, compliance) or the console:
 *
 * - every step and hook is wrapped so that an error it throws is scrubbed before
 *   Cucumber formats it (an AWS error may quote a signed request);
 * - the World's attach/log scrub text before attaching it (see world.ts).
 *
 * Scrubbing uses src/secrets/redact.ts: the secrets this process obtained (registered
 * as they are obtained) and secret-shaped patterns.
 */
import { setDefinitionFunctionWrapper, type IWorldOptions } from '@cucumber/cucumber';
import { redact, redactError } from '../../src/secrets/redact.ts';
import { parseSafeStack } from '../../src/util/parseSafeStack.ts';

setDefinitionFunctionWrapper((fn: (...args: unknown[]) => unknown) =>
  function (this: unknown, ...args: unknown[]): unknown {
    let result: unknown;
    try {
      result = fn.apply(this, args);
    } catch (err) {
      throw parseSafeStack(redactError(err));
    }
    if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
      return Promise.resolve(result).catch((err: unknown) => {
        throw parseSafeStack(redactError(err));
      });
    }
    return result;
  },
);

const TEXTUAL = /^text\/|[/+](json|xml|csv|yaml)$|^application\/(x-)?(ndjson|javascript)$/;

function mediaTypeOf(opt: unknown): string | undefined {
  return typeof opt === 'string' ? opt : (opt as { mediaType?: string } | undefined)?.mediaType;
}

/** World options whose attach and log scrub text before it enters the message stream. */
export function redactingWorldOptions<P>(options: IWorldOptions<P>): IWorldOptions<P> {
  const { attach, log } = options;
  const scrubbed = ((data: unknown, mediaTypeOrOptions?: unknown, callback?: unknown) => {
    let out = data;
    if (typeof data === 'string') out = redact(data);
    else if (Buffer.isBuffer(data) && TEXTUAL.test(mediaTypeOf(mediaTypeOrOptions) ?? '')) out = Buffer.from(redact(data.toString('utf8')), 'utf8');
    return (attach as (...a: unknown[]) => unknown)(out, mediaTypeOrOptions, ...(callback === undefined ? [] : [callback]));
  }) as IWorldOptions<P>['attach'];
  return { ...options, attach: scrubbed, log: (text: string) => log(redact(String(text))) };
}
