// ListSSHPublicKeys: the SSH public keys (ids and status) of a user, or of the calling user when
// UserName is omitted; the account root has none.
import { defineAction } from '../action.ts';
import { listSshPublicKeys, resolveKeyOwner } from '../../domain/index.ts';
import { paginateList } from './paginate-list.ts';
import { userArn } from './resource-arns.ts';
import { sshPublicKeyMetadataShape } from './shapes/ssh-public-key-shapes.ts';

export const ListSSHPublicKeys = defineAction({
  service: 'iam',
  name: 'ListSSHPublicKeys',
  resource: (input, ctx) => (input.UserName ? userArn(ctx, input.UserName) : ctx.caller.arn),
  async handle(input, ctx) {
    const { owner, rows } = await ctx.services.store.read(async (repos) => {
      const owner = await resolveKeyOwner(repos, ctx.accountId, ctx.caller, input.UserName);
      return { owner, rows: await listSshPublicKeys(repos, owner) };
    });
    // oldest first: the sort key is the upload time, then the key id
    const page = paginateList(rows, input, (r) => `${r.uploaded_at}|${r.ssh_public_key_id}`);
    return {
      SSHPublicKeys: page.items.map((r) => sshPublicKeyMetadataShape(owner, r)),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },
});
