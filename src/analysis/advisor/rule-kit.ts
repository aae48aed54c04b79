// What every advisor rule is built from: the rule's shape and the table entry maker, a finding of a
// rule on an entity (with its evidence and fix), and small facts and commands several rules share
// (ages, ARNs, a key's last use, the MFA-protected administrator role, deleting a role).
import type { AccountSnapshot, SnapshotEvent, SnapshotRole, SnapshotUser } from './account-snapshot.ts';
import type { Advice, AdviceOptions, Fix, Severity } from './advice.ts';
import { aws, inlineName } from './remediation.ts';

export interface AdviceRule {
  id: string;
  severity: Severity;
  /** One line: what the rule finds. */
  title: string;
  /** Why it matters, for SARIF's fullDescription. */
  description: string;
  check(snapshot: AccountSnapshot, options: AdviceOptions): Advice[];
}

export const DAY_MS = 24 * 60 * 60 * 1000;

export const ageDays = (iso: string, now: Date) => Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS);
export const rootArnOf = (accountId: string) => `arn:aws:iam::${accountId}:root`;
export const accountOfArn = (arn: string) => /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];

export const fix = (summary: string, commands: string[], policies: Record<string, unknown> = {}): Fix => ({
  summary,
  policies,
  commands,
});

/** A finding of `rule` on the entity `entityArn` of the snapshot's account (at the rule's severity unless given). */
export function finding(
  rule: AdviceRule,
  s: AccountSnapshot,
  entityArn: string,
  message: string,
  evidence: string[],
  f: Fix,
  severity: Severity = rule.severity,
): Advice {
  return {
    ruleId: rule.id,
    severity,
    accountId: s.accountId,
    entityArn,
    message,
    evidence,
    fix: f,
  };
}

/** Events made with a user's own (long-lived) credentials. */
export const userEvents = (s: AccountSnapshot, user: SnapshotUser): SnapshotEvent[] =>
  s.events.filter((e) => e.identityType === 'IAMUser' && e.identityArn === user.row.arn);

export const keyUse = (k: { last_used_at: string | null; last_used_service: string | null }) =>
  k.last_used_at ? `last used ${k.last_used_at} (${k.last_used_service ?? 'unknown service'})` : 'never used';

/** Creating an administrator role assumed with MFA, the home for rights taken from root or users. */
export const adminRoleCommands = () => [
  aws('iam', 'create-role', {
    'role-name': 'Administrator',
    'assume-role-policy-document': 'file://Administrator-trust.json',
  }),
  aws('iam', 'attach-role-policy', {
    'role-name': 'Administrator',
    'policy-arn': 'arn:aws:iam::aws:policy/AdministratorAccess',
  }),
];

/** Detach or delete a role's policies, then delete the role. */
export function deleteRoleCommands({ row, policies }: SnapshotRole): string[] {
  const role = { 'role-name': row.role_name };
  return [
    ...policies.map((p) =>
      p.kind === 'managed'
        ? aws('iam', 'detach-role-policy', { ...role, 'policy-arn': p.sourceId })
        : aws('iam', 'delete-role-policy', { ...role, 'policy-name': inlineName(p.sourceId) }),
    ),
    aws('iam', 'delete-role', role),
  ];
}

export type Check = (this: AdviceRule, s: AccountSnapshot, o: AdviceOptions) => Advice[];

export function rule(
  id: string,
  severity: Severity,
  title: string,
  description: string,
  check: Check,
): AdviceRule {
  const r: AdviceRule = { id, severity, title, description, check: (s, o) => check.call(r, s, o) };
  return r;
}
