// CreateServiceSpecificCredential: a user name and password (CodeCommit, Keyspaces) or an API key
// (Bedrock, CloudWatch Logs, optionally expiring) for one user and one service; the only response,
// with Reset's, that carries the secret.
import { defineAction } from '../action.ts';
import { createServiceSpecificCredential, resolveKeyOwner } from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';
import { serviceSpecificCredentialShape } from './shapes/service-specific-credential-shapes.ts';

export const CreateServiceSpecificCredential = defineAction({
  service: 'iam',
  name: 'CreateServiceSpecificCredential',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    const { store, sealer } = ctx.services;
    return store.write(ctx.accountId, async (repos) => {
      const owner = await resolveKeyOwner(repos, ctx.accountId, ctx.caller, input.UserName);
      const { row, secret } = await createServiceSpecificCredential(
        repos,
        sealer,
        owner,
        { serviceName: input.ServiceName, credentialAgeDays: input.CredentialAgeDays },
        ctx.now,
      );
      return {
        ServiceSpecificCredential: serviceSpecificCredentialShape(owner.userName, row, secret, ctx.now),
      };
    });
  },
});
