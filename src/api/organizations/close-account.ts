// CloseAccount: a member account closes, and from then on reads as AWS reports a closed account.
import { defineAction } from '../action.ts';
import { closeMemberAccount } from '../../domain/index.ts';
import { writeAsManagement } from './org-transactions.ts';

export const CloseAccount = defineAction({
  service: 'organizations',
  name: 'CloseAccount',
  resource: () => '*',
  async handle(input, ctx) {
    await writeAsManagement(ctx, (repos, org) => closeMemberAccount(repos, org, input.AccountId));
  },
});
