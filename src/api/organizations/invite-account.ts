// InviteAccountToOrganization: the management account invites an existing Tessera account (Target Type
// ACCOUNT) that belongs to no organization; the answer is the open invitation.
import { defineAction } from '../action.ts';
import { inviteAccount } from '../../domain/index.ts';
import { handshakeViews } from './handshake-listing.ts';
import { writeAsManagement } from './org-transactions.ts';

export const InviteAccountToOrganization = defineAction({
  service: 'organizations',
  name: 'InviteAccountToOrganization',
  resource: () => '*',
  tagAction: 'organizations:TagResource',
  async handle(input, ctx) {
    const [handshake] = await writeAsManagement(ctx, async (repos, org) =>
      handshakeViews(repos, [await inviteAccount(repos, org, input, ctx.now)], ctx.now),
    );
    return { Handshake: handshake! };
  },
});
