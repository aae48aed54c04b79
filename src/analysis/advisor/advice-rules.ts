// The advisor's rules, one small function each, in one table: what the background article's guidance
// ("roles over users", least privilege, no root use, rotate or remove long-lived keys) looks like as
// findings on an account snapshot. Each finding names its evidence (last-used data, audit events)
// and the exact fix (policy JSON and AWS CLI commands). The root rules (root-rules.ts) and the
// management account's (management-account-rule.ts) read the organization context; here, accounts of
// the same organization are not third parties.
import type { AccountSnapshot, SnapshotUser } from './account-snapshot.ts';
import type { Advice, AdviceOptions } from './advice.ts';
import { CI_MIN_SOURCE_IPS, ciCaller } from './ci-callers.ts';
import { grantsEverything, passRoleOnStar } from './engine-checks.ts';
import { trustWithoutExternalId } from './foreign-trust.ts';
import { managementAccountWorkloads } from './management-account-rule.ts';
import {
  aws,
  copyPoliciesCommands,
  externalIdFor,
  externalIdTrustPolicy,
  fileName,
  githubActionsTrustPolicy,
  GITHUB_OIDC_HOST,
  inlineName,
  mfaTrustPolicy,
  narrowPassRolePolicy,
  requireMfaPolicy,
} from './remediation.ts';
import { rootAccessKeys, rootUsedRecently } from './root-rules.ts';
import {
  accountOfArn,
  adminRoleCommands,
  type AdviceRule,
  ageDays,
  deleteRoleCommands,
  finding,
  fix,
  keyUse,
  rootArnOf,
  rule,
  userEvents,
} from './rule-kit.ts';

export type { AdviceRule } from './rule-kit.ts';
export { SCP_MITIGATION_STEPS } from './root-rules.ts';

/** Keys younger than this are not yet reported as never used. */
export const NEVER_USED_GRACE_DAYS = 7;
/** How many other accounts one user's keys must reach before the user is reported. */
export const CROSS_ACCOUNT_MIN = 2;

function ciUserKeys(this: AdviceRule, s: AccountSnapshot): Advice[] {
  return s.users.flatMap((user) => {
    const events = userEvents(s, user).filter((e) => e.accessKeyId?.startsWith('AKIA'));
    const reason = ciCaller(events);
    if (!reason) return [];
    const name = user.row.user_name;
    const role = `${name}-ci`;
    const trustFile = fileName(role, 'trust');
    const keys = [...new Set(events.map((e) => e.accessKeyId!))];
    const commands = [
      aws('iam', 'create-open-id-connect-provider', {
        url: `https://${GITHUB_OIDC_HOST}`,
        'client-id-list': 'sts.amazonaws.com',
      }),
      aws('iam', 'create-role', { 'role-name': role, 'assume-role-policy-document': `file://${trustFile}` }),
      ...copyPoliciesCommands(
        role,
        user.policies.filter((p) => p.holderType === 'user'),
      ),
      ...keys.map((k) => aws('iam', 'delete-access-key', { 'user-name': name, 'access-key-id': k })),
    ];
    const policies = {
      [trustFile]: githubActionsTrustPolicy(s.accountId, 'repo:OWNER/REPO:ref:refs/heads/main'),
    };
    const message = `User ${name}'s long-lived access keys are used from CI: use an OIDC role with short-lived sessions instead.`;
    const summary = `Create a role for the CI job that trusts ${GITHUB_OIDC_HOST} for one repository and branch (set the sub to yours), give it ${name}'s policies, then delete the keys.`;
    const evidence = [reason, ...keys.map((k) => `access key ${k}`)];
    return [finding(this, s, user.row.arn, message, evidence, fix(summary, commands, policies))];
  });
}

function keysNotRotated(this: AdviceRule, s: AccountSnapshot, o: AdviceOptions): Advice[] {
  return s.users.flatMap((user) =>
    user.keys
      .filter((k) => k.status === 'Active' && ageDays(k.created_at, s.now) > o.keyAgeDays)
      .map((k) => {
        const name = user.row.user_name;
        const key = { 'user-name': name, 'access-key-id': k.access_key_id };
        const commands = [
          aws('iam', 'create-access-key', { 'user-name': name }),
          aws('iam', 'update-access-key', { ...key, status: 'Inactive' }),
          aws('iam', 'delete-access-key', key),
        ];
        const age = ageDays(k.created_at, s.now);
        const message = `Access key ${k.access_key_id} of user ${name} was not rotated for ${age} days (limit ${o.keyAgeDays}).`;
        const summary = 'Create a new key, move its users to it, deactivate the old key, then delete it.';
        return finding(
          this,
          s,
          user.row.arn,
          message,
          [`created ${k.created_at}, ${keyUse(k)}`],
          fix(summary, commands),
        );
      }),
  );
}

