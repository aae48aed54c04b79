// Reading the organization's accounts: DescribeAccount, ListAccounts and ListAccountsForParent, each
// account with its path in the tree.
import { defineAction } from '../action.ts';
import { loadOrgTree, requireContainer, requireMember } from '../../domain/index.ts';
import type { Org } from '../../protocol/index.ts';
import type { OrganizationRow, OrgAccountRow, ReadRepos } from '../../store/index.ts';
import { orgPage } from './org-paging.ts';
import { accountShape } from './org-shapes.ts';
import { readAsAdministrator } from './org-transactions.ts';

async function accountShapes(
  repos: ReadRepos,
  org: OrganizationRow,
  members: readonly OrgAccountRow[],
): Promise<Org.Account[]> {
  const tree = await loadOrgTree(repos, org);
  return members.map((m) => accountShape(org, m, tree.pathOf(m.parent_id)));
}

export const DescribeAccount = defineAction({
  service: 'organizations',
  name: 'DescribeAccount',
  resource: () => '*',
  async handle(input, ctx) {
    const [account] = await readAsAdministrator(ctx, 'DescribeAccount', async (repos, org) =>
      accountShapes(repos, org, [await requireMember(repos, org, input.AccountId)]),
    );
    return { Account: account! };
  },
});

export const ListAccounts = defineAction({
  service: 'organizations',
  name: 'ListAccounts',
  resource: () => '*',
  async handle(input, ctx) {
    const all = await readAsAdministrator(ctx, 'ListAccounts', async (repos, org) =>
      accountShapes(repos, org, await repos.organizations.members(org.org_id)),
    );
    const { items, NextToken } = orgPage(all, input, 'ListAccounts');
    return { Accounts: items, ...(NextToken ? { NextToken } : {}) };
  },
});

export const ListAccountsForParent = defineAction({
  service: 'organizations',
  name: 'ListAccountsForParent',
  resource: () => '*',
  async handle(input, ctx) {
    const all = await readAsAdministrator(ctx, 'ListAccountsForParent', async (repos, org) => {
      await requireContainer(repos, org, input.ParentId);
      return accountShapes(repos, org, await repos.organizations.members(org.org_id, input.ParentId));
    });
    const { items, NextToken } = orgPage(all, input, 'ListAccountsForParent');
    return { Accounts: items, ...(NextToken ? { NextToken } : {}) };
  },
});
