import type { StatementModel } from '../model/statementModel.ts';
import type { ReasonSummary } from '../types.ts';

/**
 * A reason in AWS's shape: AWS's sentence naming the statement as the description
 * (what the API returns, e.g. "New access in the statement with index: 0."), and
 * crossgate's explanation beside it, for callers of the analyzer itself.
 */
export function reason(s: Pick<StatementModel, 'index' | 'sid'>, sentence: string, detail: string): ReasonSummary {
  const out: ReasonSummary = { description: sentence, statementIndex: s.index, detail };
  if (s.sid !== undefined && s.sid !== '') out.statementId = s.sid;
  return out;
}
