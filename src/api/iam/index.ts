// Every IAM action, for the registry: one flat list of the action modules, then the families of
// variants, each built from a table (tagging, inline policies, attachments, boundaries, the
// organization's root access features).
import type { Action } from '../action.ts';
import { AddClientIDToOpenIDConnectProvider } from './add-client-id-to-open-id-connect-provider.ts';
import { AddRoleToInstanceProfile } from './add-role-to-instance-profile.ts';
import { AddUserToGroup } from './add-user-to-group.ts';
import { ChangePassword } from './change-password.ts';
import { CreateAccessKey } from './create-access-key.ts';
import { CreateAccountAlias } from './create-account-alias.ts';
import { CreateGroup } from './create-group.ts';
import { CreateInstanceProfile } from './create-instance-profile.ts';
import { CreateLoginProfile } from './create-login-profile.ts';
import { CreateOpenIDConnectProvider } from './create-open-id-connect-provider.ts';
import { CreatePolicy } from './create-policy.ts';
import { CreatePolicyVersion } from './create-policy-version.ts';
import { CreateRole } from './create-role.ts';
import { CreateSAMLProvider } from './create-saml-provider.ts';
import { CreateServiceLinkedRole } from './create-service-linked-role.ts';
import { CreateServiceSpecificCredential } from './create-service-specific-credential.ts';
import { CreateUser } from './create-user.ts';
import { CreateVirtualMFADevice } from './create-virtual-mfa-device.ts';
import { DeactivateMFADevice } from './deactivate-mfa-device.ts';
import { DeleteAccessKey } from './delete-access-key.ts';
import { DeleteAccountAlias } from './delete-account-alias.ts';
import { DeleteAccountPasswordPolicy } from './delete-account-password-policy.ts';
import { DeleteGroup } from './delete-group.ts';
import { DeleteInstanceProfile } from './delete-instance-profile.ts';
import { DeleteLoginProfile } from './delete-login-profile.ts';
import { DeleteOpenIDConnectProvider } from './delete-open-id-connect-provider.ts';
import { DeletePolicy } from './delete-policy.ts';
import { DeletePolicyVersion } from './delete-policy-version.ts';
import { DeleteRole } from './delete-role.ts';
import { DeleteSAMLProvider } from './delete-saml-provider.ts';
import { DeleteServerCertificate } from './delete-server-certificate.ts';
import { DeleteServiceLinkedRole } from './delete-service-linked-role.ts';
import { DeleteServiceSpecificCredential } from './delete-service-specific-credential.ts';
import { DeleteSigningCertificate } from './delete-signing-certificate.ts';
import { GetServerCertificate } from './get-server-certificate.ts';
import { ListServerCertificates } from './list-server-certificates.ts';
import { UpdateServerCertificate } from './update-server-certificate.ts';
import { UploadServerCertificate } from './upload-server-certificate.ts';
import { DeleteSSHPublicKey } from './delete-ssh-public-key.ts';
import { DeleteUser } from './delete-user.ts';
import { DeleteVirtualMFADevice } from './delete-virtual-mfa-device.ts';
import { EnableMFADevice } from './enable-mfa-device.ts';
import { GenerateCredentialReport } from './generate-credential-report.ts';
import { GenerateOrganizationsAccessReport } from './generate-organizations-access-report.ts';
import { GenerateServiceLastAccessedDetails } from './generate-service-last-accessed-details.ts';
import { GetOrganizationsAccessReport } from './get-organizations-access-report.ts';
import { GetAccessKeyLastUsed } from './get-access-key-last-used.ts';
import { GetAccountAuthorizationDetails } from './get-account-authorization-details.ts';
import { GetAccountPasswordPolicy } from './get-account-password-policy.ts';
import { GetAccountSummary } from './get-account-summary.ts';
import { GetContextKeysForCustomPolicy } from './get-context-keys-for-custom-policy.ts';
import { GetContextKeysForPrincipalPolicy } from './get-context-keys-for-principal-policy.ts';
import { GetCredentialReport } from './get-credential-report.ts';
import { GetMFADevice } from './get-mfa-device.ts';
import { GetGroup } from './get-group.ts';
import { GetInstanceProfile } from './get-instance-profile.ts';
import { GetLoginProfile } from './get-login-profile.ts';
import { GetOpenIDConnectProvider } from './get-open-id-connect-provider.ts';
import { GetPolicy } from './get-policy.ts';
import { GetPolicyVersion } from './get-policy-version.ts';
import { GetRole } from './get-role.ts';
import { GetSAMLProvider } from './get-saml-provider.ts';
import { GetServiceLastAccessedDetails } from './get-service-last-accessed-details.ts';
import { GetServiceLastAccessedDetailsWithEntities } from './get-service-last-accessed-details-with-entities.ts';
import { GetServiceLinkedRoleDeletionStatus } from './get-service-linked-role-deletion-status.ts';
import { GetSSHPublicKey } from './get-ssh-public-key.ts';
import { GetUser } from './get-user.ts';
import { ListAccessKeys } from './list-access-keys.ts';
import { ListAccountAliases } from './list-account-aliases.ts';
import { ListEntitiesForPolicy } from './list-entities-for-policy.ts';
import { ListGroups } from './list-groups.ts';
import { ListGroupsForUser } from './list-groups-for-user.ts';
import { ListInstanceProfiles } from './list-instance-profiles.ts';
import { ListInstanceProfilesForRole } from './list-instance-profiles-for-role.ts';
import { ListMFADevices } from './list-mfa-devices.ts';
import { ListOpenIDConnectProviders } from './list-open-id-connect-providers.ts';
import { ListOrganizationsFeatures, organizationsFeatureActions } from './organizations-features.ts';
import {
  DisableOutboundWebIdentityFederation,
  EnableOutboundWebIdentityFederation,
  GetOutboundWebIdentityFederationInfo,
} from './outbound-web-identity-federation.ts';
import { ListPolicies } from './list-policies.ts';
import { ListPoliciesGrantingServiceAccess } from './list-policies-granting-service-access.ts';
import { ListPolicyVersions } from './list-policy-versions.ts';
import { ListRoles } from './list-roles.ts';
import { ListSAMLProviders } from './list-saml-providers.ts';
import { ListServiceSpecificCredentials } from './list-service-specific-credentials.ts';
import { ListSigningCertificates } from './list-signing-certificates.ts';
import { ListSSHPublicKeys } from './list-ssh-public-keys.ts';
import { ListUsers } from './list-users.ts';
import { ListVirtualMFADevices } from './list-virtual-mfa-devices.ts';
import { RemoveClientIDFromOpenIDConnectProvider } from './remove-client-id-from-open-id-connect-provider.ts';
import { RemoveRoleFromInstanceProfile } from './remove-role-from-instance-profile.ts';
import { RemoveUserFromGroup } from './remove-user-from-group.ts';
import { ResetServiceSpecificCredential } from './reset-service-specific-credential.ts';
import { ResyncMFADevice } from './resync-mfa-device.ts';
import { SetDefaultPolicyVersion } from './set-default-policy-version.ts';
import { SetSecurityTokenServicePreferences } from './set-security-token-service-preferences.ts';
import { SimulateCustomPolicy } from './simulate-custom-policy.ts';
import { SimulatePrincipalPolicy } from './simulate-principal-policy.ts';
import { UpdateAccessKey } from './update-access-key.ts';
import { UpdateAccountPasswordPolicy } from './update-account-password-policy.ts';
import { UpdateAssumeRolePolicy } from './update-assume-role-policy.ts';
import { UpdateGroup } from './update-group.ts';
import { UpdateLoginProfile } from './update-login-profile.ts';
import { UpdateOpenIDConnectProviderThumbprint } from './update-open-id-connect-provider-thumbprint.ts';
import { UpdateRole } from './update-role.ts';
import { UpdateRoleDescription } from './update-role-description.ts';
import { UpdateSAMLProvider } from './update-saml-provider.ts';
import { UpdateServiceSpecificCredential } from './update-service-specific-credential.ts';
import { UpdateSigningCertificate } from './update-signing-certificate.ts';
import { UpdateSSHPublicKey } from './update-ssh-public-key.ts';
import { UpdateUser } from './update-user.ts';
import { UploadSigningCertificate } from './upload-signing-certificate.ts';
import { UploadSSHPublicKey } from './upload-ssh-public-key.ts';
import { CreateDelegationRequest } from './create-delegation-request.ts';
import { GetDelegationRequest } from './get-delegation-request.ts';
import { GetHumanReadableSummary } from './get-human-readable-summary.ts';
import { ListDelegationRequests } from './list-delegation-requests.ts';
import { SendDelegationToken } from './send-delegation-token.ts';
import { inlinePolicyActions } from './inline-policies.ts';
import { permissionsBoundaryActions } from './permissions-boundaries.ts';
import { policyAttachmentActions } from './policy-attachments.ts';
import { taggingActions } from './tagging.ts';
import { delegationRequestMoves } from './delegation-request-transitions.ts';

