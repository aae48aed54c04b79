// The service control policies that govern an imported account, made to apply: the account joins an
// organization whose management account is a synthetic one (no credentials), with SCPs enabled and
// one level per SCP given, from the root down (as `tessera simulate --scp` reads them): the first on
// the root, each next on an OU below the last, the account in the deepest OU. Each level holds its
// SCP instead of FullAWSAccess; the account's own level keeps FullAWSAccess, so every given level
// must allow. Built and changed through the Organizations domain rules, and marked with a tag on the
// root so that a re-import finds (and reshapes) it and never touches an organization made otherwise.
import type { OrganizationRow, OrgUnitRow, Repos } from '../../store/index.ts';
import { AwsError } from '../../errors.ts';
import { newAccountId } from '../ids.ts';
import { joinOrganization } from '../organizations/accounts.ts';
import { SERVICE_CONTROL_POLICY } from '../organizations/default-policies.ts';
import {
  attachOrgPolicy,
  checkOrgPolicyContent,
  createOrgPolicy,
  deleteOrgPolicy,
  detachOrgPolicy,
  updateOrgPolicy,
} from '../organizations/org-policies.ts';
import { tagOrgResource } from '../organizations/org-tags.ts';
import { createOrganization } from '../organizations/organization.ts';
import { enablePolicyType } from '../organizations/policy-types.ts';
import { createOrganizationalUnit, deleteOrganizationalUnit, MAX_OU_DEPTH } from '../organizations/units.ts';
import { ImportError } from './import-error.ts';

/** The tag on an import-made organization's root; its value is the imported account's id. */
export const IMPORT_ORGANIZATION_TAG = 'tessera:imported-account';

/** An SCP file as given: its name (for messages and the policy's description) and its text. */
export interface ScpFile {
  name: string;
  content: string;
}

export interface ScpLevel {
  targetId: string;
  targetType: 'ROOT' | 'ORGANIZATIONAL_UNIT';
  policyId: string;
  file: string;
}

export interface ScpPlacement {
  orgId: string;
  managementAccountId: string;
  /** Whether this import made the organization. */
  created: boolean;
  /** Root first, then each OU down to the account's parent. */
  levels: ScpLevel[];
}

const levelName = (level: number) => `imported-level-${level}`;
const policyName = (level: number) => `imported-scp-level-${level}`;

/** Checks the files before anything is written: at most one level per root and OU, each a valid SCP. */
export function checkScpFiles(scps: readonly ScpFile[]): void {
  if (scps.length > 1 + MAX_OU_DEPTH)
    throw new ImportError(
      '--scp',
      `at most ${1 + MAX_OU_DEPTH} levels (the root and ${MAX_OU_DEPTH} OUs below it)`,
    );
  scps.forEach((scp, i) => {
    try {
      checkOrgPolicyContent(SERVICE_CONTROL_POLICY, scp.content);
    } catch (err) {
      if (err instanceof AwsError) throw new ImportError(`--scp[${i + 1}] (${scp.name})`, err.message);
      throw err;
    }
  });
}

/** The organization an earlier import made for the account, a new one, or an error for any other. */
async function importOrganization(
  repos: Repos,
  accountId: string,
  now: Date,
): Promise<{ org: OrganizationRow; created: boolean }> {
  const org =
    (await repos.organizations.ofAccount(accountId)) ?? (await repos.organizations.managedBy(accountId));
  if (org) {
    const tags = await repos.tags.list('org-resource', org.root_id);
    if (tags.some((t) => t.Key === IMPORT_ORGANIZATION_TAG && t.Value === accountId))
      return { org, created: false };
    throw new ImportError(
      '--scp',
      `account ${accountId} already belongs to organization ${org.org_id}, which no import made; ` +
        'import without --scp, or into another account',
    );
  }
  let managementAccountId = newAccountId();
  while (await repos.accounts.get(managementAccountId)) managementAccountId = newAccountId();
  await repos.accounts.insert({
    account_id: managementAccountId,
    created_at: now.toISOString(),
    quotas: null,
  });
  let made = await createOrganization(repos, managementAccountId, 'ALL', now);
  made = await enablePolicyType(repos, made, made.root_id, SERVICE_CONTROL_POLICY, now);
  await tagOrgResource(repos, made, made.root_id, [{ Key: IMPORT_ORGANIZATION_TAG, Value: accountId }]);
  await joinOrganization(repos, made, accountId, now);
  return { org: made, created: true };
}

