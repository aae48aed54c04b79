// The advisor's vocabulary: a finding (one rule's verdict on one entity, with its evidence and the
// exact fix), severities in order, and the options every rule reads.

export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** Severities from the most to the least severe. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** True when `s` is at least as severe as `floor`. */
export function atLeast(s: Severity, floor: Severity): boolean {
  return SEVERITIES.indexOf(s) <= SEVERITIES.indexOf(floor);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** What to do about a finding: in words, the policy documents to use, and the AWS CLI commands to run. */
export interface Fix {
  summary: string;
  /** Policy documents the commands read, by the file name the commands give them. */
  policies: Record<string, unknown>;
  commands: string[];
}

export interface Advice {
  /** The rule's stable kebab-case id. */
  ruleId: string;
  severity: Severity;
  accountId: string;
  /** The ARN of the entity the finding is about (the account root for root findings). */
  entityArn: string;
  message: string;
  /** Facts from the store and the audit trail that support the finding, one per line. */
  evidence: string[];
  fix: Fix;
}

export interface AdviceOptions {
  /** Access keys older than this many days are due for rotation. */
  keyAgeDays: number;
  /** Roles and users not used within this many days are unused; also the audit trail's look-back. */
  unusedDays: number;
}

export const DEFAULT_ADVICE_OPTIONS: AdviceOptions = { keyAgeDays: 90, unusedDays: 90 };
