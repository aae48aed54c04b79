// Reading invitations: DescribeHandshake (by the invited account or its organization),
// ListHandshakesForAccount (those sent to the caller) and ListHandshakesForOrganization (those its
// organization sent, for the management account or a delegated administrator).
import { defineAction } from '../action.ts';
import { visibleHandshake } from '../../domain/index.ts';
import type { Org } from '../../protocol/index.ts';
import type { OrganizationRow, OrgHandshakeRow, ReadRepos } from '../../store/index.ts';
import { orgPage } from './org-paging.ts';
import { handshakeShape } from './org-shapes-accounts.ts';
import { readAsAdministrator } from './org-transactions.ts';

/** Handshakes as AWS shows them, each with its organization and that organization's management account. */
export async function handshakeViews(
  repos: ReadRepos,
  rows: readonly OrgHandshakeRow[],
  now: Date,
): Promise<Org.Handshake[]> {
  const orgs = new Map<string, OrganizationRow | undefined>();
  const out: Org.Handshake[] = [];
  for (const h of rows) {
    if (!orgs.has(h.org_id)) orgs.set(h.org_id, await repos.organizations.byId(h.org_id));
    const org = orgs.get(h.org_id);
    if (!org) continue;
    out.push(handshakeShape(org, await repos.organizations.member(org.management_account_id), h, now));
  }
  return out;
}

/** ListHandshakes…'s filter: by action type (every invitation is an INVITE) or parent (none has one). */
function matches(filter: Org.HandshakeFilter | undefined, h: OrgHandshakeRow): boolean {
  if (filter?.ActionType !== undefined && filter.ActionType !== h.action) return false;
  return filter?.ParentHandshakeId === undefined;
}

export const DescribeHandshake = defineAction({
  service: 'organizations',
  name: 'DescribeHandshake',
  resource: () => '*',
  async handle(input, ctx) {
    const [handshake] = await ctx.services.store.read(async (repos) =>
      handshakeViews(repos, [await visibleHandshake(repos, ctx.accountId, input.HandshakeId)], ctx.now),
    );
    return { Handshake: handshake! };
  },
});

export const ListHandshakesForAccount = defineAction({
  service: 'organizations',
  name: 'ListHandshakesForAccount',
  resource: () => '*',
  async handle(input, ctx) {
    const all = await ctx.services.store.read(async (repos) => {
      const rows = await repos.organizations.handshakesForAccount(ctx.accountId);
      return handshakeViews(
        repos,
        rows.filter((h) => matches(input.Filter, h)),
        ctx.now,
      );
    });
    const { items, NextToken } = orgPage(all, input, 'ListHandshakesForAccount');
    return { Handshakes: items, ...(NextToken ? { NextToken } : {}) };
  },
});

export const ListHandshakesForOrganization = defineAction({
  service: 'organizations',
  name: 'ListHandshakesForOrganization',
  resource: () => '*',
  async handle(input, ctx) {
    const all = await readAsAdministrator(ctx, 'ListHandshakesForOrganization', async (repos, org) => {
      const rows = await repos.organizations.handshakesOfOrganization(org.org_id);
      return handshakeViews(
        repos,
        rows.filter((h) => matches(input.Filter, h)),
        ctx.now,
      );
    });
    const { items, NextToken } = orgPage(all, input, 'ListHandshakesForOrganization');
    return { Handshakes: items, ...(NextToken ? { NextToken } : {}) };
  },
});