/** Deletes an OU and every OU below it (the imported account has moved out of them). */
async function deleteUnitTree(repos: Repos, org: OrganizationRow, unit: OrgUnitRow): Promise<void> {
  for (const child of await repos.organizations.units(org.org_id, unit.ou_id))
    await deleteUnitTree(repos, org, child);
  await deleteOrganizationalUnit(repos, org, unit.ou_id);
}

/** Places the account under the SCPs (checked with checkScpFiles first), one level each. */
export async function placeUnderScps(
  repos: Repos,
  accountId: string,
  scps: readonly ScpFile[],
  now: Date,
): Promise<ScpPlacement> {
  const { org, created } = await importOrganization(repos, accountId, now);
  // the chain of containers: the root, then imported-level-2, -3 … each under the one before
  const containers: { id: string; type: ScpLevel['targetType'] }[] = [{ id: org.root_id, type: 'ROOT' }];
  for (let level = 2; level <= scps.length; level++) {
    const parentId = containers[containers.length - 1]!.id;
    const existing = (await repos.organizations.units(org.org_id, parentId)).find(
      (u) => u.name === levelName(level),
    );
    const unit =
      existing ??
      (await createOrganizationalUnit(repos, org, { ParentId: parentId, Name: levelName(level) }, now));
    containers.push({ id: unit.ou_id, type: 'ORGANIZATIONAL_UNIT' });
  }
  const parentId = containers[containers.length - 1]!.id;
  const member = await repos.organizations.member(accountId);
  if (member && member.parent_id !== parentId)
    await repos.organizations.updateMember(org.org_id, accountId, { parent_id: parentId });
  // levels an earlier import had below these go
  for (const unit of await repos.organizations.units(org.org_id, parentId))
    if (unit.name === levelName(scps.length + 1)) await deleteUnitTree(repos, org, unit);

  const levels: ScpLevel[] = [];
  for (const [i, scp] of scps.entries()) {
    const target = containers[i]!;
    const description = `${scp.name}, imported by tessera import authz-details`.slice(0, 512);
    const known = await repos.orgPolicies.byName(org.org_id, SERVICE_CONTROL_POLICY, policyName(i + 1));
    const policy = known
      ? known.content === scp.content && known.description === description
        ? known
        : await updateOrgPolicy(repos, org, known.policy_id, { content: scp.content, description })
      : await createOrgPolicy(
          repos,
          org,
          { name: policyName(i + 1), description, content: scp.content, policyType: SERVICE_CONTROL_POLICY },
          now,
        );
    const attached = await repos.orgPolicies.attachedTo(org.org_id, [target.id], SERVICE_CONTROL_POLICY);
    if (!attached.some((p) => p.policy_id === policy.policy_id))
      await attachOrgPolicy(repos, org, policy.policy_id, target.id, now);
    // the level holds its SCP alone (FullAWSAccess would allow what the SCP leaves out)
    for (const other of attached)
      if (other.policy_id !== policy.policy_id) await detachOrgPolicy(repos, org, other.policy_id, target.id);
    levels.push({ targetId: target.id, targetType: target.type, policyId: policy.policy_id, file: scp.name });
  }
  // SCPs of levels that no longer exist: detached from what still holds them, and deleted
  for (let level = scps.length + 1; level <= 1 + MAX_OU_DEPTH; level++) {
    const stale = await repos.orgPolicies.byName(org.org_id, SERVICE_CONTROL_POLICY, policyName(level));
    if (!stale) continue;
    for (const t of await repos.orgPolicies.targetsOf(org.org_id, stale.policy_id))
      await repos.orgPolicies.detach(org.org_id, stale.policy_id, t.target_id);
    await deleteOrgPolicy(repos, org, stale.policy_id);
  }
  return { orgId: org.org_id, managementAccountId: org.management_account_id, created, levels };
}
