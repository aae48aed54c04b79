// Tags on an organization's roots, OUs, member accounts, policies and delegation policy (TagResource,
// UntagResource, ListTagsForResource, and the Tags of CreatePolicy and PutResourcePolicy): stored as
// `org-resource` tags by the resource's id, at most 50 a resource, keys unique, none under the reserved
// `aws:` prefix.
import type { Change, OrganizationRow, ReadRepos, Repos, TagPair } from '../../store/index.ts';
import {
  duplicateTagKey,
  immutablePolicy,
  maxTagLimitExceeded,
  systemTagKey,
  taggableTargetNotFound,
} from './org-policy-errors.ts';
import { findOrgTarget } from './org-targets.ts';

/** AWS's quota of tags on one Organizations resource. */
export const MAX_ORG_TAGS = 50;

const ORG_RESOURCE = 'org-resource';

/** The change a tag write announces: an organization change, which drops every cached organization view. */
export const orgTagChange = (org: OrganizationRow, resourceId: string): Change => ({
  accountId: org.org_id,
  entity: 'organization',
  id: resourceId,
});

/** Checks the tags given in one request: no key twice (in any case), none under `aws:`, at most 50. */
export function checkOrgTags(tags: readonly TagPair[]): void {
  const seen = new Set<string>();
  for (const t of tags) {
    const key = t.Key.toLowerCase();
    if (key.startsWith('aws:')) throw systemTagKey();
    if (seen.has(key)) throw duplicateTagKey();
    seen.add(key);
  }
  if (seen.size > MAX_ORG_TAGS) throw maxTagLimitExceeded();
}

/**
 * The id under which a taggable resource's tags are kept: a root, OU or account of the organization, one
 * of its own policies, or its delegation policy (`rp-…`); TargetNotFoundException for anything else,
 * InvalidInputException (IMMUTABLE_POLICY) for AWS's own policies when `forWrite`.
 */
export async function taggableResource(
  repos: ReadRepos,
  org: OrganizationRow,
  resourceId: string,
  forWrite: boolean,
): Promise<string> {
  if (resourceId.startsWith('rp-')) {
    const delegation = await repos.orgResourcePolicies.get(org.org_id);
    if (delegation?.policy_id !== resourceId) throw taggableTargetNotFound();
    return resourceId;
  }
  if (resourceId.startsWith('p-')) {
    const policy = await repos.orgPolicies.get(org.org_id, resourceId);
    if (!policy) throw taggableTargetNotFound();
    if (forWrite && policy.aws_managed) throw immutablePolicy();
    return resourceId;
  }
  if (!(await findOrgTarget(repos, org, resourceId))) throw taggableTargetNotFound();
  return resourceId;
}

/** TagResource (and CreatePolicy's Tags): adds or overwrites tags, refusing more than 50 in all. */
export async function tagOrgResource(
  repos: Repos,
  org: OrganizationRow,
  resourceId: string,
  tags: readonly TagPair[],
): Promise<void> {
  checkOrgTags(tags);
  const existing = await repos.tags.list(ORG_RESOURCE, resourceId);
  const keys = new Set(existing.map((t) => t.Key.toLowerCase()));
  for (const t of tags) keys.add(t.Key.toLowerCase());
  if (keys.size > MAX_ORG_TAGS) throw maxTagLimitExceeded();
  await repos.tags.put(orgTagChange(org, resourceId), ORG_RESOURCE, resourceId, tags);
}

/** UntagResource: removes the tags with these keys; `aws:` keys cannot be named. */
export async function untagOrgResource(
  repos: Repos,
  org: OrganizationRow,
  resourceId: string,
  keys: readonly string[],
): Promise<void> {
  if (keys.some((k) => k.toLowerCase().startsWith('aws:'))) throw systemTagKey();
  await repos.tags.remove(orgTagChange(org, resourceId), ORG_RESOURCE, resourceId, keys);
}

/** ListTagsForResource: the resource's tags, in the order they were added. */
export function orgResourceTags(repos: ReadRepos, resourceId: string): Promise<TagPair[]> {
  return repos.tags.list(ORG_RESOURCE, resourceId);
}

/** Drops a deleted resource's tags (its deletion announces the change). */
export function removeOrgResourceTags(repos: Repos, resourceId: string): Promise<void> {
  return repos.tags.removeAll(ORG_RESOURCE, resourceId);
}
