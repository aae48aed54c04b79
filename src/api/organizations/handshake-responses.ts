// Answering an invitation: AcceptHandshake and DeclineHandshake by the invited account, CancelHandshake
// by the management account that sent it. All three hold the inviting organization's lock (its
// management account's), as every other change to that organization does, so that joining cannot
// interleave with enabling a policy type or deleting the organization.
import { defineAction, type ActionContext } from '../action.ts';
import type { Repos } from '../../store/index.ts';
import { acceptHandshake, cancelHandshake, declineHandshake } from '../../domain/index.ts';
import { handshakeViews } from './handshake-listing.ts';
import { writeAsManagement } from './org-transactions.ts';

/** One transaction under the lock of the organization that sent the handshake (found first, re-read inside). */
async function writeForHandshake<T>(
  ctx: ActionContext,
  handshakeId: string,
  fn: (repos: Repos) => Promise<T>,
): Promise<T> {
  const { store } = ctx.services;
  const sender = await store.read(async (repos) => {
    const handshake = await repos.organizations.handshake(handshakeId);
    return handshake ? (await repos.organizations.byId(handshake.org_id))?.management_account_id : undefined;
  });
  // an unknown handshake (or one whose organization is gone) is refused inside, by the domain's checks
  return store.write(sender ?? ctx.accountId, fn);
}

export const AcceptHandshake = defineAction({
  service: 'organizations',
  name: 'AcceptHandshake',
  resource: () => '*',
  async handle(input, ctx) {
    const [handshake] = await writeForHandshake(ctx, input.HandshakeId, async (repos) =>
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
    const [handshake] = await writeForHandshake(ctx, input.HandshakeId, async (repos) =>
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
