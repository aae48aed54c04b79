// Answering an invitation: AcceptHandshake and DeclineHandshake by the invited account (under its own
// lock: it joins, or not, and may be invited by several organizations), CancelHandshake by the
// management account that sent it.
import { defineAction } from '../action.ts';
import { acceptHandshake, cancelHandshake, declineHandshake } from '../../domain/index.ts';
import { handshakeViews } from './handshake-listing.ts';
import { writeAsManagement } from './org-transactions.ts';

export const AcceptHandshake = defineAction({
  service: 'organizations',
  name: 'AcceptHandshake',
  resource: () => '*',
  async handle(input, ctx) {
    const [handshake] = await ctx.services.store.write(ctx.accountId, async (repos) =>
      handshakeViews(
        repos,
        [await acceptHandshake(repos, ctx.accountId, input.HandshakeId, ctx.now)],
        ctx.now,
      ),
    );
    return { Handshake: handshake! };
  },
});

export const DeclineHandshake = defineAction({
  service: 'organizations',
  name: 'DeclineHandshake',
  resource: () => '*',
  async handle(input, ctx) {
    const [handshake] = await ctx.services.store.write(ctx.accountId, async (repos) =>
      handshakeViews(
        repos,
        [await declineHandshake(repos, ctx.accountId, input.HandshakeId, ctx.now)],
        ctx.now,
      ),
    );
    return { Handshake: handshake! };
  },
});

export const CancelHandshake = defineAction({
  service: 'organizations',
  name: 'CancelHandshake',
  resource: () => '*',
  async handle(input, ctx) {
    const [handshake] = await writeAsManagement(ctx, async (repos, org) =>
      handshakeViews(repos, [await cancelHandshake(repos, org, input.HandshakeId, ctx.now)], ctx.now),
    );
    return { Handshake: handshake! };
  },
});
