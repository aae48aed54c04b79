// GetAccountSummary's SummaryMap: the account's entity counts beside the quotas in force, under
// AWS's keys and in the order the AWS CLI documentation shows them.
import type { Quotas } from '../config/index.ts';
import type { EntityCounts } from '../store/index.ts';

/** AWS's fixed quotas that Tessera does not make configurable. */
export const FIXED_SUMMARY_QUOTAS = {
  SigningCertificatesPerUserQuota: 2,
  PolicyVersionsInUseQuota: 10000,
} as const;

/** Counts kept outside EntityCounts; a caller that does not give them reports none. */
export interface OtherCounts {
  mfaDevices: number;
  mfaDevicesInUse: number;
  providers: number;
  serverCertificates: number;
  accountMfaEnabled: boolean;
  accountSigningCertificates: boolean;
  /** The version of the global STS endpoint's session tokens (SetSecurityTokenServicePreferences). */
  globalEndpointTokenVersion: 1 | 2;
}

export const NO_OTHER_ENTITIES: Readonly<OtherCounts> = Object.freeze({
  mfaDevices: 0,
  mfaDevicesInUse: 0,
  providers: 0,
  serverCertificates: 0,
  accountMfaEnabled: false,
  accountSigningCertificates: false,
  globalEndpointTokenVersion: 1,
});

const flag = (b: boolean) => (b ? 1 : 0);

export function summaryMap(
  counts: EntityCounts,
  quotas: Quotas,
  other: OtherCounts = NO_OTHER_ENTITIES,
): Record<string, number> {
  return {
    GroupPolicySizeQuota: quotas.groupInlinePolicySize,
    InstanceProfilesQuota: quotas.instanceProfilesPerAccount,
    Policies: counts.policies,
    GroupsPerUserQuota: quotas.groupsPerUser,
    InstanceProfiles: counts.instanceProfiles,
    AttachedPoliciesPerUserQuota: quotas.managedPoliciesPerEntity,
    Users: counts.users,
    PoliciesQuota: quotas.customerManagedPoliciesPerAccount,
    Providers: other.providers,
    AccountMFAEnabled: flag(other.accountMfaEnabled),
    AccessKeysPerUserQuota: quotas.accessKeysPerUser,
    AssumeRolePolicySizeQuota: quotas.trustPolicySize,
    PolicyVersionsInUseQuota: FIXED_SUMMARY_QUOTAS.PolicyVersionsInUseQuota,
    GlobalEndpointTokenVersion: other.globalEndpointTokenVersion,
    VersionsPerPolicyQuota: quotas.versionsPerPolicy,
    AttachedPoliciesPerGroupQuota: quotas.managedPoliciesPerEntity,
    PolicySizeQuota: quotas.managedPolicySize,
    Groups: counts.groups,
    AccountSigningCertificatesPresent: flag(other.accountSigningCertificates),
    UsersQuota: quotas.usersPerAccount,
    ServerCertificatesQuota: quotas.serverCertificatesPerAccount,
    MFADevices: other.mfaDevices,
    UserPolicySizeQuota: quotas.userInlinePolicySize,
    PolicyVersionsInUse: counts.policyAttachments,
    ServerCertificates: other.serverCertificates,
    Roles: counts.roles,
    RolesQuota: quotas.rolesPerAccount,
    SigningCertificatesPerUserQuota: FIXED_SUMMARY_QUOTAS.SigningCertificatesPerUserQuota,
    MFADevicesInUse: other.mfaDevicesInUse,
    RolePolicySizeQuota: quotas.roleInlinePolicySize,
    AttachedPoliciesPerRoleQuota: quotas.managedPoliciesPerEntity,
    AccountAccessKeysPresent: flag(counts.rootAccessKeys),
    GroupsQuota: quotas.groupsPerAccount,
  };
}
