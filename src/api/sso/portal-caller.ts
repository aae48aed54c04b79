// Who calls the SSO portal: the person an SSO OIDC access token (x-amz-sso_bearer_token) stands for,
// named in the call's audit event as an Identity Center user and recorded in the identity store's
// account; UnauthorizedException for a token unknown, expired or logged out.
import type { ActionContext } from '../action.ts';
import { identityCenterUser } from '../../audit/index.ts';
import { AwsError } from '../../errors.ts';
import { tokenSubject } from '../../domain/index.ts';
import type { SsoUser } from '../../sts/index.ts';

export interface PortalCaller extends SsoUser {
  /** The account that owns the identity store. */
  ownerAccountId: string;
}

export async function portalCaller(ctx: ActionContext, accessToken: string): Promise<PortalCaller> {
  const caller = await ctx.services.store.read(async (repos) => {
    const token = await tokenSubject(repos, accessToken, ctx.now);
    const user = await repos.ssoSignIn.signInUserById(token.identity_store_id, token.user_id);
    const instance = await repos.idcInstances.byIdentityStore(token.identity_store_id);
    return user && instance
      ? {
          identityStoreId: user.identity_store_id,
          userId: user.user_id,
          userName: user.user_name,
          ownerAccountId: instance.owner_account_id,
        }
      : undefined;
  });
  if (!caller) throw new AwsError('UnauthorizedException', 'Session token not found or invalid');
  ctx.audit?.identify(
    identityCenterUser({
      accountId: caller.ownerAccountId,
      identityStoreId: caller.identityStoreId,
      userId: caller.userId,
      userName: caller.userName,
    }),
  );
  ctx.audit?.alsoRecordIn(caller.ownerAccountId);
  return caller;
}
