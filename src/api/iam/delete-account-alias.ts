// DeleteAccountAlias: removes the account's alias, named exactly.
import { defineAction } from '../action.ts';
import { deleteAccountAlias } from '../../domain/index.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';

export const DeleteAccountAlias = defineAction({
  service: 'iam',
  name: 'DeleteAccountAlias',
  resource: () => ACCOUNT_WIDE,
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      deleteAccountAlias(repos, ctx.accountId, input.AccountAlias),
    );
  },
});
