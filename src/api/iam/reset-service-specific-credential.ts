// ResetServiceSpecificCredential: a new password (or API key secret) for a credential, shown once;
// the old one stops working at once.
import { defineAction } from '../action.ts';
import { resetServiceSpecificCredential, resolveKeyOwner } from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';
import { serviceSpecificCredentialShape } from './shapes/service-specific-credential-shapes.ts';

export const ResetServiceSpecificCredential = defineAction({
  service: 'iam',
  name: 'ResetServiceSpecificCredential',
  resource: (input, ctx) => (input.UserName ? userArn(ctx, input.UserName) : ctx.caller.arn),
  async handle(input, ctx) {
    const { store, sealer } = ctx.services;
    return store.write(ctx.accountId, async (repos) => {
      const owner = await resolveKeyOwner(repos, ctx.accountId, ctx.caller, input.UserName);
      const { row, secret } = await resetServiceSpecificCredential(
        repos,
        sealer,
        owner,
        input.ServiceSpecificCredentialId,
      );
      return {
        ServiceSpecificCredential: serviceSpecificCredentialShape(owner.userName, row, secret, ctx.now),
      };
    });
  },
});
