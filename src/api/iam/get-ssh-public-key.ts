// GetSSHPublicKey: one of a user's SSH public keys, in OpenSSH (SSH) or PEM encoding.
import { defineAction } from '../action.ts';
import { getOwnedSshPublicKey, resolveKeyOwner } from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';
import { sshPublicKeyShape } from './shapes/ssh-public-key-shapes.ts';

export const GetSSHPublicKey = defineAction({
  service: 'iam',
  name: 'GetSSHPublicKey',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    return ctx.services.store.read(async (repos) => {
      const owner = await resolveKeyOwner(repos, ctx.accountId, ctx.caller, input.UserName);
      const row = await getOwnedSshPublicKey(repos, owner, input.SSHPublicKeyId);
      return { SSHPublicKey: sshPublicKeyShape(owner, row, input.Encoding) };
    });
  },
});
