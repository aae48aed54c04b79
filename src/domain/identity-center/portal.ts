// What the SSO portal shows a signed-in person: the accounts they have assignments in (with the
// organization's names for them) and, per account, the roles — named after the permission sets — whose
// roles are provisioned there; and the role a request for credentials names, refused when it is not
// one of them.
import { AwsError } from '../../errors.ts';
import type { ReachableRole, ReadRepos, RoleRow } from '../../store/index.ts';

export interface PortalAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
}

/** The roles a user reaches through the instance of their identity store. */
export async function portalRoles(
  repos: ReadRepos,
  identityStoreId: string,
  userId: string,
): Promise<ReachableRole[]> {
  const instance = await repos.idcInstances.byIdentityStore(identityStoreId);
  if (!instance) return [];
  return repos.ssoPortal.reachableRoles(instance.instance_arn, identityStoreId, userId);
}

/** The accounts among `roles`, with their names and e-mail addresses from the organization. */
export async function portalAccounts(
  repos: ReadRepos,
  roles: readonly ReachableRole[],
): Promise<PortalAccount[]> {
  const out: PortalAccount[] = [];
  for (const accountId of [...new Set(roles.map((r) => r.accountId))]) {
    const member = await repos.organizations.member(accountId);
    out.push({ accountId, accountName: member?.name ?? accountId, emailAddress: member?.email ?? '' });
  }
  return out;
}

/** Seconds in an ISO 8601 duration of hours and minutes (PT1H, PT12H, PT1H30M); undefined otherwise. */
export function durationSeconds(iso: string): number | undefined {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(iso);
  if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/**
 * The provisioned role behind `roleName` (a permission set's name) in `accountId` for this user, and the
 * session length its permission set gives; ResourceNotFoundException when the user has no such role.
 */
export async function portalRole(
  repos: ReadRepos,
  identityStoreId: string,
  userId: string,
  accountId: string,
  roleName: string,
): Promise<{ role: RoleRow; durationSeconds: number }> {
  const reachable = (await portalRoles(repos, identityStoreId, userId)).find(
    (r) => r.accountId === accountId && r.permissionSetName === roleName,
  );
  const role = reachable ? await repos.roles.byName(accountId, reachable.roleName) : undefined;
  if (!reachable || !role) throw new AwsError('ResourceNotFoundException', 'No access', { status: 404 });
  return { role, durationSeconds: durationSeconds(reachable.sessionDuration) ?? 3600 };
}
