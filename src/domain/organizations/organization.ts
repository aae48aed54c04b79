// An organization's life: created by an account that becomes its management account (with a root,
// its own membership, and AWS's FullAWSAccess policy ready for when SCPs are enabled), found by any
// of its accounts, read by those that administer it, and deleted once only the management account is left.
import { AwsError } from '../../errors.ts';
import type { OrganizationRow, ReadRepos, Repos } from '../../store/index.ts';
import type { Principal } from '../principal.ts';
import { delegationPolicyAllows, isReadOnlyOrgAction } from './delegation-policy.ts';
import { RESOURCE_CONTROL_POLICY, SERVICE_CONTROL_POLICY } from './default-policies.ts';
import { notInUse, notManagement } from './org-errors.ts';
import { newOrganizationId, newRootId } from './org-ids.ts';

export type FeatureSet = 'ALL' | 'CONSOLIDATED_BILLING';

/** The email Tessera gives an account that has none (a management account made by `tessera accounts`). */
export const accountEmail = (accountId: string): string => `${accountId}@accounts.tessera.invalid`;

/** The organization the account belongs to; AWSOrganizationsNotInUseException when none. */
export async function callerOrganization(repos: ReadRepos, accountId: string): Promise<OrganizationRow> {
  const org = await repos.organizations.ofAccount(accountId);
  if (!org) throw notInUse();
  return org;
}

/**
 * The organization the account manages: AWSOrganizationsNotInUseException outside any organization,
 * AccessDeniedException for a member account.
 */
export async function managedOrganization(repos: ReadRepos, accountId: string): Promise<OrganizationRow> {
  const org = await callerOrganization(repos, accountId);
  if (org.management_account_id !== accountId) throw notManagement();
  return org;
}

/** A read by a member account that the organization's delegation policy may allow: who asks, and what. */
export interface DelegatedRead {
  caller: Principal;
  /** The Organizations operation, e.g. `ListAccounts`. */
  operation: string;
}

/**
 * The organization a management account or a delegated administrator may read (ListAccounts,
 * DescribeOrganizationalUnit …), and, for `read`, a member account whose caller the organization's
 * resource-based delegation policy allows that read-only operation (as AWS lets it delegate any); others
 * get AccessDeniedException.
 */
export async function administeredOrganization(
  repos: ReadRepos,
  accountId: string,
  read?: DelegatedRead,
): Promise<OrganizationRow> {
  const org = await callerOrganization(repos, accountId);
  if (org.management_account_id === accountId) return org;
  const admins = await repos.organizations.delegatedAdmins(org.org_id);
  if (admins.some((a) => a.account_id === accountId)) return org;
  if (read && isReadOnlyOrgAction(read.operation)) {
    const policy = await repos.orgResourcePolicies.get(org.org_id);
    if (policy && delegationPolicyAllows(org, policy.content, read.caller, read.operation)) return org;
  }
  throw notManagement();
}

/** The policy types enabled on the organization's root. */
export function enabledPolicyTypes(org: OrganizationRow): string[] {
  return JSON.parse(org.policy_types) as string[];
}

/** CreateOrganization: the caller's account becomes the management account of a new organization. */
export async function createOrganization(
  repos: Repos,
  accountId: string,
  featureSet: FeatureSet,
  now: Date,
): Promise<OrganizationRow> {
  if (await repos.organizations.ofAccount(accountId))
    throw new AwsError(
      'AlreadyInOrganizationException',
      'The AWS account is already a member of an organization.',
    );
  const at = now.toISOString();
  const org: OrganizationRow = {
    org_id: newOrganizationId(),
    management_account_id: accountId,
    root_id: newRootId(),
    feature_set: featureSet as 'ALL',
    policy_types: '[]',
    root_credentials_management: 0,
    root_sessions: 0,
    created_at: at,
  };
  await repos.organizations.insert(org);
  const alias = await repos.accountAliases.ofAccount(accountId);
  await repos.organizations.insertMember({
    account_id: accountId,
    org_id: org.org_id,
    parent_id: org.root_id,
    name: alias ?? accountId,
    email: accountEmail(accountId),
    status: 'ACTIVE',
    // AWS lists the management account as having joined by invitation
    joined_method: 'INVITED',
    joined_at: at,
  });
  return org;
}

/** DeleteOrganization: only when the management account is its last member (OUs and policies go with it). */
export async function deleteOrganization(repos: Repos, accountId: string): Promise<void> {
  const org = await managedOrganization(repos, accountId);
  const members = await repos.organizations.members(org.org_id);
  if (members.some((m) => m.account_id !== accountId))
    throw new AwsError(
      'OrganizationNotEmptyException',
      "The organization isn't empty. You must first remove all member accounts from the organization.",
    );
  // AWS asks only that no member account is left: OUs, policies, invitations and the delegation policy
  // go with the organization, and so do their tags
  const tagged = [
    org.root_id,
    accountId,
    ...(await repos.organizations.units(org.org_id)).map((u) => u.ou_id),
    ...(await repos.organizations.handshakesOfOrganization(org.org_id)).map((h) => h.handshake_id),
  ];
  for (const type of [SERVICE_CONTROL_POLICY, RESOURCE_CONTROL_POLICY])
    tagged.push(...(await repos.orgPolicies.list(org.org_id, type)).map((p) => p.policy_id));
  const delegation = await repos.orgResourcePolicies.get(org.org_id);
  if (delegation) tagged.push(delegation.policy_id);
  for (const id of tagged) await repos.tags.removeAll('org-resource', id);
  await repos.organizations.delete(org.org_id);
}
