// The store layer's public face: open a Store from configuration.
import path from 'node:path';
import { ensureDataDir, warnLooseModes } from './data-directory.ts';
import { openPostgresStore } from './postgres/connect.ts';
import { openSqliteStore } from './sqlite/connect.ts';
import type { KyselyStore } from './kysely-store.ts';

export type { Store, Change, PoolStats, StoreDialect } from './store.ts';
export type {
  AccessActivity,
  AccessActivityRepo,
  AuditCursor,
  AuditDeliveryRepo,
  AuditDeliveryState,
  AuditSigningKey,
  PendingLogFile,
  AuditEventRecord,
  AuditEventRepo,
  AuditLookup,
  LookupAttributeKey,
  ReadRepos,
  Repos,
} from './repos/index.ts';
export type { KyselyStore } from './kysely-store.ts';
export { isUniqueViolation, onUniqueViolation } from './unique-violation.ts';
export { ensureDataDir } from './data-directory.ts';

/**
 * A `postgres://` URL selects PostgreSQL; otherwise SQLite in `dataDir/tessera.db`. The data directory is
 * created 0700 and the database files 0600; a warning line names each that is looser.
 */
export async function openStore(opts: { databaseUrl?: string; dataDir: string }): Promise<KyselyStore> {
  if (opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl)) {
    // the data directory still holds the master key and root credentials
    warnLooseModes(opts.dataDir, []);
    return openPostgresStore(opts.databaseUrl);
  }
  ensureDataDir(opts.dataDir);
  const file = path.join(opts.dataDir, 'tessera.db');
  const store = await openSqliteStore(file);
  warnLooseModes(opts.dataDir, [file, `${file}-wal`, `${file}-shm`]);
  return store;
}
export type { AttachableEntity, TaggableResource } from './database.ts';
export type {
  AttachedPolicyEntry,
  EntityCounts,
  InlinePolicyEntry,
  InventoryGroupRow,
  InventoryPolicyRow,
  InventoryPolicyVersionRow,
  InventoryRoleRow,
} from './repos/account-inventory.ts';
export type { CredentialLockoutRow } from './repos/credential-lockouts.ts';
export type { SshPublicKeyRow } from './repos/ssh-public-keys.ts';
export type { DelegationRequestRow, DelegationRequestChange } from './repos/delegation-requests.ts';
export type { ConsoleSessionRow, ConsoleRootPasswordRow } from './repos/console-sessions.ts';
export type { DelegationRequestState } from './database.ts';
export type {
  ServiceSpecificCredentialListing,
  ServiceSpecificCredentialRow,
} from './repos/service-specific-credentials.ts';
export type { SigningCertificateRow } from './repos/signing-certificates.ts';
export type { ServerCertificatePatch, ServerCertificateRow } from './repos/server-certificates.ts';
export type { OutboundWebIdentityRow, WebIdentitySigningKeyRow } from './repos/outbound-web-identity.ts';
export type { PolicyDocumentRow, PolicyHolder } from './repos/effective-policies.ts';
export type {
  AccessKeyRow,
  AccessKeyUse,
  AccountCredentials,
  AccountRow,
  GroupRow,
  LastAccessedGranularity,
  LastAccessedJob,
  LoginProfileRow,
  ManagedPolicyRow,
  ReportAccessKey,
  ReportSigningCertificate,
  RoleRow,
  RoleUse,
  TagPair,
  UserRow,
  OrganizationRow,
  OrgAccountRow,
  OrgAttachedPolicy,
  OrgCreateAccountRequestRow,
  OrgDelegatedAdminRow,
  OrgHandshakeRow,
  OrgPolicyRow,
  OrgPolicyTargetRow,
  OrgResourcePolicyRow,
  OrgServiceAccessRow,
  OrgUnitRow,
  AnalyzerFindingRow,
  AnalyzerRow,
  ArchiveRuleRow,
  IdcInstanceRow,
  IdcPermissionSetRow,
  AssignmentQuery,
  IdcAssignmentRow,
  IdcProvisionedRow,
  IdcRequestRow,
  DirectoryGroupRow,
  DirectoryUserRow,
  GroupMembershipRow,
  NewDirectoryUser,
  ReachableRole,
  SignInCredentialPatch,
  SignInUserRow,
  SsoAuthorizationCodeRow,
  SsoDeviceAuthorizationRow,
  SsoOidcClientRow,
  SsoTokenRow,
  SsoWebSessionRow,
} from './repos/index.ts';
export type { InstanceProfileRoleRow, InstanceProfileRow } from './repos/instance-profiles.ts';
export type { InstanceRow } from './repos/instances.ts';
export type {
  AttachedPolicyRow,
  ManagedPolicyUsage,
  PolicyEntity,
  PolicyVersionRow,
} from './repos/managed-policies.ts';
export type { MfaAssignment, MfaDeviceRow } from './repos/mfa-devices.ts';
export type { OidcProviderRow } from './repos/oidc-providers.ts';
export type { SamlProviderRow } from './repos/saml-providers.ts';
export type { DeletionTaskRow } from './repos/service-linked-roles.ts';
