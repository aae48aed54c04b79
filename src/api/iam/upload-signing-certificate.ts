// UploadSigningCertificate: adds an X.509 certificate to a user, or to the caller when UserName is
// omitted (the account root included), within the per-user quota.
import { defineAction } from '../action.ts';
import { resolveKeyOwner, uploadSigningCertificate } from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';
import { signingCertificateShape } from './shapes/signing-certificate-shapes.ts';

export const UploadSigningCertificate = defineAction({
  service: 'iam',
  name: 'UploadSigningCertificate',
  resource: (input, ctx) => (input.UserName ? userArn(ctx, input.UserName) : ctx.caller.arn),
  async handle(input, ctx) {
    return ctx.services.store.write(ctx.accountId, async (repos) => {
      const owner = await resolveKeyOwner(repos, ctx.accountId, ctx.caller, input.UserName);
      const row = await uploadSigningCertificate(repos, owner, input.CertificateBody, ctx.now);
      return { Certificate: signingCertificateShape(owner, row) };
    });
  },
});
