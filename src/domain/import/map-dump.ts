// From a dump to the account it describes: which AWS account it is (the one its ARNs name), which
// Tessera account it goes into (that one, unless another is asked for), and every entity as rows.
import { AWS_ACCOUNT } from '../managed-policies.ts';
import type { DesiredAccount } from './desired-state.ts';
import type { AuthorizationDetailsDump } from './dump-schema.ts';
import { ImportError } from './import-error.ts';
import { arnAccount, type MapContext } from './map-context.ts';
import { mapPolicies } from './map-policies.ts';
import { mapGroups, mapRoles, mapUsers } from './map-principals.ts';

/** The 12-digit account the dump's users, groups, roles or customer policies belong to, if any. */
export function dumpAccountOf(dump: AuthorizationDetailsDump): string | undefined {
  const arns = [
    ...dump.UserDetailList.map((u) => u.Arn),
    ...dump.GroupDetailList.map((g) => g.Arn),
    ...dump.RoleDetailList.map((r) => r.Arn),
    ...dump.Policies.map((p) => p.Arn),
  ];
  for (const arn of arns) {
    const account = arnAccount(arn)?.account;
    if (account !== undefined && account !== AWS_ACCOUNT && /^\d{12}$/.test(account)) return account;
  }
  return undefined;
}

/** Everything the dump says the account holds; `accountId` is the account asked for, if one was. */
export function mapDump(dump: AuthorizationDetailsDump, raw: unknown, accountId?: string): DesiredAccount {
  if (accountId !== undefined && !/^\d{12}$/.test(accountId))
    throw new ImportError('--account', `${accountId} is not a 12-digit account id`);
  const dumpAccountId = dumpAccountOf(dump) ?? accountId;
  if (dumpAccountId === undefined)
    throw new ImportError(
      '',
      'the dump names no account (no user, group, role or customer policy): give --account',
    );
  const ctx: MapContext = { dumpAccountId, accountId: accountId ?? dumpAccountId, raw };
  const policies = mapPolicies(ctx, dump.Policies);
  const groups = mapGroups(ctx, dump.GroupDetailList, policies);
  const users = mapUsers(ctx, dump.UserDetailList, groups, policies);
  const { roles, instanceProfiles } = mapRoles(ctx, dump.RoleDetailList, policies);
  return {
    accountId: ctx.accountId,
    dumpAccountId,
    users,
    groups,
    roles,
    instanceProfiles,
    policies: policies.policies,
    awsPolicies: policies.awsPolicies,
    awsReferences: policies.awsReferences,
  };
}
