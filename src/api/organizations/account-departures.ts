// Accounts leaving the organization: RemoveAccountFromOrganization by the management account, and
// LeaveOrganization by the member account itself (under the management account's lock all the same).
import { defineAction } from '../action.ts';
import { leaveOrganization, removeMemberAccount } from '../../domain/index.ts';
import { writeAsManagement, writeAsMember } from './org-transactions.ts';

export const RemoveAccountFromOrganization = defineAction({
  service: 'organizations',
  name: 'RemoveAccountFromOrganization',
  resource: () => '*',
  async handle(input, ctx) {
    await writeAsManagement(ctx, (repos, org) => removeMemberAccount(repos, org, input.AccountId));
  },
});

export const LeaveOrganization = defineAction({
  service: 'organizations',
  name: 'LeaveOrganization',
  resource: () => '*',
  async handle(_input, ctx) {
    await writeAsMember(ctx, (repos, org) => leaveOrganization(repos, org, ctx.accountId));
  },
});
