import type { StatementModel } from '../model/statementModel.ts';
import type { ReasonSummary } from '../types.ts';

/** A reason in AWS's shape: AWS's sentence naming the statement, then crossgate's explanation. */
export function reason(s: Pick<StatementModel, 'index' | 'sid'>, sentence: string, detail: string): ReasonSummary {
  const out: ReasonSummary = { description: `${sentence} ${detail}`, statementIndex: s.index };
  if (s.sid !== undefined && s.sid !== '') out.statementId = s.sid;
  return out;
}
