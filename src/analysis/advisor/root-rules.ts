// The root user's rules: root access keys and recent root use. In a member account of an
// organization, an SCP that denies the root every action (decided by the policy engine) lowers their
// severity and is cited; one that denies the root iam:DeleteAccessKey turns the fix into an AssumeRoot
// session opened by the management account. SCPs never limit the management account.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html
import type { AccountSnapshot } from './account-snapshot.ts';
import { type Advice, type AdviceOptions, type Fix, type Severity, SEVERITIES } from './advice.ts';
import { ADMIN_PROBES, type ScpDenial, scpDenies } from './engine-checks.ts';
import { mfaTrustPolicy, aws } from './remediation.ts';
import { adminRoleCommands, type AdviceRule, finding, fix, keyUse, rootArnOf } from './rule-kit.ts';

/** How many severities an SCP that denies the root everything lowers a root finding by. */
export const SCP_MITIGATION_STEPS = 2;

/** `severity` lowered by `steps`, never below low. */
const lowered = (severity: Severity, steps: number): Severity =>
  SEVERITIES[Math.min(SEVERITIES.indexOf(severity) + steps, SEVERITIES.length - 1)]!;

const rootPrincipal = (accountId: string) => ({
  type: 'Account' as const,
  arn: rootArnOf(accountId),
  account: accountId,
  userId: accountId,
});

/** The SCP statements that deny the account's root every action, when the account is a member with such SCPs. */
const scpDeniesRoot = (s: AccountSnapshot): ScpDenial[] | undefined =>
  s.organization ? scpDenies(s.organization, rootPrincipal(s.accountId), ADMIN_PROBES) : undefined;

const citeScps = (denials: readonly ScpDenial[], what: string) =>
  denials.map(
    (d) =>
      `SCP ${d.scp.name} (${d.scp.policyId}, attached to ${d.scp.targetId}) statement ${d.statement} denies ${what}`,
  );

/** Delete the root's keys from an AssumeRoot session opened by the management account. */
function assumeRootCommands(s: AccountSnapshot, managementAccountId: string): string[] {
  return [
    `# from the management account ${managementAccountId} (centralized root access enabled for the organization):`,
    aws('sts', 'assume-root', {
      'target-principal': s.accountId,
      'task-policy-arn': 'arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials',
    }),
    '# with the root session credentials it returns:',
    ...s.rootKeys.map((k) => aws('iam', 'delete-access-key', { 'access-key-id': k.access_key_id })),
  ];
}

export function rootAccessKeys(this: AdviceRule, s: AccountSnapshot): Advice[] {
  if (s.rootKeys.length === 0) return [];
  const org = s.organization;
  const root = rootPrincipal(s.accountId);
  const mitigated = scpDeniesRoot(s);
  // the fix as root is itself blocked when an SCP denies the root iam:DeleteAccessKey
  const blocked = org && scpDenies(org, root, ['iam:DeleteAccessKey']);
  const evidence = [
    ...s.rootKeys.map(
      (k) => `root access key ${k.access_key_id} (${k.status}) created ${k.created_at}, ${keyUse(k)}`,
    ),
    ...citeScps(mitigated ?? [], 'the root every action'),
    ...(blocked && !mitigated ? citeScps(blocked, 'the root iam:DeleteAccessKey') : []),
  ];
  const message = mitigated
    ? `The account root has ${s.rootKeys.length} access key(s); an SCP of organization ${org!.orgId} denies the root every action, which limits what they can do, but they should not exist.`
    : `The account root has ${s.rootKeys.length} access key(s); no identity policy can limit root keys.`;
  let f: Fix;
  if (org && blocked) {
    const sessionsBlocked = scpDenies(org, root, ['iam:DeleteAccessKey'], { assumedRoot: true });
    const summary = sessionsBlocked
      ? 'An SCP denies the root iam:DeleteAccessKey, AssumeRoot sessions included: exempt root sessions from it (a Null aws:AssumedRoot condition), then delete the root access keys from an AssumeRoot session.'
      : 'An SCP denies the root iam:DeleteAccessKey, so the root cannot delete its own keys: delete them from an AssumeRoot session opened by the management account.';
    f = fix(summary, assumeRootCommands(s, org.managementAccountId));
  } else {
    const commands = s.rootKeys.flatMap((k) => [
      aws('iam', 'update-access-key', { 'access-key-id': k.access_key_id, status: 'Inactive' }),
      aws('iam', 'delete-access-key', { 'access-key-id': k.access_key_id }),
    ]);
    f = fix(
      'Deactivate, then delete the root access keys (as root); do their work with an IAM role.',
      commands,
    );
  }
  const severity = mitigated ? lowered(this.severity, SCP_MITIGATION_STEPS) : this.severity;
  return [finding(this, s, rootArnOf(s.accountId), message, evidence, f, severity)];
}

export function rootUsedRecently(this: AdviceRule, s: AccountSnapshot, o: AdviceOptions): Advice[] {
  // a cross-account event's copy may name another account's root: only this account's counts
  const root = rootArnOf(s.accountId);
  const used = s.events.filter((e) => e.identityType === 'Root' && (e.identityArn ?? root) === root);
  const last = used[0];
  if (!last) return [];
  const ips = [...new Set(used.map((e) => e.sourceIp))];
  const names = [...new Set(used.map((e) => e.eventName))];
  const evidence = [
    `last root call: ${last.eventName} at ${last.eventTime} from ${last.sourceIp} (event ${last.eventId})`,
    `source IPs: ${ips.slice(0, 10).join(', ')}${ips.length > 10 ? ', …' : ''}`,
    `actions: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}`,
  ];
  const mitigated = scpDeniesRoot(s);
  const message = mitigated
    ? `The account root made ${used.length} call(s) in the last ${o.unusedDays} days; an SCP of organization ${s.organization!.orgId} denies the root every action.`
    : `The account root made ${used.length} call(s) in the last ${o.unusedDays} days.`;
  const summary = 'Create an administrator role that requires MFA and use it instead of the root user.';
  const policies = { 'Administrator-trust.json': mfaTrustPolicy(s.accountId) };
  return [
    finding(
      this,
      s,
      root,
      message,
      mitigated ? [...evidence, ...citeScps(mitigated, 'the root every action')] : evidence,
      fix(summary, adminRoleCommands(), policies),
      mitigated ? lowered(this.severity, SCP_MITIGATION_STEPS) : this.severity,
    ),
  ];
}
