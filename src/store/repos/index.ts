// All repositories, as one declared set: `Repos` (everything, for writes) and `ReadRepos` (their
// reading halves, for reads), built over one Kysely handle (a transaction for writes).
import type { Db, RecordChange } from './db.ts';
import { accessActivityRepo, type AccessActivityReader, type AccessActivityRepo } from './access-activity.ts';
import { accessKeyRepo, type AccessKeyReader, type AccessKeyRepo } from './access-keys.ts';
import { sshPublicKeyRepo, type SshPublicKeyReader, type SshPublicKeyRepo } from './ssh-public-keys.ts';
import {
  delegationRequestRepo,
  type DelegationRequestReader,
  type DelegationRequestRepo,
} from './delegation-requests.ts';
import {
  serviceSpecificCredentialRepo,
  type ServiceSpecificCredentialReader,
  type ServiceSpecificCredentialRepo,
} from './service-specific-credentials.ts';
import {
  signingCertificateRepo,
  type SigningCertificateReader,
  type SigningCertificateRepo,
} from './signing-certificates.ts';
import {
  serverCertificateRepo,
  type ServerCertificateReader,
  type ServerCertificateRepo,
} from './server-certificates.ts';
import {
  outboundWebIdentityRepo,
  type OutboundWebIdentityReader,
  type OutboundWebIdentityRepo,
} from './outbound-web-identity.ts';
import { accountAliasRepo, type AccountAliasReader, type AccountAliasRepo } from './account-aliases.ts';
import {
  trustPrincipalRefRepo,
  type TrustPrincipalRefReader,
  type TrustPrincipalRefRepo,
} from './trust-principal-refs.ts';
import { samlAssertionUseRepo, type SamlAssertionUseRepo } from './saml-assertion-uses.ts';
import {
  consoleSessionRepo,
  type ConsoleSessionReader,
  type ConsoleSessionRepo,
} from './console-sessions.ts';
import { accountInventoryRepo, type AccountInventoryRepo } from './account-inventory.ts';
import { accountRepo, type AccountReader, type AccountRepo } from './accounts.ts';
import {
  analyzerFindingRepo,
  type AnalyzerFindingReader,
  type AnalyzerFindingRepo,
} from './analyzer-findings.ts';
import { auditDeliveryRepo, type AuditDeliveryReader, type AuditDeliveryRepo } from './audit-delivery.ts';
import { auditEventRepo, type AuditEventReader, type AuditEventRepo } from './audit-events.ts';
import {
  credentialLockoutRepo,
  type CredentialLockoutReader,
  type CredentialLockoutRepo,
} from './credential-lockouts.ts';
import {
  credentialReportRepo,
  type CredentialReportReader,
  type CredentialReportRepo,
} from './credential-reports.ts';
import { effectivePolicyRepo, type EffectivePolicyRepo } from './effective-policies.ts';
import { groupRepo, type GroupReader, type GroupRepo } from './groups.ts';
import { idcInstanceRepo, type IdcInstanceReader, type IdcInstanceRepo } from './idc-instances.ts';
import {
  idcPermissionSetRepo,
  type IdcPermissionSetReader,
  type IdcPermissionSetRepo,
} from './idc-permission-sets.ts';
import { idcAssignmentRepo, type IdcAssignmentReader, type IdcAssignmentRepo } from './idc-assignments.ts';
import { identityStoreRepo, type IdentityStoreReader, type IdentityStoreRepo } from './identity-store.ts';
import { inlinePolicyRepo, type InlinePolicyReader, type InlinePolicyRepo } from './inline-policies.ts';
import {
  instanceProfileRepo,
  type InstanceProfileReader,
  type InstanceProfileRepo,
} from './instance-profiles.ts';
import { instanceRepo, type InstanceReader, type InstanceRepo } from './instances.ts';
import {
  lastAccessedJobRepo,
  type LastAccessedJobReader,
  type LastAccessedJobRepo,
} from './last-accessed-jobs.ts';
import { loginProfileRepo, type LoginProfileReader, type LoginProfileRepo } from './login-profiles.ts';
import { managedPolicyRepo, type ManagedPolicyReader, type ManagedPolicyRepo } from './managed-policies.ts';
import { mfaDeviceRepo, type MfaDeviceReader, type MfaDeviceRepo } from './mfa-devices.ts';
import { oidcProviderRepo, type OidcProviderReader, type OidcProviderRepo } from './oidc-providers.ts';
import { organizationRepo, type OrganizationReader, type OrganizationRepo } from './organizations.ts';
import { orgPolicyRepo, type OrgPolicyReader, type OrgPolicyRepo } from './org-policies.ts';
import {
  orgResourcePolicyRepo,
  type OrgResourcePolicyReader,
  type OrgResourcePolicyRepo,
} from './org-resource-policies.ts';
import { roleRepo, type RoleReader, type RoleRepo } from './roles.ts';
import { samlProviderRepo, type SamlProviderReader, type SamlProviderRepo } from './saml-providers.ts';
import {
  serviceLinkedRoleRepo,
  type ServiceLinkedRoleReader,
  type ServiceLinkedRoleRepo,
} from './service-linked-roles.ts';
import { sessionKeyRepo, type SessionKeyReader, type SessionKeyRepo } from './session-keys.ts';
import { ssoPortalRepo, type SsoPortalReader } from './sso-portal.ts';
import { ssoSignInRepo, type SsoSignInReader, type SsoSignInRepo } from './sso-sign-in.ts';
import { tagRepo, type TagReader, type TagRepo } from './tags.ts';
import { userRepo, type UserReader, type UserRepo } from './users.ts';

