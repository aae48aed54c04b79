// DeleteServerCertificate: removes a server certificate, its sealed private key and its tags.
import { defineAction } from '../action.ts';
import { deleteServerCertificate } from '../../domain/index.ts';
import { serverCertificateArn } from './resource-arns.ts';

export const DeleteServerCertificate = defineAction({
  service: 'iam',
  name: 'DeleteServerCertificate',
  resource: (input, ctx) => serverCertificateArn(ctx, input.ServerCertificateName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      deleteServerCertificate(repos, ctx.accountId, input.ServerCertificateName),
    );
  },
});
