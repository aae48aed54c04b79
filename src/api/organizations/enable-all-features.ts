// EnableAllFeatures: the management account moves an organization made with consolidated billing only to
// all features; the answer is the handshake that records the change (see the domain's all-features.ts
// for what Tessera does in place of AWS's approval handshakes).
import { defineAction } from '../action.ts';
import { enableAllFeatures } from '../../domain/index.ts';
import { handshakeViews } from './handshake-listing.ts';
import { writeAsManagement } from './org-transactions.ts';

export const EnableAllFeatures = defineAction({
  service: 'organizations',
  name: 'EnableAllFeatures',
  resource: () => '*',
  async handle(_input, ctx) {
    const [handshake] = await writeAsManagement(ctx, async (repos, org) => {
      const done = await enableAllFeatures(repos, org, ctx.now);
      return handshakeViews(repos, [done.handshake], ctx.now);
    });
    return { Handshake: handshake! };
  },
});