/**
 * Every repository, reading and writing: what `Store.write` and `Store.writeRecords` hand their
 * callback. Writes that a cache depends on announce a change when the transaction commits.
 */
export interface Repos {
  /** The 12-digit tenants and their quota overrides. */
  accounts: AccountRepo;
  /** Access keys of users and account roots. */
  accessKeys: AccessKeyRepo;
  /** SSH public keys of users. */
  sshPublicKeys: SshPublicKeyRepo;
  /** IAM delegation requests (temporary delegation to partners). */
  delegationRequests: DelegationRequestRepo;
  /** Service-specific credentials of users (CodeCommit, Keyspaces, Bedrock, CloudWatch Logs). */
  serviceSpecificCredentials: ServiceSpecificCredentialRepo;
  /** X.509 signing certificates of users and account roots. */
  signingCertificates: SigningCertificateRepo;
  /** Server certificates, their private keys sealed. */
  serverCertificates: ServerCertificateRepo;
  /** Outbound web identity federation: each account's switch and issuer, and the JWT signing keys. */
  outboundWebIdentity: OutboundWebIdentityRepo;
  /** IAM users. */
  users: UserRepo;
  /** Console passwords of users, and each account's password policy. */
  loginProfiles: LoginProfileRepo;
  /** IAM groups and their members. */
  groups: GroupRepo;
  /** IAM roles and their last-used data. */
  roles: RoleRepo;
  /** Customer and AWS managed policies, their versions and attachments. */
  managedPolicies: ManagedPolicyRepo;
  /** Inline policies of users, groups and roles. */
  inlinePolicies: InlinePolicyRepo;
  /** Instance profiles and the role each holds. */
  instanceProfiles: InstanceProfileRepo;
  /** Named instances carrying an instance profile. */
  instances: InstanceRepo;
  /** Account aliases, unique across accounts. */
  accountAliases: AccountAliasRepo;
  /** The users and roles each role's trust policy names, by unique id. */
  trustPrincipalRefs: TrustPrincipalRefRepo;
  /** SAML assertions already redeemed (written with `writeRecords`). */
  samlAssertionUses: SamlAssertionUseRepo;
  /** Web console sessions and root console passwords (written with `writeRecords`). */
  consoleSessions: ConsoleSessionRepo;
  /** Deletion tasks of service-linked roles. */
  serviceLinkedRoles: ServiceLinkedRoleRepo;
  /** Tags of every taggable resource. */
  tags: TagRepo;
  /** The policy documents that apply to a principal (read-only). */
  effectivePolicies: EffectivePolicyRepo;
  /** Virtual MFA devices. */
  mfaDevices: MfaDeviceRepo;
  /** OpenID Connect providers. */
  oidcProviders: OidcProviderRepo;
  /** Session-token keys, sealed under the master key. */
  sessionKeys: SessionKeyRepo;
  /** Batched queries over all of an account's entities (read-only). */
  accountInventory: AccountInventoryRepo;
  /** SAML providers. */
  samlProviders: SamlProviderRepo;
  /** Failure counts and locks of guessable credentials. */
  credentialLockouts: CredentialLockoutRepo;
  /** The audit trail's events. */
  auditEvents: AuditEventRepo;
  /** Delivery of the audit trail as log and digest files: progress, digest chains, signing keys. */
  auditDelivery: AuditDeliveryRepo;
  /** Last-accessed data of users and roles. */
  accessActivity: AccessActivityRepo;
  /** Each account's most recent credential report, and the credentials it lists. */
  credentialReports: CredentialReportRepo;
  /** Generated service last accessed reports, by job id. */
  lastAccessedJobs: LastAccessedJobRepo;
  /** Organizations: roots, OUs, member accounts, trusted services, invitations. */
  organizations: OrganizationRepo;
  /** Organization policies (SCPs, RCPs) and their attachments. */
  orgPolicies: OrgPolicyRepo;
  /** Each organization's resource-based delegation policy. */
  orgResourcePolicies: OrgResourcePolicyRepo;
  /** IAM Access Analyzer: analyzers, archive rules and findings. */
  analyzerFindings: AnalyzerFindingRepo;
  /** IAM Identity Center instances and their identity stores. */
  idcInstances: IdcInstanceRepo;
  /** Identity Center permission sets. */
  idcPermissionSets: IdcPermissionSetRepo;
  /** Identity Center account assignments, provisioned permission sets and asynchronous requests. */
  idcAssignments: IdcAssignmentRepo;
  /** Identity Center identity stores: users, groups and memberships. */
  identityStore: IdentityStoreRepo;
  /** Identity Center sign-in sessions, SSO OIDC clients, device authorizations, codes and tokens. */
  ssoSignIn: SsoSignInRepo;
  /** The roles the SSO portal shows a user (read-only). */
  ssoPortal: SsoPortalReader;
}

