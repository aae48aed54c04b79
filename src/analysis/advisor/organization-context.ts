// What the advisor reads about an account's AWS Organizations context: the organization, whether the
// account is its management account, the path of OUs from the root down to the account, the SCPs that
// apply (one level per node, root → OUs → account, as src/authz/organization-policies.ts gives the
// engine), and the organization's account ids (so a trust in a sibling account is not a third party).
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
import { SERVICE_CONTROL_POLICY } from '../../domain/index.ts';
import type { ReadRepos } from '../../store/index.ts';

/** An SCP attached to one node of the account's path. */
export interface SnapshotScp {
  policyId: string;
  name: string;
  /** The root, OU or account it is attached to. */
  targetId: string;
  document: string;
}

/** A node of the account's path in the organization tree. */
export interface OrgNode {
  id: string;
  name: string;
}

export interface SnapshotOrganization {
  orgId: string;
  managementAccountId: string;
  /** SCPs never limit the management account. */
  isManagement: boolean;
  /** The root, then each OU down to the account's parent. */
  ouPath: OrgNode[];
  /** aws:PrincipalOrgPaths' value: `o-…/r-…/ou-…/`. */
  path: string;
  /**
   * The SCPs that apply, one level per node (root, each OU, the account): empty for the management
   * account, when the SCP policy type is not enabled, or when the tree could not be read whole.
   */
  scpLevels: SnapshotScp[][];
  /** Every account of the organization (the management account too), ordered by id. */
  accountIds: string[];
}

/** Deeper than AWS allows (five levels of OUs): the tree changed while it was read. */
const MAX_DEPTH = 10;

/** The account's organization context, or undefined when it belongs to none. */
export async function loadOrganizationContext(
  repos: ReadRepos,
  accountId: string,
): Promise<SnapshotOrganization | undefined> {
  const member = await repos.organizations.member(accountId);
  if (!member) return undefined;
  const org = await repos.organizations.byId(member.org_id);
  if (!org) return undefined;
  const chain: OrgNode[] = [];
  let torn = false;
  for (let id = member.parent_id; id !== org.root_id;) {
    const unit = await repos.organizations.unit(id);
    if (!unit || chain.length > MAX_DEPTH) {
      torn = true;
      break;
    }
    chain.unshift({ id: unit.ou_id, name: unit.name });
    id = unit.parent_id;
  }
  const ouPath = [{ id: org.root_id, name: 'Root' }, ...chain];
  const isManagement = org.management_account_id === accountId;
  const types = JSON.parse(org.policy_types) as string[];
  let scpLevels: SnapshotScp[][] = [];
  // a torn read claims no mitigation: the advisor then reports as if no SCP applied
  if (!isManagement && !torn && types.includes(SERVICE_CONTROL_POLICY)) {
    const levels = [...ouPath.map((n) => n.id), accountId];
    const attached = await repos.orgPolicies.attachedTo(org.org_id, levels, SERVICE_CONTROL_POLICY);
    scpLevels = levels.map((target) =>
      attached
        .filter((p) => p.target_id === target)
        .map((p) => ({ policyId: p.policy_id, name: p.name, targetId: target, document: p.content })),
    );
  }
  const accountIds = (await repos.organizations.members(org.org_id)).map((m) => m.account_id);
  return {
    orgId: org.org_id,
    managementAccountId: org.management_account_id,
    isManagement,
    ouPath,
    path: [org.org_id, ...ouPath.map((n) => n.id)].join('/') + '/',
    scpLevels,
    accountIds,
  };
}
