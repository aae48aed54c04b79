// The SSO portal's GetRoleCredentials: a session of the AWSReservedSSO_* role behind one of the
// person's roles, named after them and recorded in the role's account too.
import { defineAction } from '../action.ts';
import { ssoRoleCredentials } from '../../sts/index.ts';
import { portalCaller } from './portal-caller.ts';

export const GetRoleCredentials = defineAction({
  service: 'sso',
  name: 'GetRoleCredentials',
  authentication: 'none',
  authorization: 'handler',
  resource: () => '*',
  async handle(input, ctx) {
    const caller = await portalCaller(ctx, input.accessToken);
    const c = await ssoRoleCredentials(ctx.services, caller, input.accountId, input.roleName, ctx.now);
    ctx.audit?.resource({
      ARN: c.AssumedRoleUser.Arn,
      accountId: input.accountId,
      type: 'AWS::STS::AssumedRole',
    });
    ctx.audit?.alsoRecordIn(input.accountId);
    return {
      roleCredentials: {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration.getTime(),
      },
    };
  },
});
