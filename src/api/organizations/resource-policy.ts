// The organization's resource-based delegation policy: PutResourcePolicy and DeleteResourcePolicy by the
// management account (Tags on creation need organizations:TagResource too), DescribeResourcePolicy by the
// accounts that administer the organization or that the policy itself allows the read.
import { defineAction } from '../action.ts';
import {
  deleteResourcePolicy,
  getResourcePolicy,
  orgResourcePolicyArn,
  putResourcePolicy,
} from '../../domain/index.ts';
import type { Org } from '../../protocol/index.ts';
import type { OrganizationRow, OrgResourcePolicyRow } from '../../store/index.ts';
import { readAsAdministrator, writeAsManagement } from './org-transactions.ts';

function resourcePolicyShape(org: OrganizationRow, row: OrgResourcePolicyRow): Org.ResourcePolicy {
  return {
    ResourcePolicySummary: { Id: row.policy_id, Arn: orgResourcePolicyArn(org, row.policy_id) },
    Content: row.content,
  };
}

export const PutResourcePolicy = defineAction({
  service: 'organizations',
  name: 'PutResourcePolicy',
  resource: () => '*',
  tagAction: 'organizations:TagResource',
  async handle(input, ctx) {
    const policy = await writeAsManagement(ctx, async (repos, org) =>
      resourcePolicyShape(org, await putResourcePolicy(repos, org, input, ctx.now)),
    );
    return { ResourcePolicy: policy };
  },
});

export const DescribeResourcePolicy = defineAction({
  service: 'organizations',
  name: 'DescribeResourcePolicy',
  resource: () => '*',
  async handle(_input, ctx) {
    const policy = await readAsAdministrator(ctx, 'DescribeResourcePolicy', async (repos, org) =>
      resourcePolicyShape(org, await getResourcePolicy(repos, org)),
    );
    return { ResourcePolicy: policy };
  },
});

export const DeleteResourcePolicy = defineAction({
  service: 'organizations',
  name: 'DeleteResourcePolicy',
  resource: () => '*',
  async handle(_input, ctx) {
    await writeAsManagement(ctx, (repos, org) => deleteResourcePolicy(repos, org));
  },
});