/**
 * The reading half of every repository: what `Store.read` hands its callback. `Repos` is assignable
 * to it, so a function that only reads takes `ReadRepos` and serves both reads and writes.
 */
export interface ReadRepos {
  /** The 12-digit tenants and their quota overrides. */
  accounts: AccountReader;
  /** Access keys of users and account roots. */
  accessKeys: AccessKeyReader;
  /** SSH public keys of users. */
  sshPublicKeys: SshPublicKeyReader;
  /** IAM delegation requests (temporary delegation to partners). */
  delegationRequests: DelegationRequestReader;
  /** Service-specific credentials of users (CodeCommit, Keyspaces, Bedrock, CloudWatch Logs). */
  serviceSpecificCredentials: ServiceSpecificCredentialReader;
  /** X.509 signing certificates of users and account roots. */
  signingCertificates: SigningCertificateReader;
  /** Server certificates, their private keys sealed. */
  serverCertificates: ServerCertificateReader;
  /** Outbound web identity federation: each account's switch and issuer, and the JWT signing keys. */
  outboundWebIdentity: OutboundWebIdentityReader;
  /** IAM users. */
  users: UserReader;
  /** Console passwords of users, and each account's password policy. */
  loginProfiles: LoginProfileReader;
  /** IAM groups and their members. */
  groups: GroupReader;
  /** IAM roles. */
  roles: RoleReader;
  /** Customer and AWS managed policies, their versions and attachments. */
  managedPolicies: ManagedPolicyReader;
  /** Inline policies of users, groups and roles. */
  inlinePolicies: InlinePolicyReader;
  /** Instance profiles and the role each holds. */
  instanceProfiles: InstanceProfileReader;
  /** Named instances carrying an instance profile. */
  instances: InstanceReader;
  /** Account aliases, unique across accounts. */
  accountAliases: AccountAliasReader;
  /** The users and roles each role's trust policy names, by unique id. */
  trustPrincipalRefs: TrustPrincipalRefReader;
  /** Web console sessions and root console passwords. */
  consoleSessions: ConsoleSessionReader;
  /** Deletion tasks of service-linked roles. */
  serviceLinkedRoles: ServiceLinkedRoleReader;
  /** Tags of every taggable resource. */
  tags: TagReader;
  /** The policy documents that apply to a principal. */
  effectivePolicies: EffectivePolicyRepo;
  /** Virtual MFA devices. */
  mfaDevices: MfaDeviceReader;
  /** OpenID Connect providers. */
  oidcProviders: OidcProviderReader;
  /** Session-token keys, sealed under the master key. */
  sessionKeys: SessionKeyReader;
  /** Batched queries over all of an account's entities. */
  accountInventory: AccountInventoryRepo;
  /** SAML providers. */
  samlProviders: SamlProviderReader;
  /** Failure counts and locks of guessable credentials. */
  credentialLockouts: CredentialLockoutReader;
  /** The audit trail's events. */
  auditEvents: AuditEventReader;
  /** Delivery of the audit trail as log and digest files: progress, digest chains, signing keys. */
  auditDelivery: AuditDeliveryReader;
  /** Last-accessed data of users and roles. */
  accessActivity: AccessActivityReader;
  /** Each account's most recent credential report, and the credentials it lists. */
  credentialReports: CredentialReportReader;
  /** Generated service last accessed reports, by job id. */
  lastAccessedJobs: LastAccessedJobReader;
  /** Organizations: roots, OUs, member accounts, trusted services, invitations. */
  organizations: OrganizationReader;
  /** Organization policies (SCPs, RCPs) and their attachments. */
  orgPolicies: OrgPolicyReader;
  /** Each organization's resource-based delegation policy. */
  orgResourcePolicies: OrgResourcePolicyReader;
  /** IAM Access Analyzer: analyzers, archive rules and findings. */
  analyzerFindings: AnalyzerFindingReader;
  /** IAM Identity Center instances and their identity stores. */
  idcInstances: IdcInstanceReader;
  /** Identity Center permission sets. */
  idcPermissionSets: IdcPermissionSetReader;
  /** Identity Center account assignments, provisioned permission sets and asynchronous requests. */
  idcAssignments: IdcAssignmentReader;
  /** Identity Center identity stores: users, groups and memberships. */
  identityStore: IdentityStoreReader;
  /** Identity Center sign-in sessions, SSO OIDC clients, device authorizations, codes and tokens. */
  ssoSignIn: SsoSignInReader;
  /** The roles the SSO portal shows a user. */
  ssoPortal: SsoPortalReader;
}

