// UploadServerCertificate: stores a certificate with its matching private key (sealed) and optional
// chain under a path, with tags, within the account's quota; answers with its metadata and tags.
import { defineAction } from '../action.ts';
import { uploadServerCertificate } from '../../domain/index.ts';
import { serverCertificateArn } from './resource-arns.ts';
import { serverCertificateMetadataShape } from './shapes/server-certificate-shapes.ts';

export const UploadServerCertificate = defineAction({
  service: 'iam',
  name: 'UploadServerCertificate',
  resource: (input, ctx) => serverCertificateArn(ctx, input.ServerCertificateName, input.Path),
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    const { sealer, store } = ctx.services;
    const { row, tags } = await store.write(ctx.accountId, async (repos) => {
      const row = await uploadServerCertificate(repos, sealer, ctx.accountId, input, quotas, ctx.now);
      return { row, tags: await repos.tags.list('server-certificate', row.server_certificate_id) };
    });
    return {
      ServerCertificateMetadata: serverCertificateMetadataShape(row),
      ...(tags.length ? { Tags: tags } : {}),
    };
  },
});
