// DeleteSSHPublicKey: removes one of a user's SSH public keys.
import { defineAction } from '../action.ts';
import { deleteSshPublicKey, resolveKeyOwner } from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';

export const DeleteSSHPublicKey = defineAction({
  service: 'iam',
  name: 'DeleteSSHPublicKey',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const owner = await resolveKeyOwner(repos, ctx.accountId, ctx.caller, input.UserName);
      await deleteSshPublicKey(repos, owner, input.SSHPublicKeyId);
    });
  },
});