function keysNeverUsed(this: AdviceRule, s: AccountSnapshot): Advice[] {
  return s.users.flatMap((user) =>
    user.keys
      .filter((k) => k.last_used_at === null && ageDays(k.created_at, s.now) >= NEVER_USED_GRACE_DAYS)
      .map((k) => {
        const age = ageDays(k.created_at, s.now);
        const evidence = [`created ${k.created_at} (${age} days ago), status ${k.status}, never used`];
        const command = aws('iam', 'delete-access-key', {
          'user-name': user.row.user_name,
          'access-key-id': k.access_key_id,
        });
        const message = `Access key ${k.access_key_id} of user ${user.row.user_name} was never used.`;
        return finding(this, s, user.row.arn, message, evidence, fix('Delete the unused key.', [command]));
      }),
  );
}

function consoleWithoutMfa(this: AdviceRule, s: AccountSnapshot): Advice[] {
  return s.users
    .filter((u) => u.hasPassword && !u.hasMfa)
    .map((user) => {
      const name = user.row.user_name;
      const used = user.row.password_last_used;
      const evidence = [
        `console password set; password ${used ? `last used ${used}` : 'never used'}; no MFA device enabled`,
      ];
      const commands = [
        aws('iam', 'create-virtual-mfa-device', {
          'virtual-mfa-device-name': name,
          outfile: fileName(name, 'mfa').replace(/\.json$/, '.png'),
          'bootstrap-method': 'QRCodePNG',
        }),
        aws('iam', 'enable-mfa-device', {
          'user-name': name,
          'serial-number': `arn:aws:iam::${s.accountId}:mfa/${name}`,
          'authentication-code1': 'CODE1',
          'authentication-code2': 'CODE2',
        }),
        aws('iam', 'put-user-policy', {
          'user-name': name,
          'policy-name': 'RequireMFA',
          'policy-document': 'file://RequireMFA.json',
        }),
      ];
      const message = `User ${name} can sign in to the console with a password and has no MFA device.`;
      const summary =
        'Enable a virtual MFA device for the user, and deny everything but MFA setup without MFA.';
      return finding(
        this,
        s,
        user.row.arn,
        message,
        evidence,
        fix(summary, commands, { 'RequireMFA.json': requireMfaPolicy() }),
      );
    });
}

/** The other accounts' roles a user's keys assumed, by account. */
function rolesReached(s: AccountSnapshot, user: SnapshotUser): Map<string, Set<string>> {
  const reached = new Map<string, Set<string>>();
  for (const e of userEvents(s, user)) {
    if (e.eventName !== 'AssumeRole' || e.errorCode !== null) continue;
    const roleArn = e.requestParameters.roleArn;
    const account = typeof roleArn === 'string' ? accountOfArn(roleArn) : undefined;
    if (account === undefined || account === s.accountId) continue;
    reached.set(account, (reached.get(account) ?? new Set()).add(roleArn as string));
  }
  return reached;
}

function crossAccountUserKeys(this: AdviceRule, s: AccountSnapshot): Advice[] {
  return s.users.flatMap((user) => {
    const reached = rolesReached(s, user);
    if (reached.size < CROSS_ACCOUNT_MIN) return [];
    const roles = [...reached].flatMap(([account, arns]) => [...arns].map((arn) => ({ account, arn })));
    const policies: Record<string, unknown> = {};
    const commands: string[] = [];
    for (const { account, arn } of roles) {
      const roleName = arn.slice(arn.lastIndexOf('/') + 1);
      const file = fileName(`${account}-${roleName}`, 'trust');
      const externalId = externalIdFor(account, s.accountId);
      policies[file] = externalIdTrustPolicy(rootArnOf(s.accountId), externalId);
      commands.push(
        `# in account ${account}:`,
        aws('iam', 'update-assume-role-policy', {
          'role-name': roleName,
          'policy-document': `file://${file}`,
        }),
        `# in account ${s.accountId}, from a role session rather than ${user.row.user_name}'s keys:`,
        aws('sts', 'assume-role', {
          'role-arn': arn,
          'role-session-name': user.row.user_name,
          'external-id': externalId,
        }),
      );
    }
    const message = `User ${user.row.user_name}'s keys reach roles in ${reached.size} other accounts.`;
    const summary =
      'Give each account a cross-account role whose trust requires an external ID, and reach it from a role session in this account rather than from user keys.';
    const evidence = roles.map((r) => `AssumeRole into ${r.arn}`);
    return [finding(this, s, user.row.arn, message, evidence, fix(summary, commands, policies))];
  });
}

