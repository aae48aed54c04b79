// UpdateServerCertificate: renames a server certificate or moves it to another path. As AWS
// documents, the caller needs iam:UpdateServerCertificate on the certificate as it is and as it will be.
import { defineAction } from '../action.ts';
import { updateServerCertificate } from '../../domain/index.ts';
import { authorizeOn } from './authorize-resource.ts';
import { serverCertificateArn } from './resource-arns.ts';

export const UpdateServerCertificate = defineAction({
  service: 'iam',
  name: 'UpdateServerCertificate',
  resource: (input, ctx) => serverCertificateArn(ctx, input.ServerCertificateName),
  async handle(input, ctx) {
    if (input.NewServerCertificateName !== undefined || input.NewPath !== undefined) {
      const current = await ctx.services.store.read((repos) =>
        repos.serverCertificates.byName(ctx.accountId, input.ServerCertificateName),
      );
      if (current) {
        const target = serverCertificateArn(
          ctx,
          input.NewServerCertificateName ?? current.name,
          input.NewPath ?? current.path,
        );
        await authorizeOn(ctx, 'iam:UpdateServerCertificate', target, { resolve: false });
      }
    }
    await ctx.services.store.write(ctx.accountId, (repos) =>
      updateServerCertificate(repos, ctx.accountId, input.ServerCertificateName, input),
    );
  },
});
