// Walking the tree: ListChildren (the accounts or the OUs directly in a root or OU) and ListParents
// (the root or OU an account or OU is in).
import { defineAction } from '../action.ts';
import { parentOfChild, requireContainer } from '../../domain/index.ts';
import { orgPage } from './org-paging.ts';
import { readAsAdministrator } from './org-transactions.ts';

export const ListChildren = defineAction({
  service: 'organizations',
  name: 'ListChildren',
  resource: () => '*',
  async handle(input, ctx) {
    const ids = await readAsAdministrator(ctx, 'ListChildren', async (repos, org) => {
      await requireContainer(repos, org, input.ParentId);
      return input.ChildType === 'ACCOUNT'
        ? (await repos.organizations.members(org.org_id, input.ParentId)).map((m) => m.account_id)
        : (await repos.organizations.units(org.org_id, input.ParentId)).map((u) => u.ou_id);
    });
    const { items, NextToken } = orgPage(ids, input, 'ListChildren');
    return {
      Children: items.map((Id) => ({ Id, Type: input.ChildType })),
      ...(NextToken ? { NextToken } : {}),
    };
  },
});

export const ListParents = defineAction({
  service: 'organizations',
  name: 'ListParents',
  resource: () => '*',
  async handle(input, ctx) {
    const parent = await readAsAdministrator(ctx, 'ListParents', (repos, org) =>
      parentOfChild(repos, org, input.ChildId),
    );
    const { items, NextToken } = orgPage([{ Id: parent.id, Type: parent.type }], input, 'ListParents');
    return { Parents: items, ...(NextToken ? { NextToken } : {}) };
  },
});