function thirdPartyTrust(this: AdviceRule, s: AccountSnapshot): Advice[] {
  // the organization's own accounts are not third parties: no confused deputy between siblings
  const siblings = new Set(s.organization?.accountIds ?? []);
  return s.roles.flatMap(({ row }) => {
    const trusted = trustWithoutExternalId(row.assume_role_policy, s.accountId);
    const accounts = trusted.filter((a) => !siblings.has(a));
    const inOrg = trusted.filter((a) => siblings.has(a));
    const first = accounts[0];
    if (first === undefined) return [];
    const file = fileName(row.role_name, 'trust');
    const command = aws('iam', 'update-assume-role-policy', {
      'role-name': row.role_name,
      'policy-document': `file://${file}`,
    });
    const policies = { [file]: externalIdTrustPolicy(rootArnOf(first), externalIdFor(s.accountId, first)) };
    const message = `Role ${row.role_name} trusts account(s) ${accounts.join(', ')} without an sts:ExternalId condition.`;
    const summary =
      'Require the external ID the third party gives you (shown: one derived for the account; use theirs).';
    return [
      finding(
        this,
        s,
        row.arn,
        message,
        [
          `trust policy: ${row.assume_role_policy}`,
          ...(inOrg.length > 0
            ? [
                `also trusted, not reported: ${inOrg.join(', ')}, member(s) of organization ${s.organization!.orgId}`,
              ]
            : []),
        ],
        fix(summary, [command], policies),
      ),
    ];
  });
}

function passRoleStar(this: AdviceRule, s: AccountSnapshot): Advice[] {
  const principals = [
    ...s.users.map((u) => ({ arn: u.row.arn, policies: u.policies })),
    ...s.roles.map((r) => ({ arn: r.row.arn, policies: r.policies })),
  ];
  return principals.flatMap(({ arn, policies }) => {
    const hits = passRoleOnStar(policies);
    if (hits.length === 0) return [];
    const file = 'PassRole.json';
    const document = `file://${file}`;
    const evidence = hits.map(
      ({ policy, finding: f }) =>
        `${policy.sourceId} (${policy.kind}, held by ${policy.holderType}) ${f.location.path} at line ${f.location.position.line}: ${f.message}`,
    );
    const commands = hits.map(({ policy: p }) =>
      p.kind === 'managed'
        ? aws('iam', 'create-policy-version', { 'policy-arn': p.sourceId, 'policy-document': document }) +
          ' --set-as-default'
        : aws('iam', `put-${p.holderType}-policy`, {
            [`${p.holderType}-name`]: p.sourceId.split('/').at(-2) ?? '',
            'policy-name': inlineName(p.sourceId),
            'policy-document': document,
          }),
    );
    const message = `${arn} may pass any role to any service (iam:PassRole on *).`;
    const summary = 'Replace the statement with one naming the roles to pass and the service they go to.';
    return [
      finding(
        this,
        s,
        arn,
        message,
        evidence,
        fix(summary, commands, { [file]: narrowPassRolePolicy(s.accountId) }),
      ),
    ];
  });
}

function adminUsers(this: AdviceRule, s: AccountSnapshot): Advice[] {
  const isAdmin = (u: SnapshotUser) =>
    grantsEverything(
      u.policies,
      {
        type: 'User',
        arn: u.row.arn,
        account: s.accountId,
        username: u.row.user_name,
        userId: u.row.user_id,
      },
      u.boundary,
    );
  return s.users.filter(isAdmin).map((user) => {
    const name = user.row.user_name;
    const detach = user.policies.map((p) =>
      p.holderType === 'group'
        ? `# ${p.sourceId} comes from a group: remove ${name} from it (aws iam remove-user-from-group)`
        : p.kind === 'managed'
          ? aws('iam', 'detach-user-policy', { 'user-name': name, 'policy-arn': p.sourceId })
          : aws('iam', 'delete-user-policy', { 'user-name': name, 'policy-name': inlineName(p.sourceId) }),
    );
    const evidence = [
      `the policy engine allows every probe action on * with: ${user.policies.map((p) => p.sourceId).join(', ')}`,
    ];
    const message = `User ${name} holds admin rights (every action on every resource): hold them in a role assumed with MFA.`;
    const summary = 'Create an administrator role that requires MFA, then take the rights from the user.';
    const policies = { 'Administrator-trust.json': mfaTrustPolicy(s.accountId) };
    return finding(
      this,
      s,
      user.row.arn,
      message,
      evidence,
      fix(summary, [...adminRoleCommands(), ...detach], policies),
    );
  });
}

function unusedRoles(this: AdviceRule, s: AccountSnapshot, o: AdviceOptions): Advice[] {
  return s.roles
    .filter(
      ({ row }) =>
        row.linked_service === null && ageDays(row.last_used_at ?? row.created_at, s.now) > o.unusedDays,
    )
    .map((role) => {
      const { row } = role;
      const evidence = [
        row.last_used_at
          ? `last used ${row.last_used_at} in ${row.last_used_region ?? 'an unknown region'}`
          : `never used since its creation on ${row.created_at}`,
      ];
      const message = `Role ${row.role_name} was not used in the last ${o.unusedDays} days.`;
      const summary = 'Delete the role after removing its policies (or keep it and record why).';
      return finding(this, s, row.arn, message, evidence, fix(summary, deleteRoleCommands(role)));
    });
}

