// The roots, OUs and accounts a policy can be attached to (and that can carry tags): found by id within
// one organization, each with its kind and name as ListTargetsForPolicy names them.
import type { OrganizationRow, ReadRepos } from '../../store/index.ts';
import { targetNotFound } from './org-errors.ts';

export type OrgTargetType = 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';

export interface OrgTarget {
  id: string;
  type: OrgTargetType;
  name: string;
}

/** The name AWS gives every organization's root. */
export const ROOT_NAME = 'Root';

/** The root, OU or account of this organization with this id, or undefined. */
export async function findOrgTarget(
  repos: ReadRepos,
  org: OrganizationRow,
  targetId: string,
): Promise<OrgTarget | undefined> {
  if (targetId === org.root_id) return { id: targetId, type: 'ROOT', name: ROOT_NAME };
  if (targetId.startsWith('ou-')) {
    const unit = await repos.organizations.unit(targetId);
    return unit?.org_id === org.org_id
      ? { id: targetId, type: 'ORGANIZATIONAL_UNIT', name: unit.name }
      : undefined;
  }
  if (/^\d{12}$/.test(targetId)) {
    const member = await repos.organizations.member(targetId);
    return member?.org_id === org.org_id ? { id: targetId, type: 'ACCOUNT', name: member.name } : undefined;
  }
  return undefined;
}

/** The root, OU or account with this id; TargetNotFoundException when the organization has none. */
export async function getOrgTarget(
  repos: ReadRepos,
  org: OrganizationRow,
  targetId: string,
): Promise<OrgTarget> {
  const target = await findOrgTarget(repos, org, targetId);
  if (!target) throw targetNotFound();
  return target;
}

/** Every target of the organization named by these ids (unknown ids left out), in the order given. */
export async function orgTargets(
  repos: ReadRepos,
  org: OrganizationRow,
  targetIds: readonly string[],
): Promise<OrgTarget[]> {
  const units = new Map((await repos.organizations.units(org.org_id)).map((u) => [u.ou_id, u.name]));
  const members = new Map((await repos.organizations.members(org.org_id)).map((m) => [m.account_id, m.name]));
  const out: OrgTarget[] = [];
  for (const id of targetIds) {
    if (id === org.root_id) out.push({ id, type: 'ROOT', name: ROOT_NAME });
    else if (units.has(id)) out.push({ id, type: 'ORGANIZATIONAL_UNIT', name: units.get(id)! });
    else if (members.has(id)) out.push({ id, type: 'ACCOUNT', name: members.get(id)! });
  }
  return out;
}
