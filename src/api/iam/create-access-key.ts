// CreateAccessKey: a new AKIA key for a user, or for the caller when UserName is omitted (the root
// included), within the per-user quota. The only response that ever carries the secret.
import { defineAction } from '../action.ts';
import { createAccessKey, resolveKeyOwner } from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';

export const CreateAccessKey = defineAction({
  service: 'iam',
  name: 'CreateAccessKey',
  resource: (input, ctx) => (input.UserName ? userArn(ctx, input.UserName) : ctx.caller.arn),
  async handle(input, ctx) {
    const { store, sealer } = ctx.services;
    const quotas = await ctx.services.quotas(ctx.accountId);
    return store.write(ctx.accountId, async (repos) => {
      const owner = await resolveKeyOwner(repos, ctx.accountId, ctx.caller, input.UserName);
      const { row, secretAccessKey } = await createAccessKey(
        repos,
        sealer,
        owner,
        quotas.accessKeysPerUser,
        ctx.now,
      );
      return {
        AccessKey: {
          UserName: owner.userName,
          AccessKeyId: row.access_key_id,
          Status: row.status,
          SecretAccessKey: secretAccessKey,
          CreateDate: new Date(row.created_at),
        },
      };
    });
  },
});
