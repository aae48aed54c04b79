// The principal a temporary credential stands for, rebuilt from its session token's claims alone
// (no database read): an assumed role, a federated user, or the user or root behind
// GetSessionToken, each carrying its session.
import { rootArn } from './arns.ts';
import type { Principal } from './principal.ts';
import type { SessionClaims } from './session.ts';

export function principalFromClaims(claims: SessionClaims): Principal {
  const base = { accountId: claims.accountId, arn: claims.arn, id: claims.userId, session: claims };
  switch (claims.kind) {
    case 'assumed-role': {
      const { role } = claims;
      return {
        ...base,
        type: 'assumed-role',
        roleId: role.roleId,
        roleName: role.roleName,
        roleArn: role.arn,
        rolePath: role.path,
        sessionName: claims.sessionName,
      };
    }
    case 'federated-user':
      return {
        ...base,
        type: 'federated-user',
        federatedName: claims.sessionName,
        parentArn: claims.sourceUser?.arn ?? rootArn(claims.accountId),
        parentUserId: claims.sourceUser?.userId ?? null,
      };
    case 'user-session': {
      const user = claims.sourceUser;
      return {
        ...base,
        type: 'user',
        id: user.userId,
        arn: user.arn,
        userName: user.userName,
        path: user.path,
      };
    }
    case 'root-session':
      return { ...base, type: 'root', id: claims.accountId, arn: rootArn(claims.accountId) };
  }
}
