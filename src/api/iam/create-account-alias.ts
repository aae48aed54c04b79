// CreateAccountAlias: gives the account an alias (replacing its previous one) that no other account holds.
import { defineAction } from '../action.ts';
import { createAccountAlias } from '../../domain/index.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';

export const CreateAccountAlias = defineAction({
  service: 'iam',
  name: 'CreateAccountAlias',
  resource: () => ACCOUNT_WIDE,
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      createAccountAlias(repos, ctx.accountId, input.AccountAlias),
    );
  },
});
