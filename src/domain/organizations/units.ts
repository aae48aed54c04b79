// Organizational units: made under the root or another OU (at most five levels below the root, no two
// siblings of one name), renamed, and deleted only once they hold no account and no OU. A new OU gets
// the full-access policy of each enabled policy type; a deleted one takes its attachments and tags along.
import { AwsError } from '../../errors.ts';
import type { OrganizationRow, OrgUnitRow, ReadRepos, Repos, TagPair } from '../../store/index.ts';
import { attachDefaultPolicies } from './default-policies.ts';
import { constraintViolation, ouNotFound } from './org-errors.ts';
import { newOrganizationalUnitId } from './org-ids.ts';
import { tagOrgResource } from './org-tags.ts';
import { loadOrgTree, requireContainer } from './tree-paths.ts';

/** How many levels of OUs AWS allows below the root. */
export const MAX_OU_DEPTH = 5;

const duplicateUnit = (): AwsError =>
  new AwsError('DuplicateOrganizationalUnitException', 'An OU with the same name already exists.');

const unitNotEmpty = (): AwsError =>
  new AwsError(
    'OrganizationalUnitNotEmptyException',
    'The specified OU is not empty. Move all accounts to another root or to other OUs, remove all child ' +
      'OUs, and try the operation again.',
  );

/** An OU of this organization; OrganizationalUnitNotFoundException otherwise. */
export async function requireUnit(repos: ReadRepos, org: OrganizationRow, ouId: string): Promise<OrgUnitRow> {
  const unit = await repos.organizations.unit(ouId);
  if (unit?.org_id !== org.org_id) throw ouNotFound();
  return unit;
}

async function assertNameFree(
  repos: ReadRepos,
  org: OrganizationRow,
  parentId: string,
  name: string,
  self?: string,
): Promise<void> {
  const siblings = await repos.organizations.units(org.org_id, parentId);
  if (siblings.some((u) => u.name === name && u.ou_id !== self)) throw duplicateUnit();
}

/** AWS's quota of OUs per organization (orgs_reference_limits.html). */
export const MAX_OUS = 2_000;

/** CreateOrganizationalUnit. */
export async function createOrganizationalUnit(
  repos: Repos,
  org: OrganizationRow,
  input: { ParentId: string; Name: string; Tags?: readonly TagPair[] },
  now: Date,
): Promise<OrgUnitRow> {
  await requireContainer(repos, org, input.ParentId);
  const tree = await loadOrgTree(repos, org);
  if (tree.depthOf(input.ParentId) >= MAX_OU_DEPTH)
    throw constraintViolation(
      'OU_DEPTH_LIMIT_EXCEEDED',
      'You attempted to create an OU tree that is too many levels deep.',
    );
  await assertNameFree(repos, org, input.ParentId, input.Name);
  // AWS's quota: 2,000 OUs in an organization
  if ((await repos.organizations.units(org.org_id)).length >= MAX_OUS)
    throw constraintViolation(
      'OU_NUMBER_LIMIT_EXCEEDED',
      'You attempted to exceed the number of OUs that you can have in an organization.',
    );
  const row: OrgUnitRow = {
    ou_id: newOrganizationalUnitId(org.root_id),
    org_id: org.org_id,
    parent_id: input.ParentId,
    name: input.Name,
    created_at: now.toISOString(),
  };
  await repos.organizations.insertUnit(row);
  if (input.Tags?.length) await tagOrgResource(repos, org, row.ou_id, input.Tags);
  await attachDefaultPolicies(repos, org, row.ou_id, now);
  return row;
}

/** UpdateOrganizationalUnit: a new name, unique among its siblings; no name changes nothing. */
export async function renameOrganizationalUnit(
  repos: Repos,
  org: OrganizationRow,
  ouId: string,
  name: string | undefined,
): Promise<OrgUnitRow> {
  const unit = await requireUnit(repos, org, ouId);
  if (name === undefined || name === unit.name) return unit;
  await assertNameFree(repos, org, unit.parent_id, name, unit.ou_id);
  await repos.organizations.renameUnit(org.org_id, unit.ou_id, name);
  return { ...unit, name };
}

/** DeleteOrganizationalUnit: only an empty OU. */
export async function deleteOrganizationalUnit(
  repos: Repos,
  org: OrganizationRow,
  ouId: string,
): Promise<void> {
  const unit = await requireUnit(repos, org, ouId);
  const accounts = await repos.organizations.members(org.org_id, unit.ou_id);
  const units = await repos.organizations.units(org.org_id, unit.ou_id);
  if (accounts.length > 0 || units.length > 0) throw unitNotEmpty();
  await repos.orgPolicies.detachAllFrom(org.org_id, unit.ou_id);
  await repos.tags.removeAll('org-resource', unit.ou_id);
  await repos.organizations.deleteUnit(org.org_id, unit.ou_id);
}