/** Builds every repository over `db`; `record` collects the changes writes announce. */
export function makeRepos(db: Db, record: RecordChange): Repos {
  return {
    accounts: accountRepo(db, record),
    accessKeys: accessKeyRepo(db, record),
    sshPublicKeys: sshPublicKeyRepo(db),
    delegationRequests: delegationRequestRepo(db),
    serviceSpecificCredentials: serviceSpecificCredentialRepo(db),
    signingCertificates: signingCertificateRepo(db),
    serverCertificates: serverCertificateRepo(db, record),
    outboundWebIdentity: outboundWebIdentityRepo(db),
    users: userRepo(db, record),
    loginProfiles: loginProfileRepo(db, record),
    groups: groupRepo(db, record),
    roles: roleRepo(db, record),
    managedPolicies: managedPolicyRepo(db, record),
    inlinePolicies: inlinePolicyRepo(db, record),
    instanceProfiles: instanceProfileRepo(db, record),
    instances: instanceRepo(db, record),
    accountAliases: accountAliasRepo(db, record),
    trustPrincipalRefs: trustPrincipalRefRepo(db),
    samlAssertionUses: samlAssertionUseRepo(db),
    consoleSessions: consoleSessionRepo(db),
    serviceLinkedRoles: serviceLinkedRoleRepo(db),
    tags: tagRepo(db, record),
    effectivePolicies: effectivePolicyRepo(db),
    mfaDevices: mfaDeviceRepo(db, record),
    oidcProviders: oidcProviderRepo(db, record),
    sessionKeys: sessionKeyRepo(db, record),
    accountInventory: accountInventoryRepo(db),
    samlProviders: samlProviderRepo(db, record),
    credentialLockouts: credentialLockoutRepo(db),
    auditEvents: auditEventRepo(db),
    auditDelivery: auditDeliveryRepo(db),
    accessActivity: accessActivityRepo(db),
    credentialReports: credentialReportRepo(db),
    lastAccessedJobs: lastAccessedJobRepo(db),
    organizations: organizationRepo(db, record),
    orgPolicies: orgPolicyRepo(db, record),
    orgResourcePolicies: orgResourcePolicyRepo(db, record),
    analyzerFindings: analyzerFindingRepo(db),
    idcInstances: idcInstanceRepo(db),
    idcPermissionSets: idcPermissionSetRepo(db),
    idcAssignments: idcAssignmentRepo(db),
    identityStore: identityStoreRepo(db),
    ssoSignIn: ssoSignInRepo(db),
    ssoPortal: ssoPortalRepo(db),
  };
}

