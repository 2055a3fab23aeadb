/**
 * Recording evidence: the one call checks and steps use to put what they observed
 * into the compliance report. Evidence travels as a Cucumber attachment of its own
 * media type, so it reaches the formatters from parallel workers too. It is redacted
 * before it is attached: nothing secret ever enters the message stream.
 *
 *   recordEvidence(estate, { kind: 'simulation', engine: 'crossgate', action, resource, decision, matchedStatements })
 */
import { randomUUID } from 'node:crypto';
import { EVIDENCE_MEDIA_TYPE, type Evidence, type EvidenceInput } from '../evidence/types.ts';
import { redactDeep } from '../secrets/redact.ts';

/** Where evidence goes: a Cucumber World (its `attach`) or anything shaped like it. */
export interface EvidenceSink {
  attach(data: string, mediaType: string): unknown;
}

/**
 * Record one piece of evidence for the current scenario. Without a sink (a check run
 * outside a scenario) the evidence is returned but goes nowhere.
 */
export function recordEvidence<E extends EvidenceInput>(sink: EvidenceSink | undefined, input: E): Evidence {
  const evidence = redactDeep({ ...input, id: input.id ?? randomUUID(), at: input.at ?? new Date().toISOString() }) as Evidence;
  sink?.attach(JSON.stringify(evidence), EVIDENCE_MEDIA_TYPE);
  return evidence;
}

/** Record what a step expected of earlier evidence; returns whether it held. */
export function recordExpectation(
  sink: EvidenceSink | undefined,
  e: { of?: string; check: string; expected: string | number | boolean; observed: string | number | boolean | null | undefined },
): boolean {
  const observed = e.observed ?? null;
  const holds = observed === e.expected;
  recordEvidence(sink, { kind: 'expectation', of: e.of, check: e.check, expected: e.expected, observed, holds });
  return holds;
}
