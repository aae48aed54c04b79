// The IAM model's public face: what the layers above use of its entities, rules, ids and ARNs.
export {
  createAccessKey,
  deleteAccessKey,
  getAccessKeyLastUsed,
  resolveKeyOwner,
  setAccessKeyStatus,
} from './access-keys.ts';
export type { KeyOwner } from './access-keys.ts';
export {
  deleteSshPublicKey,
  encodeSshPublicKey,
  getOwnedSshPublicKey,
  listSshPublicKeys,
  setSshPublicKeyStatus,
  uploadSshPublicKey,
} from './ssh-public-keys.ts';
export type { SshKeyEncoding } from './ssh-public-keys.ts';
export {
  createServiceSpecificCredential,
  deleteServiceSpecificCredential,
  listServiceSpecificCredentials,
  resetServiceSpecificCredential,
  serviceCredentialStatus,
  setServiceSpecificCredentialStatus,
} from './service-specific-credentials.ts';
export type { IssuedServiceCredential, ServiceCredentialStatus } from './service-specific-credentials.ts';
export {
  deleteSigningCertificate,
  setSigningCertificateStatus,
  uploadSigningCertificate,
} from './signing-certificates.ts';
export {
  deleteServerCertificate,
  getServerCertificateRow,
  serverCertificateChange,
  updateServerCertificate,
  uploadServerCertificate,
} from './server-certificates.ts';
export type { NewServerCertificate, ServerCertificateMove } from './server-certificates.ts';
export { createAccountAlias, deleteAccountAlias, listAccountAliases } from './account-aliases.ts';
export { NO_OTHER_ENTITIES, summaryMap } from './account-summary.ts';
export { globalEndpointTokenVersion, setGlobalEndpointTokenVersion } from './sts-preferences.ts';
export type { GlobalEndpointTokenVersion } from './sts-preferences.ts';
export {
  acceptChange,
  associateChange,
  createDelegationRequest,
  delegationPeriodEnd,
  delegationRequestArn,
  delegationRequestIdOf,
  delegationState,
  listOwnedDelegationRequests,
  moveDelegationRequest,
  renderPolicyTemplate,
  storedApprover,
  TRADE_IN_TOKEN_PURPOSE,
  visibleDelegationRequest,
} from './delegation-requests.ts';
export type {
  DelegationApprover,
  DelegationPermissionInput,
  DelegationPolicyParameter,
  NewDelegationRequest,
} from './delegation-requests.ts';
export type { DelegationRequestChange } from '../store/index.ts';
export { DELEGATION_TRANSITIONS, nextDelegationState } from './delegation-lifecycle.ts';
export type { DelegationOperation, DelegationRequestState } from './delegation-lifecycle.ts';
export { delegationRequestSummary, SUMMARY_ORIGIN, summaryLocaleSupported } from './delegation-summary.ts';
export { ensureAccount } from './accounts.ts';
export type { RootCredentials } from './accounts.ts';
export { AWS_MANAGED_POLICY_PREFIX, iamArn, parseIamArn, rootArn } from './arns.ts';
export type { IamResourceType } from './arns.ts';
export { AUTHORIZATION_DETAILS_SECTIONS, authorizationDetails } from './authorization-details.ts';
export type {
  AuthorizationDetailsPosition,
  GroupAuthorizationDetail,
  PolicyAuthorizationDetail,
  RoleAuthorizationDetail,
  UserAuthorizationDetail,
} from './authorization-details.ts';
export { seedAwsManagedPolicies } from './aws-managed-policies.ts';
export { ROOT_TASK_POLICIES, rootTaskPolicy } from './root-task-policies.ts';
export type { RootTaskFeature, RootTaskPolicy } from './root-task-policies.ts';
export { systemClock } from './clock.ts';
export type { Clock } from './clock.ts';
export { credentialLockout, guardSlowAttempt, lockoutKeys, lockoutPolicy } from './credential-lockout.ts';
export type { CredentialLockout, WarningLog } from './credential-lockout.ts';
export { generateCredentialReport, getCredentialReport } from './credential-report.ts';
export {
  addUserToGroup,
  createGroup,
  deleteGroup,
  getGroupRow,
  groupAsInlineOwner,
  removeUserFromGroup,
  updateGroup,
} from './groups.ts';
export { newAccountId, newRequestId, newSecretAccessKey } from './ids.ts';
export {
  deleteInlinePolicy,
  getInlinePolicyEntry,
  listInlinePolicyNames,
  putInlinePolicy,
  userAsInlineOwner,
} from './inline-policies.ts';
export type { InlineOwner } from './inline-policies.ts';
export {
  addRoleToInstanceProfile,
  createInstanceProfile,
  deleteInstanceProfile,
  getInstanceProfileRow,
  instanceProfileChange,
  removeRoleFromInstanceProfile,
} from './instance-profiles.ts';
export {
  findInstance,
  getInstance,
  instanceSecretMatches,
  listInstances,
  runInstance,
  terminateInstance,
  viewOf,
} from './instances.ts';
export type { InstanceView } from './instances.ts';
export { allowedActionNames, allowedActions, lastAccessedSubject, serviceName } from './last-accessed.ts';
export type { ApplicablePolicy, LastAccessedSubject, TrackedEntity } from './last-accessed.ts';
export {
  checkCreateLoginProfile,
  checkPasswordChange,
  createLoginProfile,
  deleteLoginProfile,
  getLoginProfile,
  loginProfileUserName,
  passwordHistory,
  requirePassword,
  updateLoginProfile,
  verifyCurrentPassword,
} from './login-profiles.ts';
export {
  createPolicy,
  createPolicyVersion,
  deletePolicy,
  deletePolicyVersion,
  getChangeablePolicy,
  getPolicyVersionRow,
  getReadablePolicy,
  setDefaultPolicyVersion,
  versionId,
} from './managed-policies.ts';
export type { PolicyAccess } from './managed-policies.ts';
export {
  createVirtualMfaDevice,
  deactivateMfaDevice,
  deleteVirtualMfaDevice,
  deviceChange,
  enableMfaDevice,
  enableRootMfaDevice,
  enrolVirtualMfaDevice,
  getMfaDevice,
  getUserMfaDevice,
  invalidAuthenticationCode,
  listUserMfaDevices,
  listVirtualMfaDevices,
  newEnrolment,
  otpauthLabel,
  resyncMfaDevice,
  verifyMfaCode,
} from './mfa-devices.ts';
export type { EnabledMfaDevice, MfaDeviceEntry, MfaEnrolment } from './mfa-devices.ts';
export {
  addClientId,
  clientIdsOf,
  createOidcProvider,
  deleteOidcProvider,
  getOidcProviderRow,
  hostAndPathOf,
  oidcProviderChange,
  providerArnForIssuer,
  removeClientId,
  thumbprintsOf,
  updateThumbprints,
} from './oidc-providers.ts';
export {
  checkNewPassword,
  checkPasswordReuse,
  deletePasswordPolicy,
  getPasswordPolicy,
  findPasswordPolicy,
  putPasswordPolicy,
} from './password-policy.ts';
export type { PasswordPolicySettings } from './password-policy.ts';
export {
  attachPolicy,
  attachedPolicies,
  attachedPolicyKey,
  detachPolicy,
  entitiesForPolicy,
  groupTarget,
  modifiableRoleTarget,
  policyEntityKey,
  roleTarget,
  userTarget,
} from './policy-attachments.ts';
export type { Principal } from './principal.ts';
export {
  assertModifiableRole,
  createRole,
  isProtectedRole,
  SSO_RESERVED_ROLE_PATH,
  type RoleChangeOptions,
  deleteRole,
  getRoleRow,
  roleOwner,
  setRoleBoundary,
  updateAssumeRolePolicy,
  updateRole,
  withPendingUse,
} from './roles.ts';
export {
  createSamlProvider,
  deleteSamlProvider,
  getSamlProviderRow,
  samlProviderArn,
  samlProviderChange,
  unknownSamlProvider,
  updateSamlProvider,
} from './saml-providers.ts';
export {
  createServiceLinkedRole,
  deleteServiceLinkedRole,
  deletionStatus,
  serviceLinkedRoleName,
  serviceLinkedRolePath,
} from './service-linked-roles.ts';
export { principalFromClaims } from './session-principal.ts';
export {
  disableOutboundWebIdentity,
  enableOutboundWebIdentity,
  OUTBOUND_ISSUER_PATH,
  outboundIssuerFor,
  outboundWebIdentitySettings,
} from './outbound-web-identity.ts';
export type { OutboundWebIdentitySettings } from './outbound-web-identity.ts';
export type { AssumedRootClaims, DistributiveOmit, SessionClaims } from './session.ts';
export { addTags, sortedTags } from './tags.ts';
export type { Tag } from './tags.ts';
export { createUser, deleteUser, getUserRow, setUserBoundary, updateUser } from './users.ts';
export * from './organizations/index.ts';
export * from './identity-center/index.ts';
export * from './import/index.ts';
export * from './analyzer/index.ts';
