// GetServerCertificate: a server certificate by name, with its body, chain and tags (never its key).
import { defineAction } from '../action.ts';
import { getServerCertificateRow } from '../../domain/index.ts';
import { serverCertificateArn } from './resource-arns.ts';
import { serverCertificateShape } from './shapes/server-certificate-shapes.ts';

export const GetServerCertificate = defineAction({
  service: 'iam',
  name: 'GetServerCertificate',
  resource: (input, ctx) => serverCertificateArn(ctx, input.ServerCertificateName),
  handle: (input, ctx) =>
    ctx.services.store.read(async (repos) => {
      const row = await getServerCertificateRow(repos, ctx.accountId, input.ServerCertificateName);
      const tags = await repos.tags.list('server-certificate', row.server_certificate_id);
      return { ServerCertificate: serverCertificateShape(row, tags) };
    }),
});
