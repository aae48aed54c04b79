// CreateAccount and the status of its requests (DescribeCreateAccountStatus, ListCreateAccountStatus).
// As in AWS the call answers IN_PROGRESS and the request's status tells the outcome; Tessera finishes the
// work within the call, so the status already reads SUCCEEDED (with the new account's id) or FAILED.
import { defineAction } from '../action.ts';
import { createAccountRequestOf, createMemberAccount, newAccountId } from '../../domain/index.ts';
import { orgPage } from './org-paging.ts';
import { createAccountStatusShape } from './org-shapes-accounts.ts';
import { readAsAdministrator, writeAsManagement } from './org-transactions.ts';

export const CreateAccount = defineAction({
  service: 'organizations',
  name: 'CreateAccount',
  resource: () => '*',
  tagAction: 'organizations:TagResource',
  async handle(input, ctx) {
    // an account not yet stored has the server's default quotas, which the new account starts with
    const quotas = await ctx.services.quotas(newAccountId());
    const request = await writeAsManagement(ctx, (repos, org) =>
      createMemberAccount(repos, org, input, quotas, ctx.now),
    );
    return { CreateAccountStatus: createAccountStatusShape(request, 'IN_PROGRESS') };
  },
});

export const DescribeCreateAccountStatus = defineAction({
  service: 'organizations',
  name: 'DescribeCreateAccountStatus',
  resource: () => '*',
  async handle(input, ctx) {
    const request = await readAsAdministrator(ctx, 'DescribeCreateAccountStatus', (repos, org) =>
      createAccountRequestOf(repos, org, input.CreateAccountRequestId),
    );
    return { CreateAccountStatus: createAccountStatusShape(request) };
  },
});

export const ListCreateAccountStatus = defineAction({
  service: 'organizations',
  name: 'ListCreateAccountStatus',
  resource: () => '*',
  async handle(input, ctx) {
    const requests = await readAsAdministrator(ctx, 'ListCreateAccountStatus', (repos, org) =>
      repos.organizations.createAccountRequests(org.org_id),
    );
    const states = input.States;
    const wanted = states?.length ? requests.filter((r) => states.includes(r.state)) : requests;
    const { items, NextToken } = orgPage(wanted, input, 'ListCreateAccountStatus');
    return {
      CreateAccountStatuses: items.map((r) => createAccountStatusShape(r)),
      ...(NextToken ? { NextToken } : {}),
    };
  },
});
