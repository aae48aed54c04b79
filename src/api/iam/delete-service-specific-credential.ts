// DeleteServiceSpecificCredential: removes a credential of a user, or of the caller when UserName is
// omitted.
import { defineAction } from '../action.ts';
import { deleteServiceSpecificCredential, resolveKeyOwner } from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';

export const DeleteServiceSpecificCredential = defineAction({
  service: 'iam',
  name: 'DeleteServiceSpecificCredential',
  resource: (input, ctx) => (input.UserName ? userArn(ctx, input.UserName) : ctx.caller.arn),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const owner = await resolveKeyOwner(repos, ctx.accountId, ctx.caller, input.UserName);
      await deleteServiceSpecificCredential(repos, owner, input.ServiceSpecificCredentialId);
    });
  },
});
