// UpdateSigningCertificate: makes a signing certificate Active or Inactive.
import { defineAction } from '../action.ts';
import { resolveKeyOwner, setSigningCertificateStatus } from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';

export const UpdateSigningCertificate = defineAction({
  service: 'iam',
  name: 'UpdateSigningCertificate',
  resource: (input, ctx) => (input.UserName ? userArn(ctx, input.UserName) : ctx.caller.arn),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const owner = await resolveKeyOwner(repos, ctx.accountId, ctx.caller, input.UserName);
      await setSigningCertificateStatus(repos, owner, input.CertificateId, input.Status);
    });
  },
});
