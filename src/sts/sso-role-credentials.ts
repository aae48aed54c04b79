// Role credentials for an Identity Center user (the portal's GetRoleCredentials and its page): a real
// session of the provisioned AWSReservedSSO_* role, named after the user, as long as the permission
// set's session duration, recorded in the audit trail with the user's identity in the role's account.
import type { Services } from '../services.ts';
import { portalRole } from '../domain/index.ts';
import { issueRoleSession, type RoleSessionCredentials } from './issue-session.ts';

export interface SsoUser {
  identityStoreId: string;
  userId: string;
  userName: string;
}

export async function ssoRoleCredentials(
  services: Services,
  user: SsoUser,
  accountId: string,
  roleName: string,
  now: Date,
): Promise<RoleSessionCredentials> {
  const { role, durationSeconds } = await services.store.read((repos) =>
    portalRole(repos, user.identityStoreId, user.userId, accountId, roleName),
  );
  return issueRoleSession(services, { role, sessionName: user.userName, durationSeconds, now });
}
