// Owns the typed, frozen tree a policy document parses into: every element keeps its source span.
import type { SourceSpan } from './json-source.ts';

export type { SourcePosition, SourceSpan } from './json-source.ts';

export type PolicyKind = 'identity' | 'resource' | 'trust' | 'boundary' | 'session' | 'scp' | 'rcp';

export type PolicyVersion = '2012-10-17' | '2008-10-17';

export type Effect = 'Allow' | 'Deny';

export interface StringValue {
  readonly value: string;
  readonly span: SourceSpan;
}

/** A string-or-list element (`Action`, `Resource`, principal values …). */
export interface StringList {
  readonly values: readonly StringValue[];
  /** True when the document wrote a JSON array (even of one item). */
  readonly isArray: boolean;
  readonly span: SourceSpan;
}

export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';

export interface PrincipalEntry {
  /** The key as written; not necessarily one of the PrincipalType names (validation reports that). */
  readonly type: string;
  readonly typeSpan: SourceSpan;
  readonly values: StringList;
}

export interface PrincipalElement {
  /** `"Principal": "*"`. */
  readonly wildcard: boolean;
  /** A plain string other than "*", kept so that validation can report it. */
  readonly text?: StringValue;
  readonly entries: readonly PrincipalEntry[];
  readonly span: SourceSpan;
}

export type ConditionValueType = 'string' | 'boolean' | 'number';

export interface ConditionValue {
  /** The value as a string: booleans as `true`/`false`, numbers as written. */
  readonly value: string;
  readonly jsonType: ConditionValueType;
  readonly span: SourceSpan;
}

export interface ConditionEntry {
  readonly key: StringValue;
  readonly values: readonly ConditionValue[];
  readonly isArray: boolean;
  readonly span: SourceSpan;
}

export interface ConditionBlock {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: StringValue;
  readonly entries: readonly ConditionEntry[];
  readonly span: SourceSpan;
}

export interface Statement {
  /** 0-based position in the Statement list. */
  readonly index: number;
  readonly sid?: StringValue;
  readonly effect: Effect;
  /** The Effect as written (AWS's legacy parser rejects `allow`). */
  readonly effectText: StringValue;
  readonly action?: StringList;
  readonly notAction?: StringList;
  readonly resource?: StringList;
  readonly notResource?: StringList;
  readonly principal?: PrincipalElement;
  readonly notPrincipal?: PrincipalElement;
  readonly condition?: readonly ConditionBlock[];
  readonly span: SourceSpan;
}

export interface Policy {
  readonly version?: StringValue;
  readonly id?: StringValue;
  readonly statements: readonly Statement[];
  /** True when `Statement` was a JSON array. */
  readonly statementIsArray: boolean;
  readonly span: SourceSpan;
}

/** The effective language version: a document without `Version` is read as 2008-10-17. */
export function policyVersion(policy: Policy): PolicyVersion {
  return policy.version?.value === '2012-10-17' ? '2012-10-17' : '2008-10-17';
}
