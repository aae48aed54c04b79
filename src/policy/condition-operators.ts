// Owns what each condition operator means: a lookup table from base operator to its family (how policy and
// context values are read) and its test. Negation, IfExists and the set qualifiers are applied uniformly by
// compile-condition.ts. Per
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
import { compileArnPattern, splitArn } from './arn-pattern.ts';
import type { ArnMatcher, ArnSegments } from './arn-pattern.ts';
import type { BaseOperator } from './condition-operator-names.ts';
import { compileGlob } from './glob-pattern.ts';
import type { Matcher, PatternText } from './glob-pattern.ts';
import { parseIpAddress, parseIpRange, rangeContains } from './ip-address.ts';
import type { IpAddressValue, IpRange } from './ip-address.ts';

/**
 * How one operator reads and compares values. `readPolicy` returns undefined for a malformed policy value and
 * `readContext` for a context value of the wrong type: either makes the condition fail closed.
 */
export interface OperatorSpec<P = unknown, C = unknown> {
  readonly family: 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';
  readonly negated: boolean;
  /** Whether policy variables are substituted in this operator's values. */
  readonly variables: boolean;
  readonly readPolicy: (value: PatternText) => P | undefined;
  readonly readContext: (value: string) => C | undefined;
  readonly test: (context: C, policy: P) => boolean;
}

const identity = (v: string): string => v;
const text = (p: PatternText): string => p.text;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
function readNumber(v: string): number | undefined {
  const t = v.trim();
  return NUMBER.test(t) ? Number(t) : undefined;
}

const ISO_DATE = /^\d{4}(-\d{2}(-\d{2}([Tt]\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?([Zz]|[+-]\d{2}(:?\d{2})?)?)?)?)?$/;
const EPOCH = /^-?\d+(\.\d+)?$/;
/** Reads an ISO 8601 (W3C profile) date or epoch seconds into epoch milliseconds. */
export function readDate(v: string): number | undefined {
  const t = v.trim();
  if (EPOCH.test(t)) return Number(t) * 1000;
  if (!ISO_DATE.test(t)) return undefined;
  let iso = t.toUpperCase();
  if (/^\d{4}$/.test(iso)) iso += '-01-01';
  else if (/^\d{4}-\d{2}$/.test(iso)) iso += '-01';
  if (/T\d{2}$/.test(iso)) iso += ':00';
  if (/T[\d:.]+$/.test(iso)) iso += 'Z';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

function readBool(v: string): boolean | undefined {
  const t = v.toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
function readBinary(v: string): string | undefined {
  const t = v.trim();
  if (!BASE64.test(t) || t.length % 4 === 1) return undefined;
  return Buffer.from(t, 'base64').toString('hex');
}

function string(negated: boolean, test: (c: string, p: string) => boolean): OperatorSpec<string, string> {
  return { family: 'String', negated, variables: true, readPolicy: text, readContext: identity, test };
}
function stringIgnoreCase(negated: boolean): OperatorSpec<string, string> {
  return {
    family: 'String',
    negated,
    variables: true,
    readPolicy: (p) => p.text.toLowerCase(),
    readContext: (c) => c.toLowerCase(),
    test: (c, p) => c === p,
  };
}
function stringLike(negated: boolean): OperatorSpec<Matcher, string> {
  return {
    family: 'String',
    negated,
    variables: true,
    readPolicy: (p) => compileGlob(p),
    readContext: identity,
    test: (c, m) => m(c),
  };
}
function numeric(negated: boolean, test: (c: number, p: number) => boolean): OperatorSpec<number, number> {
  return {
    family: 'Numeric',
    negated,
    variables: false,
    readPolicy: (p) => readNumber(p.text),
    readContext: readNumber,
    test,
  };
}
function date(negated: boolean, test: (c: number, p: number) => boolean): OperatorSpec<number, number> {
  return {
    family: 'Date',
    negated,
    variables: false,
    readPolicy: (p) => readDate(p.text),
    readContext: readDate,
    test,
  };
}
function ip(negated: boolean): OperatorSpec<IpRange, IpAddressValue> {
  return {
    family: 'IpAddress',
    negated,
    variables: false,
    readPolicy: (p) => parseIpRange(p.text.trim()),
    readContext: parseIpAddress,
    test: (c, r) => rangeContains(r, c),
  };
}
function arn(negated: boolean): OperatorSpec<ArnMatcher, { s: ArnSegments; w: string }> {
  return {
    family: 'Arn',
    negated,
    variables: true,
    readPolicy: (p) => compileArnPattern(p),
    readContext: (c) => ({ s: splitArn(c), w: c }),
    test: (c, m) => m(c.s, c.w),
  };
}

const eq = (c: number, p: number): boolean => c === p;

/** The operator table. `Null` is listed for completeness; its missing-key logic lives in compile-condition.ts. */
export const CONDITION_OPERATORS: Readonly<Record<BaseOperator, OperatorSpec<unknown, unknown>>> = {
  StringEquals: string(false, (c, p) => c === p),
  StringNotEquals: string(true, (c, p) => c === p),
  StringEqualsIgnoreCase: stringIgnoreCase(false),
  StringNotEqualsIgnoreCase: stringIgnoreCase(true),
  StringLike: stringLike(false),
  StringNotLike: stringLike(true),
  NumericEquals: numeric(false, eq),
  NumericNotEquals: numeric(true, eq),
  NumericLessThan: numeric(false, (c, p) => c < p),
  NumericLessThanEquals: numeric(false, (c, p) => c <= p),
  NumericGreaterThan: numeric(false, (c, p) => c > p),
  NumericGreaterThanEquals: numeric(false, (c, p) => c >= p),
  DateEquals: date(false, eq),
  DateNotEquals: date(true, eq),
  DateLessThan: date(false, (c, p) => c < p),
  DateLessThanEquals: date(false, (c, p) => c <= p),
  DateGreaterThan: date(false, (c, p) => c > p),
  DateGreaterThanEquals: date(false, (c, p) => c >= p),
  Bool: {
    family: 'Bool',
    negated: false,
    variables: true,
    readPolicy: (p: PatternText) => readBool(p.text),
    readContext: readBool,
    test: (c: boolean, p: boolean) => c === p,
  },
  BinaryEquals: {
    family: 'Binary',
    negated: false,
    variables: false,
    readPolicy: (p: PatternText) => readBinary(p.text),
    readContext: readBinary,
    test: (c: string, p: string) => c === p,
  },
  IpAddress: ip(false),
  NotIpAddress: ip(true),
  ArnEquals: arn(false),
  ArnLike: arn(false),
  ArnNotEquals: arn(true),
  ArnNotLike: arn(true),
  Null: {
    family: 'Null',
    negated: false,
    variables: false,
    readPolicy: (p: PatternText) => readBool(p.text),
    readContext: () => true,
    test: () => false,
  },
} as unknown as Readonly<Record<BaseOperator, OperatorSpec<unknown, unknown>>>;