/** The user's most recent password or access-key use. */
function lastActivity(user: SnapshotUser): string | undefined {
  const times = [user.row.password_last_used, ...user.keys.map((k) => k.last_used_at)];
  return times
    .filter((t): t is string => t !== null)
    .sort()
    .at(-1);
}

function unusedUsers(this: AdviceRule, s: AccountSnapshot, o: AdviceOptions): Advice[] {
  return s.users
    .filter((u) => ageDays(lastActivity(u) ?? u.row.created_at, s.now) > o.unusedDays)
    .map((user) => {
      const name = user.row.user_name;
      const last = lastActivity(user);
      const commands = [
        ...(user.hasPassword ? [aws('iam', 'delete-login-profile', { 'user-name': name })] : []),
        ...user.keys.map((k) =>
          aws('iam', 'delete-access-key', { 'user-name': name, 'access-key-id': k.access_key_id }),
        ),
        aws('iam', 'delete-user', { 'user-name': name }),
      ];
      const evidence = [
        last
          ? `last password or access-key use ${last}`
          : `never used since its creation on ${user.row.created_at}`,
      ];
      const message = `User ${name} was not used in the last ${o.unusedDays} days.`;
      const summary =
        'Remove the user’s credentials, then the user (detach its policies and leave its groups first).';
      return finding(this, s, user.row.arn, message, evidence, fix(summary, commands));
    });
}

/** Every rule, most severe first. */
export const ADVICE_RULES: readonly AdviceRule[] = [
  rule(
    'root-access-keys',
    'critical',
    'Root user has access keys',
    'Root access keys hold every right in the account and no policy can limit them.',
    rootAccessKeys,
  ),
  rule(
    'root-used-recently',
    'high',
    'Root user used recently',
    'The root user should be kept for the few tasks only it can do; daily work belongs to roles.',
    rootUsedRecently,
  ),
  rule(
    'ci-user-long-lived-keys',
    'high',
    'Long-lived user keys used from CI',
    `CI callers should assume a role through OIDC (short-lived credentials) rather than store user keys; seen from CI user agents or from ${CI_MIN_SOURCE_IPS}+ source IPs with the AWS CLI or SDKs.`,
    ciUserKeys,
  ),
  rule(
    'console-user-without-mfa',
    'high',
    'Console user without MFA',
    'A password alone protects this console user.',
    consoleWithoutMfa,
  ),
  rule(
    'third-party-trust-without-external-id',
    'high',
    'Role trusts another account without an external ID',
    'Without sts:ExternalId a third party can be tricked into using its access to your role (confused deputy).',
    thirdPartyTrust,
  ),
  rule(
    'pass-role-on-star',
    'high',
    'iam:PassRole allowed on *',
    'Passing any role to any service lets the holder gain that role’s rights.',
    passRoleStar,
  ),
  rule(
    'admin-user',
    'high',
    'Admin rights held by a user',
    'Admin rights belong in a role assumed with MFA for a session, not on a user with long-lived credentials.',
    adminUsers,
  ),
  rule(
    'user-keys-cross-account',
    'medium',
    'One user’s keys reach several accounts',
    'A user whose keys reach roles in several accounts is a single point of compromise; use cross-account roles with external IDs from role sessions.',
    crossAccountUserKeys,
  ),
  rule(
    'management-account-workloads',
    'medium',
    'Workloads in the management account',
    'SCPs never limit the management account of an organization: keep users with access keys and workload roles in member accounts, and the management account for managing the organization.',
    managementAccountWorkloads,
  ),
  rule(
    'access-key-not-rotated',
    'medium',
    'Access key not rotated',
    'Long-lived keys should be rotated regularly, or replaced by role sessions.',
    keysNotRotated,
  ),
  rule(
    'unused-user',
    'medium',
    'Unused user',
    'A user nobody uses is a credential nobody watches.',
    unusedUsers,
  ),
  rule(
    'access-key-never-used',
    'low',
    'Access key never used',
    'A key that was never used is not needed.',
    keysNeverUsed,
  ),
  rule('unused-role', 'low', 'Unused role', 'A role nobody uses is access nobody needs.', unusedRoles),
];

/** Runs the rules (all, or those named) on a snapshot. */
export function runAdviceRules(
  s: AccountSnapshot,
  options: AdviceOptions,
  only?: readonly string[],
): Advice[] {
  return ADVICE_RULES.filter((r) => !only || only.includes(r.id)).flatMap((r) => r.check(s, options));
}
