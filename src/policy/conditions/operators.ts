import { arnLike } from './arn.ts';
import { binaryEquals } from './binary.ts';
import { bool } from './bool.ts';
import { date } from './date.ts';
import { ipAddress } from './ipAddress.ts';
import { numeric } from './numeric.ts';
import type { Prepare } from './preparedValue.ts';
import { stringEquals, stringLike } from './string.ts';

/** A condition operator without its ForAnyValue:/ForAllValues: qualifier and IfExists suffix. */
export interface BaseOperator {
  name: string;
  /** Negated operators are true when no policy value matches, and when the key is absent. */
  negated: boolean;
  /** The positive test; `null` marks the Null operator, which looks at presence only. */
  prepare: Prepare | null;
}

const table: BaseOperator[] = [];
function add(name: string, prepare: Prepare | null, negatedName?: string): void {
  table.push({ name, negated: false, prepare });
  if (negatedName !== undefined) table.push({ name: negatedName, negated: true, prepare });
}

add('StringEquals', stringEquals(false), 'StringNotEquals');
add('StringEqualsIgnoreCase', stringEquals(true), 'StringNotEqualsIgnoreCase');
add('StringLike', stringLike, 'StringNotLike');
add('ArnEquals', arnLike, 'ArnNotEquals');
add('ArnLike', arnLike, 'ArnNotLike');
add('NumericEquals', numeric((c, p) => c === p), 'NumericNotEquals');
add('NumericLessThan', numeric((c, p) => c < p));
add('NumericLessThanEquals', numeric((c, p) => c <= p));
add('NumericGreaterThan', numeric((c, p) => c > p));
add('NumericGreaterThanEquals', numeric((c, p) => c >= p));
add('DateEquals', date((c, p) => c === p), 'DateNotEquals');
add('DateLessThan', date((c, p) => c < p));
add('DateLessThanEquals', date((c, p) => c <= p));
add('DateGreaterThan', date((c, p) => c > p));
add('DateGreaterThanEquals', date((c, p) => c >= p));
add('Bool', bool);
add('BinaryEquals', binaryEquals);
add('IpAddress', ipAddress, 'NotIpAddress');
add('Null', null);

const byName = new Map(table.map((op) => [op.name.toLowerCase(), op]));

export type SetQualifier = 'ForAnyValue' | 'ForAllValues';

export interface ConditionOperator {
  /** As written in the policy. */
  text: string;
  base: BaseOperator;
  set?: SetQualifier;
  ifExists: boolean;
}

/**
 * Reads 'ForAllValues:StringLikeIfExists' and the like; undefined for operators
 * IAM does not know. Null takes neither a qualifier nor IfExists.
 */
export function parseOperator(text: string): ConditionOperator | undefined {
  let rest = text;
  let set: SetQualifier | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const qualifier = rest.slice(0, colon).toLowerCase();
    if (qualifier === 'foranyvalue') set = 'ForAnyValue';
    else if (qualifier === 'forallvalues') set = 'ForAllValues';
    else return undefined;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.toLowerCase().endsWith('ifexists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const base = byName.get(rest.toLowerCase());
  if (base === undefined) return undefined;
  if (base.prepare === null && (set !== undefined || ifExists)) return undefined;
  return set === undefined ? { text, base, ifExists } : { text, base, set, ifExists };
}

/** Names of every base operator, for documentation and validation messages. */
export const OPERATOR_NAMES: readonly string[] = table.map((op) => op.name);
