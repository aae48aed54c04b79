// IAM Identity Center instances: an organization's instance (enabled by its management account, one
// per organization, administered by the management account or a delegated administrator for
// sso.amazonaws.com) or a standalone account's own, each with an identity store `d-<10 hex>`.
import { randomBytes } from 'node:crypto';
import type { IdcInstanceRow, ReadRepos, Repos } from '../../store/index.ts';

/** Identity Center's service principal, as Organizations registers it. */
export const IDENTITY_CENTER_PRINCIPAL = 'sso.amazonaws.com';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export const instanceArnOf = (instanceId: string) => `arn:aws:sso:::instance/${instanceId}`;

/** `ssoins-<16 hex>` from an instance ARN. */
export const instanceIdOf = (instanceArn: string) => instanceArn.slice(instanceArn.lastIndexOf('/') + 1);

/** A new instance row for an organization (orgId) or a standalone account (orgId null). */
function newInstance(ownerAccountId: string, orgId: string | null, now: Date, name?: string): IdcInstanceRow {
  return {
    instance_arn: instanceArnOf(`ssoins-${hex(8)}`),
    identity_store_id: `d-${hex(5)}`,
    owner_account_id: ownerAccountId,
    org_id: orgId,
    name: name ?? null,
    tags: '{}',
    created_at: now.toISOString(),
  };
}

/**
 * The instances an account administers: its organization's (as management account or as Identity
 * Center's delegated administrator) and any account instance it owns.
 */
export async function administeredInstances(repos: ReadRepos, accountId: string): Promise<IdcInstanceRow[]> {
  const out = (await repos.idcInstances.ownedBy(accountId)).filter((i) => i.org_id === null);
  const org = await repos.organizations.ofAccount(accountId);
  if (org) {
    const instance = await repos.idcInstances.ofOrganization(org.org_id);
    if (instance && (await administersOrganization(repos, accountId, org.org_id, org.management_account_id)))
      out.unshift(instance);
  }
  return out;
}

async function administersOrganization(
  repos: ReadRepos,
  accountId: string,
  orgId: string,
  managementAccountId: string,
): Promise<boolean> {
  if (accountId === managementAccountId) return true;
  const admins = await repos.organizations.delegatedAdmins(orgId);
  return admins.some((a) => a.account_id === accountId && a.service_principal === IDENTITY_CENTER_PRINCIPAL);
}

/**
 * Enables Identity Center for the organization the account manages, if it is not yet: what turning it
 * on in AWS's console does. Undefined when the account manages no organization.
 */
export async function enableForOrganization(
  repos: Repos,
  accountId: string,
  now: Date,
): Promise<IdcInstanceRow | undefined> {
  const org = await repos.organizations.managedBy(accountId);
  if (!org) return undefined;
  const existing = await repos.idcInstances.ofOrganization(org.org_id);
  if (existing) return existing;
  const row = newInstance(accountId, org.org_id, now);
  await repos.idcInstances.insert(row);
  return row;
}

/** A standalone account's own instance (CreateInstance outside an organization's instance). */
export async function createAccountInstance(
  repos: Repos,
  accountId: string,
  now: Date,
  name?: string,
): Promise<IdcInstanceRow> {
  const row = newInstance(accountId, null, now, name);
  await repos.idcInstances.insert(row);
  return row;
}

/** The instance with this ARN, if the account administers it. */
export async function administeredInstance(
  repos: ReadRepos,
  accountId: string,
  instanceArn: string,
): Promise<IdcInstanceRow | undefined> {
  return (await administeredInstances(repos, accountId)).find((i) => i.instance_arn === instanceArn);
}

/** The instance whose identity store this is, if the account administers it. */
export async function administeredIdentityStore(
  repos: ReadRepos,
  accountId: string,
  identityStoreId: string,
): Promise<IdcInstanceRow | undefined> {
  return (await administeredInstances(repos, accountId)).find((i) => i.identity_store_id === identityStoreId);
}

/** The accounts an instance's permission sets may be assigned to: its organization's, or its owner. */
export async function assignableAccounts(repos: ReadRepos, instance: IdcInstanceRow): Promise<string[]> {
  if (!instance.org_id) return [instance.owner_account_id];
  const org = await repos.organizations.byId(instance.org_id);
  if (!org) return [];
  const members = await repos.organizations.members(org.org_id);
  return [...new Set([org.management_account_id, ...members.map((m) => m.account_id)])].sort();
}
