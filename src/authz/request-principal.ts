// Turns an authenticated Principal into the engine's view of it (aws:PrincipalType, ARNs, ids,
// tags): session tags win over the user's or role's own tags, as AWS applies them.
import type { RequestPrincipal } from '../policy/index.ts';
import type { Principal } from '../domain/index.ts';

export function requestPrincipal(p: Principal, ownTags: Readonly<Record<string, string>>): RequestPrincipal {
  const sessionTags = p.session?.tags?.length ? Object.fromEntries(p.session.tags) : undefined;
  const tags = sessionTags ? { ...ownTags, ...sessionTags } : ownTags;
  switch (p.type) {
    case 'root':
      return { type: 'Account', arn: p.arn, account: p.accountId, userId: p.accountId, tags };
    case 'user':
      return { type: 'User', arn: p.arn, account: p.accountId, userId: p.id, username: p.userName, tags };
    case 'assumed-role':
      return {
        type: 'AssumedRole',
        arn: p.arn,
        roleArn: p.roleArn,
        account: p.accountId,
        userId: p.id,
        tags,
        ...(p.session.federatedProvider ? { federatedProvider: p.session.federatedProvider } : {}),
      };
    case 'federated-user':
      return {
        type: 'FederatedUser',
        arn: p.arn,
        parentUserArn: p.parentArn,
        account: p.accountId,
        userId: p.id,
        tags,
      };
  }
}
