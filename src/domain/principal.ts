// Who is calling: the authenticated principal behind a request, as the engine and handlers see it.
// Long-lived callers are an account root or an IAM user; temporary ones carry their session.
import type { SessionClaims } from './session.ts';

interface PrincipalBase {
  accountId: string;
  /** The ARN GetCallerIdentity reports and AccessDenied messages name. */
  arn: string;
  /** The unique id GetCallerIdentity reports as UserId. */
  id: string;
  /** For temporary credentials: the session they belong to. */
  session?: SessionClaims;
}

export interface RootPrincipal extends PrincipalBase {
  type: 'root';
}

export interface UserPrincipal extends PrincipalBase {
  type: 'user';
  userName: string;
  path: string;
}

export interface AssumedRolePrincipal extends PrincipalBase {
  type: 'assumed-role';
  roleId: string;
  roleName: string;
  /** The role's own ARN (with its path): aws:PrincipalArn. */
  roleArn: string;
  rolePath: string;
  sessionName: string;
  session: SessionClaims;
}

export interface FederatedUserPrincipal extends PrincipalBase {
  type: 'federated-user';
  /** The name given to GetFederationToken. */
  federatedName: string;
  /** The IAM user (or root) that called GetFederationToken. */
  parentArn: string;
  parentUserId: string | null;
  session: SessionClaims;
}

export type Principal = RootPrincipal | UserPrincipal | AssumedRolePrincipal | FederatedUserPrincipal;
