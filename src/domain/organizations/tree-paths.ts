// The organization tree's shape: which ids are containers (the root and the OUs), each OU's parent,
// how deep an OU sits below the root, a node's path as AWS writes it (`o-…/r-…/ou-…/`), and the
// parent of an account or OU.
import { AwsError } from '../../errors.ts';
import type { OrganizationRow, OrgUnitRow, ReadRepos } from '../../store/index.ts';
import { parentNotFound } from './org-errors.ts';

export type ContainerType = 'ROOT' | 'ORGANIZATIONAL_UNIT';

/** The root and the OUs of one organization, read once and asked many times. */
export class OrgTree {
  private readonly units: ReadonlyMap<string, OrgUnitRow>;

  constructor(
    private readonly org: Pick<OrganizationRow, 'org_id' | 'root_id'>,
    units: readonly OrgUnitRow[],
  ) {
    this.units = new Map(units.map((u) => [u.ou_id, u]));
  }

  /** ROOT or ORGANIZATIONAL_UNIT for a container of this organization; undefined for anything else. */
  typeOf(id: string): ContainerType | undefined {
    if (id === this.org.root_id) return 'ROOT';
    return this.units.has(id) ? 'ORGANIZATIONAL_UNIT' : undefined;
  }

  unit(ouId: string): OrgUnitRow | undefined {
    return this.units.get(ouId);
  }

  /** The ids from the root down to `id` (the root alone for the root). */
  private chain(id: string): string[] {
    const out: string[] = [];
    for (let at = this.units.get(id); at; at = this.units.get(at.parent_id)) out.unshift(at.ou_id);
    return [this.org.root_id, ...out];
  }

  /** A container's path, itself included: `o-…/r-…/` for the root, `o-…/r-…/ou-…/ou-…/` for an OU. */
  pathOf(containerId: string): string {
    return `${[this.org.org_id, ...this.chain(containerId)].join('/')}/`;
  }

  /** How many levels below the root a container sits: 0 for the root, 1 for an OU under it … */
  depthOf(containerId: string): number {
    return this.chain(containerId).length - 1;
  }
}

export async function loadOrgTree(repos: ReadRepos, org: OrganizationRow): Promise<OrgTree> {
  return new OrgTree(org, await repos.organizations.units(org.org_id));
}

/**
 * A root or OU of the organization, or the error given (ParentNotFoundException by default; MoveAccount
 * names its source and destination parents in errors of their own).
 */
export async function requireContainer(
  repos: ReadRepos,
  org: OrganizationRow,
  id: string,
  notFound: () => AwsError = parentNotFound,
): Promise<ContainerType> {
  if (id === org.root_id) return 'ROOT';
  const unit = await repos.organizations.unit(id);
  if (unit?.org_id === org.org_id) return 'ORGANIZATIONAL_UNIT';
  throw notFound();
}

export interface OrgParent {
  id: string;
  type: ContainerType;
}

/** ListParents: the root or OU an account or OU sits in; ChildNotFoundException for anything else. */
export async function parentOfChild(
  repos: ReadRepos,
  org: OrganizationRow,
  childId: string,
): Promise<OrgParent> {
  const member = /^\d{12}$/.test(childId) ? await repos.organizations.member(childId) : undefined;
  const unit = member ? undefined : await repos.organizations.unit(childId);
  const parentId =
    member?.org_id === org.org_id
      ? member.parent_id
      : unit?.org_id === org.org_id
        ? unit.parent_id
        : undefined;
  if (parentId === undefined)
    throw new AwsError(
      'ChildNotFoundException',
      "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.",
    );
  return { id: parentId, type: parentId === org.root_id ? 'ROOT' : 'ORGANIZATIONAL_UNIT' };
}
