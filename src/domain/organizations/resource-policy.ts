// PutResourcePolicy, DescribeResourcePolicy and DeleteResourcePolicy: the organization's one delegation
// policy, created (with tags, on creation only) or replaced by the management account, read by the
// accounts that administer the organization, deleted with its tags.
import { AwsError } from '../../errors.ts';
import type { OrganizationRow, OrgResourcePolicyRow, ReadRepos, Repos, TagPair } from '../../store/index.ts';
import { checkDelegationPolicy } from './delegation-policy.ts';
import { invalidOrgInput } from './org-errors.ts';
import { newResourcePolicyId } from './org-ids.ts';
import { checkOrgTags, removeOrgResourceTags, tagOrgResource } from './org-tags.ts';

export const resourcePolicyNotFound = (): AwsError =>
  new AwsError(
    'ResourcePolicyNotFoundException',
    "We can't find a resource policy request with the parameter that you specified.",
  );

/** The organization's delegation policy; ResourcePolicyNotFoundException when it has none. */
export async function getResourcePolicy(
  repos: ReadRepos,
  org: OrganizationRow,
): Promise<OrgResourcePolicyRow> {
  const row = await repos.orgResourcePolicies.get(org.org_id);
  if (!row) throw resourcePolicyNotFound();
  return row;
}

/**
 * PutResourcePolicy: the document checked as a delegation policy, then stored. A new policy gets an id
 * and the request's tags; a replaced one keeps its id and tags, and a request that brings tags to it is
 * refused (AWS applies Tags "to the initial creation of the resource policy, otherwise an exception is
 * thrown"; TagResource tags an existing one).
 */
export async function putResourcePolicy(
  repos: Repos,
  org: OrganizationRow,
  input: { Content: string; Tags?: readonly TagPair[] },
  now: Date,
): Promise<OrgResourcePolicyRow> {
  checkDelegationPolicy(input.Content);
  const content = input.Content;
  const existing = await repos.orgResourcePolicies.get(org.org_id);
  const at = now.toISOString();
  if (existing) {
    if (input.Tags?.length)
      throw invalidOrgInput(
        'INVALID_LIST_MEMBER',
        'Tags apply only when PutResourcePolicy creates the resource policy: tag the existing policy ' +
          `${existing.policy_id} with TagResource.`,
      );
    const row = { ...existing, content, updated_at: at };
    await repos.orgResourcePolicies.put(row);
    return row;
  }
  if (input.Tags) checkOrgTags(input.Tags);
  const row: OrgResourcePolicyRow = {
    org_id: org.org_id,
    policy_id: newResourcePolicyId(),
    content,
    created_at: at,
    updated_at: at,
  };
  await repos.orgResourcePolicies.put(row);
  if (input.Tags?.length) await tagOrgResource(repos, org, row.policy_id, input.Tags);
  return row;
}

/** DeleteResourcePolicy: the policy and its tags; ResourcePolicyNotFoundException when there is none. */
export async function deleteResourcePolicy(repos: Repos, org: OrganizationRow): Promise<void> {
  const row = await getResourcePolicy(repos, org);
  await removeOrgResourceTags(repos, row.policy_id);
  if (!(await repos.orgResourcePolicies.delete(org.org_id))) throw resourcePolicyNotFound();
}
