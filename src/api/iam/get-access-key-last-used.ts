// GetAccessKeyLastUsed: when, for which service and in which region a key was last used,
// including a use still buffered in memory (last-used data is flushed every second). Authorized on
// the user who owns the key (the service authorization reference's resource type), which only the
// key id names: the handler finds the owner, then asks the engine.
import { defineAction } from '../action.ts';
import { rootArn, getAccessKeyLastUsed } from '../../domain/index.ts';
import { authorizeOn } from './authorize-resource.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';
import { accessKeyLastUsedShape } from './shapes/access-key-shapes.ts';

export const GetAccessKeyLastUsed = defineAction({
  service: 'iam',
  name: 'GetAccessKeyLastUsed',
  resource: () => ACCOUNT_WIDE,
  authorization: 'handler',
  async handle(input, ctx) {
    const { store } = ctx.services;
    const owner = await store.read(async (repos) => {
      const key = await repos.accessKeys.get(input.AccessKeyId);
      if (!key || key.account_id !== ctx.accountId) return undefined;
      if (key.user_id === null) return rootArn(ctx.accountId);
      return (await repos.users.byId(key.user_id))?.arn;
    });
    // an unknown key is refused by getAccessKeyLastUsed below, as AWS refuses it
    if (owner) await authorizeOn(ctx, 'iam:GetAccessKeyLastUsed', owner, { resolve: true });
    const pending = ctx.services.lastUsed?.peek(input.AccessKeyId);
    const { userName, key } = await store.read((repos) =>
      getAccessKeyLastUsed(repos, ctx.accountId, ctx.caller.arn, input.AccessKeyId, pending),
    );
    return { UserName: userName, AccessKeyLastUsed: accessKeyLastUsedShape(key) };
  },
});