export type { AccessKeyRow, AccessKeyUse } from './access-keys.ts';
export type { AccountRow } from './accounts.ts';
export type {
  AccountCredentials,
  ReportAccessKey,
  ReportSigningCertificate,
  StoredCredentialReport,
} from './credential-reports.ts';
export type { UserRow } from './users.ts';
export type {
  OrganizationRow,
  OrgAccountRow,
  OrgCreateAccountRequestRow,
  OrgDelegatedAdminRow,
  OrgHandshakeRow,
  OrgServiceAccessRow,
  OrgUnitRow,
} from './organizations.ts';
export type { OrgAttachedPolicy, OrgPolicyRow, OrgPolicyTargetRow } from './org-policies.ts';
export type { OrgResourcePolicyRow } from './org-resource-policies.ts';
export type { AnalyzerFindingRow, AnalyzerRow, ArchiveRuleRow } from './analyzer-findings.ts';
export type { IdcInstanceRow } from './idc-instances.ts';
export type { IdcPermissionSetRow } from './idc-permission-sets.ts';
export type {
  AssignmentQuery,
  IdcAssignmentRow,
  IdcProvisionedRow,
  IdcRequestRow,
} from './idc-assignments.ts';
export type {
  DirectoryGroupRow,
  DirectoryUserRow,
  GroupMembershipRow,
  NewDirectoryUser,
} from './identity-store.ts';
export type { ReachableRole } from './sso-portal.ts';
export type {
  SignInCredentialPatch,
  SignInUserRow,
  SsoAuthorizationCodeRow,
  SsoDeviceAuthorizationRow,
  SsoOidcClientRow,
  SsoTokenRow,
  SsoWebSessionRow,
} from './sso-sign-in.ts';
export type { ManagedPolicyRow } from './managed-policies.ts';
export type { RoleRow, RoleUse } from './roles.ts';
export type { GroupRow } from './groups.ts';
export type { LoginProfileRow } from './login-profiles.ts';
export type { TagPair } from './tags.ts';
export type { KeysetPage } from './db.ts';
export type { AccessActivity, AccessActivityReader, AccessActivityRepo } from './access-activity.ts';
export type { LastAccessedGranularity, LastAccessedJob } from './last-accessed-jobs.ts';
export type {
  AuditDeliveryReader,
  AuditDeliveryRepo,
  AuditDeliveryState,
  AuditSigningKey,
  PendingLogFile,
} from './audit-delivery.ts';
export type {
  AuditCursor,
  AuditEventReader,
  AuditEventRecord,
  AuditEventRepo,
  AuditLookup,
  LookupAttributeKey,
} from './audit-events.ts';
