// Owns the names of AWS's condition operators and how a written operator splits into
// set qualifier (ForAnyValue:/ForAllValues:), base operator and the IfExists suffix.

export const BASE_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
] as const;

export type BaseOperator = (typeof BASE_OPERATORS)[number];
export type SetQualifier = 'ForAnyValue' | 'ForAllValues' | undefined;

const BASE_SET: ReadonlySet<string> = new Set(BASE_OPERATORS);

export interface OperatorName {
  readonly qualifier: SetQualifier;
  /** The base operator, or undefined when AWS does not know it. */
  readonly base: BaseOperator | undefined;
  /** The base name as written (without qualifier and IfExists), known or not. */
  readonly baseText: string;
  readonly ifExists: boolean;
}

/** Splits a written operator into its parts. Operator names are case-sensitive, as in AWS. */
export function splitOperator(written: string): OperatorName {
  let rest = written;
  let qualifier: SetQualifier;
  if (rest.startsWith('ForAnyValue:')) {
    qualifier = 'ForAnyValue';
    rest = rest.slice('ForAnyValue:'.length);
  } else if (rest.startsWith('ForAllValues:')) {
    qualifier = 'ForAllValues';
    rest = rest.slice('ForAllValues:'.length);
  }
  let ifExists = false;
  if (rest.endsWith('IfExists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const base = BASE_SET.has(rest) ? (rest as BaseOperator) : undefined;
  return { qualifier, base, baseText: rest, ifExists };
}
