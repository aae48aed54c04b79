// Every SSO portal action Tessera serves, for the registry. All are unsigned: an SSO OIDC access token
// in x-amz-sso_bearer_token is the credential.
import type { Action } from '../action.ts';
import { GetRoleCredentials } from './get-role-credentials.ts';
import { Logout } from './logout.ts';
import { ListAccountRoles, ListAccounts } from './portal-listing.ts';

export const ssoPortalActions: readonly Action[] = [
  ListAccounts,
  ListAccountRoles,
  GetRoleCredentials,
  Logout,
];
