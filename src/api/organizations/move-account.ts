// MoveAccount: an account from the root or OU it is in to another of the organization's containers.
import { defineAction } from '../action.ts';
import { moveMemberAccount } from '../../domain/index.ts';
import { writeAsManagement } from './org-transactions.ts';

export const MoveAccount = defineAction({
  service: 'organizations',
  name: 'MoveAccount',
  resource: () => '*',
  async handle(input, ctx) {
    await writeAsManagement(ctx, (repos, org) => moveMemberAccount(repos, org, input));
  },
});
