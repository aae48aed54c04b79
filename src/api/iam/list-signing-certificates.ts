// ListSigningCertificates: the signing certificates of a user, or of the caller when UserName is
// omitted (the account root included).
import { defineAction } from '../action.ts';
import { resolveKeyOwner } from '../../domain/index.ts';
import { paginateList } from './paginate-list.ts';
import { userArn } from './resource-arns.ts';
import { signingCertificateShape } from './shapes/signing-certificate-shapes.ts';

export const ListSigningCertificates = defineAction({
  service: 'iam',
  name: 'ListSigningCertificates',
  resource: (input, ctx) => (input.UserName ? userArn(ctx, input.UserName) : ctx.caller.arn),
  async handle(input, ctx) {
    const { owner, rows } = await ctx.services.store.read(async (repos) => {
      const owner = await resolveKeyOwner(repos, ctx.accountId, ctx.caller, input.UserName);
      return { owner, rows: await repos.signingCertificates.listFor(ctx.accountId, owner.userId) };
    });
    // oldest first: the sort key is the upload time, then the certificate id
    const page = paginateList(rows, input, (r) => `${r.uploaded_at}|${r.certificate_id}`);
    return {
      Certificates: page.items.map((r) => signingCertificateShape(owner, r)),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },
});
