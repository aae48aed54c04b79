// DeleteSigningCertificate: removes a signing certificate of a user, or of the caller when UserName
// is omitted.
import { defineAction } from '../action.ts';
import { deleteSigningCertificate, resolveKeyOwner } from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';

export const DeleteSigningCertificate = defineAction({
  service: 'iam',
  name: 'DeleteSigningCertificate',
  resource: (input, ctx) => (input.UserName ? userArn(ctx, input.UserName) : ctx.caller.arn),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const owner = await resolveKeyOwner(repos, ctx.accountId, ctx.caller, input.UserName);
      await deleteSigningCertificate(repos, owner, input.CertificateId);
    });
  },
});
