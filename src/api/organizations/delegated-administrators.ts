// Delegated administrators: RegisterDelegatedAdministrator and DeregisterDelegatedAdministrator by the
// management account; ListDelegatedAdministrators and ListDelegatedServicesForAccount for it and for
// the delegated administrators themselves.
import { defineAction } from '../action.ts';
import {
  delegatedAdministrators,
  delegatedServices,
  deregisterDelegatedAdministrator,
  registerDelegatedAdministrator,
} from '../../domain/index.ts';
import { orgPage } from './org-paging.ts';
import { delegatedAdministratorShape, delegatedServiceShape } from './org-shapes-accounts.ts';
import { readAsAdministrator, writeAsManagement } from './org-transactions.ts';

export const RegisterDelegatedAdministrator = defineAction({
  service: 'organizations',
  name: 'RegisterDelegatedAdministrator',
  resource: () => '*',
  async handle(input, ctx) {
    await writeAsManagement(ctx, (repos, org) =>
      registerDelegatedAdministrator(repos, org, input.AccountId, input.ServicePrincipal, ctx.now),
    );
  },
});

export const DeregisterDelegatedAdministrator = defineAction({
  service: 'organizations',
  name: 'DeregisterDelegatedAdministrator',
  resource: () => '*',
  async handle(input, ctx) {
    await writeAsManagement(ctx, (repos, org) =>
      deregisterDelegatedAdministrator(repos, org, input.AccountId, input.ServicePrincipal),
    );
  },
});

export const ListDelegatedAdministrators = defineAction({
  service: 'organizations',
  name: 'ListDelegatedAdministrators',
  resource: () => '*',
  async handle(input, ctx) {
    const all = await readAsAdministrator(ctx, 'ListDelegatedAdministrators', async (repos, org) =>
      (await delegatedAdministrators(repos, org, input.ServicePrincipal)).map((e) =>
        delegatedAdministratorShape(org, e),
      ),
    );
    const { items, NextToken } = orgPage(all, input, 'ListDelegatedAdministrators');
    return { DelegatedAdministrators: items, ...(NextToken ? { NextToken } : {}) };
  },
});

export const ListDelegatedServicesForAccount = defineAction({
  service: 'organizations',
  name: 'ListDelegatedServicesForAccount',
  resource: () => '*',
  async handle(input, ctx) {
    const rows = await readAsAdministrator(ctx, 'ListDelegatedServicesForAccount', (repos, org) =>
      delegatedServices(repos, org, input.AccountId),
    );
    const { items, NextToken } = orgPage(rows, input, 'ListDelegatedServicesForAccount');
    return { DelegatedServices: items.map(delegatedServiceShape), ...(NextToken ? { NextToken } : {}) };
  },
});