export const iamActions: Action[] = [
  AddClientIDToOpenIDConnectProvider,
  AddRoleToInstanceProfile,
  AddUserToGroup,
  ChangePassword,
  CreateAccessKey,
  CreateAccountAlias,
  CreateGroup,
  CreateInstanceProfile,
  CreateLoginProfile,
  CreateOpenIDConnectProvider,
  CreatePolicy,
  CreatePolicyVersion,
  CreateRole,
  CreateSAMLProvider,
  CreateServiceLinkedRole,
  CreateServiceSpecificCredential,
  CreateUser,
  CreateVirtualMFADevice,
  DeactivateMFADevice,
  DeleteAccessKey,
  DeleteAccountAlias,
  DeleteAccountPasswordPolicy,
  DeleteGroup,
  DeleteInstanceProfile,
  DeleteLoginProfile,
  DeleteOpenIDConnectProvider,
  DeletePolicy,
  DeletePolicyVersion,
  DeleteRole,
  DeleteSAMLProvider,
  DeleteServerCertificate,
  DeleteServiceLinkedRole,
  DeleteServiceSpecificCredential,
  DeleteSigningCertificate,
  DeleteSSHPublicKey,
  GetServerCertificate,
  ListServerCertificates,
  UpdateServerCertificate,
  UploadServerCertificate,
  DeleteUser,
  DeleteVirtualMFADevice,
  EnableMFADevice,
  GenerateCredentialReport,
  GenerateOrganizationsAccessReport,
  GenerateServiceLastAccessedDetails,
  GetOrganizationsAccessReport,
  GetAccessKeyLastUsed,
  GetAccountAuthorizationDetails,
  GetAccountPasswordPolicy,
  GetAccountSummary,
  GetContextKeysForCustomPolicy,
  GetContextKeysForPrincipalPolicy,
  GetCredentialReport,
  GetMFADevice,
  GetGroup,
  GetInstanceProfile,
  GetLoginProfile,
  GetOpenIDConnectProvider,
  GetPolicy,
  GetPolicyVersion,
  GetRole,
  GetSAMLProvider,
  GetServiceLastAccessedDetails,
  GetServiceLastAccessedDetailsWithEntities,
  GetServiceLinkedRoleDeletionStatus,
  GetSSHPublicKey,
  GetUser,
  ListAccessKeys,
  ListAccountAliases,
  ListEntitiesForPolicy,
  ListGroups,
  ListGroupsForUser,
  ListInstanceProfiles,
  ListInstanceProfilesForRole,
  ListMFADevices,
  ListOpenIDConnectProviders,
  ListOrganizationsFeatures,
  ListPolicies,
  ListPoliciesGrantingServiceAccess,
  ListPolicyVersions,
  ListRoles,
  ListSAMLProviders,
  ListServiceSpecificCredentials,
  ListSigningCertificates,
  ListSSHPublicKeys,
  ListUsers,
  ListVirtualMFADevices,
  RemoveClientIDFromOpenIDConnectProvider,
  RemoveRoleFromInstanceProfile,
  RemoveUserFromGroup,
  ResetServiceSpecificCredential,
  ResyncMFADevice,
  SetDefaultPolicyVersion,
  SetSecurityTokenServicePreferences,
  SimulateCustomPolicy,
  SimulatePrincipalPolicy,
  UpdateAccessKey,
  UpdateAccountPasswordPolicy,
  UpdateAssumeRolePolicy,
  UpdateGroup,
  UpdateLoginProfile,
  UpdateOpenIDConnectProviderThumbprint,
  UpdateRole,
  UpdateRoleDescription,
  UpdateSAMLProvider,
  UpdateServiceSpecificCredential,
  UpdateSigningCertificate,
  UpdateSSHPublicKey,
  UpdateUser,
  UploadSigningCertificate,
  UploadSSHPublicKey,
  CreateDelegationRequest,
  GetDelegationRequest,
  GetHumanReadableSummary,
  ListDelegationRequests,
  SendDelegationToken,
  ...taggingActions,
  ...delegationRequestMoves,
  ...inlinePolicyActions,
  ...policyAttachmentActions,
  ...permissionsBoundaryActions,
  ...organizationsFeatureActions,
  EnableOutboundWebIdentityFederation,
  DisableOutboundWebIdentityFederation,
  GetOutboundWebIdentityFederationInfo,
];
