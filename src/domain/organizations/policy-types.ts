// Which organization policy types Tessera offers (SCPs and RCPs, the ones its engine enforces) and their
// life on the root: EnablePolicyType installs AWS's full-access policy of the type everywhere;
// DisablePolicyType detaches every policy of the type from every root, OU and account and keeps the
// policies, as AWS does (https://docs.aws.amazon.com/organizations/latest/userguide/disable-policy-type.html).
import type { OrganizationRow, Repos } from '../../store/index.ts';
import {
  installFullAccessPolicy,
  RESOURCE_CONTROL_POLICY,
  SERVICE_CONTROL_POLICY,
} from './default-policies.ts';
import {
  notInAllFeaturesMode,
  policyTypeAlreadyEnabled,
  policyTypeNotAvailable,
  policyTypeNotEnabled,
  rootNotFound,
} from './org-policy-errors.ts';
import { enabledPolicyTypes } from './organization.ts';

/** The policy types an organization with all features can use in Tessera. */
export const AVAILABLE_POLICY_TYPES: readonly string[] = [SERVICE_CONTROL_POLICY, RESOURCE_CONTROL_POLICY];

/**
 * Refuses a policy type the organization cannot use: any type in an organization with consolidated billing
 * only (ConstraintViolationException, ORGANIZATION_NOT_IN_ALL_FEATURES_MODE), and any type but SCPs and
 * RCPs (PolicyTypeNotAvailableForOrganizationException).
 */
export function requireAvailablePolicyType(org: OrganizationRow, policyType: string): void {
  if ((org.feature_set as string) !== 'ALL') throw notInAllFeaturesMode();
  if (!AVAILABLE_POLICY_TYPES.includes(policyType)) throw policyTypeNotAvailable();
}

/** Whether the type is enabled on the organization's root. */
export function isPolicyTypeEnabled(org: OrganizationRow, policyType: string): boolean {
  return enabledPolicyTypes(org).includes(policyType);
}

function requireRoot(org: OrganizationRow, rootId: string): void {
  if (rootId !== org.root_id) throw rootNotFound();
}

/** EnablePolicyType: the organization with the type enabled on its root. */
export async function enablePolicyType(
  repos: Repos,
  org: OrganizationRow,
  rootId: string,
  policyType: string,
  now: Date,
): Promise<OrganizationRow> {
  requireRoot(org, rootId);
  requireAvailablePolicyType(org, policyType);
  if (isPolicyTypeEnabled(org, policyType)) throw policyTypeAlreadyEnabled();
  const updated = { ...org, policy_types: JSON.stringify([...enabledPolicyTypes(org), policyType]) };
  await repos.organizations.update(org.org_id, { policy_types: updated.policy_types });
  await installFullAccessPolicy(repos, updated, policyType, now);
  return updated;
}

/** DisablePolicyType: every attachment of the type's policies removed, the type no longer on the root. */
export async function disablePolicyType(
  repos: Repos,
  org: OrganizationRow,
  rootId: string,
  policyType: string,
): Promise<OrganizationRow> {
  requireRoot(org, rootId);
  if (!isPolicyTypeEnabled(org, policyType)) throw policyTypeNotEnabled();
  for (const policy of await repos.orgPolicies.list(org.org_id, policyType))
    for (const target of await repos.orgPolicies.targetsOf(org.org_id, policy.policy_id))
      await repos.orgPolicies.detach(org.org_id, policy.policy_id, target.target_id);
  const updated = {
    ...org,
    policy_types: JSON.stringify(enabledPolicyTypes(org).filter((t) => t !== policyType)),
  };
  await repos.organizations.update(org.org_id, { policy_types: updated.policy_types });
  return updated;
}
