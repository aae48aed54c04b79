// ListPolicyVersions: a managed policy's versions, newest first, without their documents.
import { defineAction } from '../action.ts';
import { getReadablePolicy } from '../../domain/index.ts';
import { paginateList } from './paginate-list.ts';
import { policyAccess } from './policy-access.ts';
import { policyVersionShape } from './shapes/policy-shapes.ts';

/** Sorts versions newest first with an ascending string key. */
const newestFirst = (version: number) => String(1e9 - version).padStart(10, '0');

export const ListPolicyVersions = defineAction({
  service: 'iam',
  name: 'ListPolicyVersions',
  resource: (input) => input.PolicyArn,
  async handle(input, ctx) {
    const { policy, versions } = await ctx.services.store.read(async (repos) => {
      const access = policyAccess(ctx, 'ListPolicyVersions');
      const policy = await getReadablePolicy(repos, access, input.PolicyArn);
      return { policy, versions: await repos.managedPolicies.versions(policy.policy_id) };
    });
    const page = paginateList(versions, input, (v) => newestFirst(v.version));
    return {
      Versions: page.items.map((v) => policyVersionShape(v, policy)),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },
});
