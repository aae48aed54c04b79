// ListAttachedRolePolicies: the managed policies attached to a role, optionally under a path prefix,
// by name, paginated.
import { defineAction } from '../action.ts';
import type {
  ListAttachedRolePoliciesRequest,
  ListAttachedRolePoliciesResponse,
} from '../../protocol/models/iam-types.ts';
import {
  attachedPolicies,
  attachedPolicyKey,
  attachedPolicyShape,
  roleTarget,
} from '../../domain/policy-attachments.ts';
import { paginateList } from './paginate-list.ts';
import { roleArn } from './resource-arns.ts';

export const ListAttachedRolePolicies = defineAction<
  ListAttachedRolePoliciesRequest,
  ListAttachedRolePoliciesResponse
>({
  service: 'iam',
  name: 'ListAttachedRolePolicies',
  resource: (input, ctx) => roleArn(ctx, input.RoleName),
  async handle(input, ctx) {
    const rows = await ctx.services.store.read(async (repos) =>
      attachedPolicies(repos, await roleTarget(repos, ctx.accountId, input.RoleName), input.PathPrefix),
    );
    const page = paginateList(rows, input, attachedPolicyKey);
    return {
      AttachedPolicies: page.items.map(attachedPolicyShape),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },
});
