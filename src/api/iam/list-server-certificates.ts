// ListServerCertificates: the account's server certificates' metadata by name, optionally under a
// path prefix, paginated.
import { defineAction } from '../action.ts';
import { DEFAULT_MAX_ITEMS, decodeMarker, toPage } from '../../protocol/index.ts';
import { listArnOf } from './resource-arns.ts';
import { serverCertificateMetadataShape } from './shapes/server-certificate-shapes.ts';

export const ListServerCertificates = defineAction({
  service: 'iam',
  name: 'ListServerCertificates',
  resource: (input, ctx) => listArnOf('server-certificate')(ctx, input.PathPrefix),
  async handle(input, ctx) {
    const limit = input.MaxItems ?? DEFAULT_MAX_ITEMS;
    const after = decodeMarker(input.Marker);
    const rows = await ctx.services.store.read((repos) =>
      repos.serverCertificates.list(ctx.accountId, { after, limit: limit + 1 }, input.PathPrefix),
    );
    const page = toPage(rows, limit, (r) => r.name_key, serverCertificateMetadataShape);
    return {
      ServerCertificateMetadataList: page.items,
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },
});
