// ListServiceSpecificCredentials: the credentials (never their secrets) of a user, of the caller when
// UserName is omitted, or of every user in the account with AllUsers; optionally of one service.
import { defineAction } from '../action.ts';
import { invalidInput } from '../../errors.ts';
import { listServiceSpecificCredentials, resolveKeyOwner } from '../../domain/index.ts';
import { paginateList } from './paginate-list.ts';
import { listArnOf, userArn } from './resource-arns.ts';
import { serviceSpecificCredentialMetadataShape } from './shapes/service-specific-credential-shapes.ts';

export const ListServiceSpecificCredentials = defineAction({
  service: 'iam',
  name: 'ListServiceSpecificCredentials',
  resource: (input, ctx) =>
    input.AllUsers ? listArnOf('user')(ctx) : input.UserName ? userArn(ctx, input.UserName) : ctx.caller.arn,
  async handle(input, ctx) {
    if (input.AllUsers && input.UserName !== undefined)
      throw invalidInput('AllUsers cannot be specified together with UserName.');
    const rows = await ctx.services.store.read(async (repos) => {
      const scope = input.AllUsers
        ? 'AllUsers'
        : await resolveKeyOwner(repos, ctx.accountId, ctx.caller, input.UserName);
      return listServiceSpecificCredentials(repos, ctx.accountId, scope, input.ServiceName);
    });
    // oldest first: the sort key is the creation time, then the credential id
    const page = paginateList(rows, input, (r) => `${r.created_at}|${r.credential_id}`);
    return {
      ServiceSpecificCredentials: page.items.map((r) =>
        serviceSpecificCredentialMetadataShape(r.user_name, r, ctx.now),
      ),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },
});
