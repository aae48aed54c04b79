// The quotas an imported account needs: AWS lets an account raise some of IAM's quotas (roles,
// customer managed policies, attachments per entity …), so a real account may hold more than
// Tessera's defaults allow. The import does not refuse such an account: where the dump needs more
// than the account's quotas, it raises the account's own overrides to what the dump holds (as
// `tessera accounts set-quotas` would) and the summary says so.
import { type Quotas, quotasFor } from '../../config/index.ts';
import { policySizeWithoutWhitespace } from '../../policy/index.ts';
import type { Repos } from '../../store/index.ts';
import type { DesiredAccount, DesiredInlinePolicy } from './desired-state.ts';

export interface QuotaRaise {
  quota: keyof Quotas;
  from: number;
  to: number;
}

const max = (values: Iterable<number>): number => {
  let m = 0;
  for (const v of values) if (v > m) m = v;
  return m;
};

const inlineSize = (list: readonly DesiredInlinePolicy[]) =>
  list.reduce((n, p) => n + policySizeWithoutWhitespace(p.document), 0);

/** The largest figure the dump holds for each quota. */
export function quotaNeeds(d: DesiredAccount): Quotas {
  const holders = [...d.users, ...d.groups, ...d.roles];
  return {
    usersPerAccount: d.users.length,
    rolesPerAccount: d.roles.length,
    groupsPerAccount: d.groups.length,
    customerManagedPoliciesPerAccount: d.policies.length,
    instanceProfilesPerAccount: d.instanceProfiles.length,
    managedPoliciesPerEntity: max(holders.map((h) => h.attached.length)),
    groupsPerUser: max(d.users.map((u) => u.groupIds.length)),
    versionsPerPolicy: max(d.policies.map((p) => p.versions.length)),
    // access keys are not in the dump
    accessKeysPerUser: 0,
    tagsPerResource: max([...d.users, ...d.roles, ...d.instanceProfiles].map((e) => e.tags.length)),
    managedPolicySize: max(
      d.policies.flatMap((p) => p.versions.map((v) => policySizeWithoutWhitespace(v.document))),
    ),
    userInlinePolicySize: max(d.users.map((u) => inlineSize(u.inline))),
    groupInlinePolicySize: max(d.groups.map((g) => inlineSize(g.inline))),
    roleInlinePolicySize: max(d.roles.map((r) => inlineSize(r.inline))),
    trustPolicySize: max(d.roles.map((r) => policySizeWithoutWhitespace(r.row.assume_role_policy))),
    // server certificates are not in the dump
    serverCertificatesPerAccount: 0,
  };
}

/**
 * Raises the account's quota overrides where the dump needs more than `base` with the account's
 * overrides allows; returns what was raised (nothing when the account's quotas suffice).
 */
export async function raiseQuotas(
  repos: Repos,
  accountId: string,
  base: Quotas,
  needs: Quotas,
): Promise<QuotaRaise[]> {
  const account = await repos.accounts.get(accountId);
  const current = quotasFor(base, account?.quotas);
  const raised: QuotaRaise[] = [];
  for (const quota of Object.keys(needs) as (keyof Quotas)[])
    if (needs[quota] > current[quota]) raised.push({ quota, from: current[quota], to: needs[quota] });
  if (raised.length === 0) return raised;
  const overrides = {
    ...(account?.quotas ? (JSON.parse(account.quotas) as Partial<Quotas>) : {}),
    ...Object.fromEntries(raised.map((r) => [r.quota, r.to])),
  };
  await repos.accounts.setQuotas(accountId, JSON.stringify(overrides));
  return raised;
}
