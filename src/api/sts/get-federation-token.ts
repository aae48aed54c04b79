// GetFederationToken: a federated-user session (arn:aws:sts::ACCOUNT:federated-user/NAME) for an
// IAM user or root, whose permissions are the intersection of the caller's and the policies
// passed — no passed policy, no permissions. Refused to callers with temporary credentials.
import { defineAction } from '../action.ts';
import {
  mintCredentials,
  checkSessionPolicies,
  checkSessionTags,
  packedPolicyPercent,
  refuseSessionCaller,
  userSessionDuration,
} from '../../sts/index.ts';

/** The session policy of a federated user given none: it allows nothing. */
export const NO_PERMISSIONS_POLICY =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"*","Resource":"*"}]}';

export function federatedUserArn(accountId: string, name: string): string {
  return `arn:aws:sts::${accountId}:federated-user/${name}`;
}

export const GetFederationToken = defineAction({
  service: 'sts',
  name: 'GetFederationToken',
  resource: (input, ctx) => federatedUserArn(ctx.accountId, input.Name),
  authorization: 'handler',
  async handle(input, ctx) {
    const { caller, services } = ctx;
    refuseSessionCaller(caller, 'GetFederationToken');
    const resource = federatedUserArn(caller.accountId, input.Name);
    const tags = (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value }));
    checkSessionTags(tags, []);
    const requestTags = tags.length ? Object.fromEntries(tags.map((t) => [t.Key, t.Value])) : undefined;
    const authorize = (action: string) =>
      services.authorizer.authorize({
        principal: caller,
        action,
        resource,
        ...(requestTags ? { requestTags } : {}),
        request: ctx.request,
      });
    await authorize('sts:GetFederationToken');
    if (tags.length) await authorize('sts:TagSession');

    const duration = userSessionDuration(input.DurationSeconds, caller);
    const policies = await checkSessionPolicies(services, input.Policy, input.PolicyArns);
    const hasPacked = input.Policy !== undefined || (input.PolicyArns?.length ?? 0) > 0 || tags.length > 0;
    const packed = packedPolicyPercent(
      policies,
      tags.map((t) => [t.Key, t.Value]),
    );
    const given = policies.sessionPolicy !== undefined || (policies.policyArns?.length ?? 0) > 0;
    const issuedAt = Math.floor(ctx.now.getTime() / 1000);
    const arn = federatedUserArn(caller.accountId, input.Name);
    const userId = `${caller.accountId}:${input.Name}`;
    const credentials = mintCredentials(services, {
      kind: 'federated-user',
      accountId: caller.accountId,
      issuedAt,
      expiresAt: issuedAt + duration,
      arn,
      userId,
      sessionName: input.Name,
      ...(caller.type === 'user'
        ? { sourceUser: { userId: caller.id, userName: caller.userName, arn: caller.arn, path: caller.path } }
        : {}),
      ...(tags.length ? { tags: tags.map((t): [string, string] => [t.Key, t.Value]) } : {}),
      ...(given ? policies : { sessionPolicy: NO_PERMISSIONS_POLICY }),
      chainDepth: 0,
    });
    return {
      Credentials: credentials,
      FederatedUser: { FederatedUserId: userId, Arn: arn },
      ...(hasPacked ? { PackedPolicySize: packed } : {}),
    };
  },
});
