// UpdateSSHPublicKey: makes a user's SSH public key Active or Inactive.
import { defineAction } from '../action.ts';
import { resolveKeyOwner, setSshPublicKeyStatus } from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';

export const UpdateSSHPublicKey = defineAction({
  service: 'iam',
  name: 'UpdateSSHPublicKey',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const owner = await resolveKeyOwner(repos, ctx.accountId, ctx.caller, input.UserName);
      await setSshPublicKeyStatus(repos, owner, input.SSHPublicKeyId, input.Status);
    });
  },
});
