// UploadSSHPublicKey: adds an ssh-rsa key (OpenSSH or PEM, 2048 bits or more) to a user, for CodeCommit.
import { defineAction } from '../action.ts';
import { resolveKeyOwner, uploadSshPublicKey } from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';
import { sshPublicKeyShape } from './shapes/ssh-public-key-shapes.ts';

export const UploadSSHPublicKey = defineAction({
  service: 'iam',
  name: 'UploadSSHPublicKey',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    return ctx.services.store.write(ctx.accountId, async (repos) => {
      const owner = await resolveKeyOwner(repos, ctx.accountId, ctx.caller, input.UserName);
      const row = await uploadSshPublicKey(repos, owner, input.SSHPublicKeyBody, ctx.now);
      return { SSHPublicKey: sshPublicKeyShape(owner, row, 'SSH') };
    });
  },
});
