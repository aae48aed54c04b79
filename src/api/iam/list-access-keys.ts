// ListAccessKeys: the key ids (never secrets) of a user, or of the caller when UserName is omitted.
import { defineAction } from '../action.ts';
import { resolveKeyOwner } from '../../domain/index.ts';
import { paginateList } from './paginate-list.ts';
import { userArn } from './resource-arns.ts';
import { accessKeyMetadataShape } from './shapes/access-key-shapes.ts';

export const ListAccessKeys = defineAction({
  service: 'iam',
  name: 'ListAccessKeys',
  resource: (input, ctx) => (input.UserName ? userArn(ctx, input.UserName) : ctx.caller.arn),
  async handle(input, ctx) {
    const { owner, rows } = await ctx.services.store.read(async (repos) => {
      const owner = await resolveKeyOwner(repos, ctx.accountId, ctx.caller, input.UserName);
      return { owner, rows: await repos.accessKeys.listFor(ctx.accountId, owner.userId) };
    });
    // oldest first: the sort key is the creation time, then the key id
    const page = paginateList(rows, input, (r) => `${r.created_at}|${r.access_key_id}`);
    return {
      AccessKeyMetadata: page.items.map((r) => accessKeyMetadataShape(owner, r)),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },
});
