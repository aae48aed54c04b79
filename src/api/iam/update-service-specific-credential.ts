// UpdateServiceSpecificCredential: makes a credential Active or Inactive; an Inactive one no longer
// authenticates to its service.
import { defineAction } from '../action.ts';
import { resolveKeyOwner, setServiceSpecificCredentialStatus } from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';

export const UpdateServiceSpecificCredential = defineAction({
  service: 'iam',
  name: 'UpdateServiceSpecificCredential',
  resource: (input, ctx) => (input.UserName ? userArn(ctx, input.UserName) : ctx.caller.arn),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const owner = await resolveKeyOwner(repos, ctx.accountId, ctx.caller, input.UserName);
      await setServiceSpecificCredentialStatus(repos, owner, input.ServiceSpecificCredentialId, input.Status);
    });
  },
});
