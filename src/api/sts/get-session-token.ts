// GetSessionToken: temporary credentials for an IAM user or an account's root, acting with the
// user's own permissions, optionally proven with MFA. Needs no permission, as in AWS; refused to
// callers that already hold temporary credentials.
import { defineAction } from '../action.ts';
import {
  mintCredentials,
  refuseSessionCaller,
  userSessionDuration,
  verifyCallerMfa,
} from '../../sts/index.ts';

export const GetSessionToken = defineAction({
  service: 'sts',
  name: 'GetSessionToken',
  resource: () => '*',
  authorization: 'none',
  async handle(input, ctx) {
    const { caller, services } = ctx;
    refuseSessionCaller(caller, 'GetSessionToken');
    const duration = userSessionDuration(input.DurationSeconds, caller);
    const mfaAt = await verifyCallerMfa(services, caller, input.SerialNumber, input.TokenCode, ctx.now);
    const issuedAt = Math.floor(ctx.now.getTime() / 1000);
    const common = {
      accountId: caller.accountId,
      issuedAt,
      expiresAt: issuedAt + duration,
      arn: caller.arn,
      userId: caller.id,
      chainDepth: 0,
      ...(mfaAt !== undefined ? { mfaAuthenticatedAt: mfaAt } : {}),
    };
    const credentials =
      caller.type === 'user'
        ? mintCredentials(services, {
            ...common,
            kind: 'user-session',
            sourceUser: { userId: caller.id, userName: caller.userName, arn: caller.arn, path: caller.path },
          })
        : mintCredentials(services, { ...common, kind: 'root-session' });
    return { Credentials: credentials };
  },
});
