// DeleteAccountPasswordPolicy: removes the custom policy, so AWS's default password policy applies.
import { defineAction } from '../action.ts';
import { deletePasswordPolicy } from '../../domain/index.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';

export const DeleteAccountPasswordPolicy = defineAction({
  service: 'iam',
  name: 'DeleteAccountPasswordPolicy',
  resource: () => ACCOUNT_WIDE,
  async handle(_input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) => deletePasswordPolicy(repos, ctx.accountId));
  },
});
