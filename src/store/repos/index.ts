// All repositories, built over one Kysely handle (a transaction for writes).
import type { Db, RecordChange } from './db.ts';
import { accessKeyRepo } from './access-keys.ts';
import { accountAliasRepo } from './account-aliases.ts';
import { accountInventoryRepo } from './account-inventory.ts';
import { accountRepo } from './accounts.ts';
import { auditEventRepo } from './audit-events.ts';
import { accessActivityRepo } from './access-activity.ts';
import { credentialLockoutRepo } from './credential-lockouts.ts';
import { effectivePolicyRepo } from './effective-policies.ts';
import { groupRepo } from './groups.ts';
import { inlinePolicyRepo } from './inline-policies.ts';
import { instanceProfileRepo } from './instance-profiles.ts';
import { instanceRepo } from './instances.ts';
import { loginProfileRepo } from './login-profiles.ts';
import { managedPolicyRepo } from './managed-policies.ts';
import { mfaDeviceRepo } from './mfa-devices.ts';
import { oidcProviderRepo } from './oidc-providers.ts';
import { roleRepo } from './roles.ts';
import { samlProviderRepo } from './saml-providers.ts';
import { sessionKeyRepo } from './session-keys.ts';
import { serviceLinkedRoleRepo } from './service-linked-roles.ts';
import { tagRepo } from './tags.ts';
import { userRepo } from './users.ts';

export function makeRepos(db: Db, record: RecordChange) {
  return {
    accounts: accountRepo(db, record),
    accessKeys: accessKeyRepo(db, record),
    users: userRepo(db, record),
    loginProfiles: loginProfileRepo(db, record),
    groups: groupRepo(db, record),
    roles: roleRepo(db, record),
    managedPolicies: managedPolicyRepo(db, record),
    inlinePolicies: inlinePolicyRepo(db, record),
    instanceProfiles: instanceProfileRepo(db, record),
    instances: instanceRepo(db, record),
    accountAliases: accountAliasRepo(db, record),
    serviceLinkedRoles: serviceLinkedRoleRepo(db, record),
    tags: tagRepo(db, record),
    effectivePolicies: effectivePolicyRepo(db),
    mfaDevices: mfaDeviceRepo(db, record),
    oidcProviders: oidcProviderRepo(db, record),
    sessionKeys: sessionKeyRepo(db, record),
    accountInventory: accountInventoryRepo(db, record),
    samlProviders: samlProviderRepo(db, record),
    credentialLockouts: credentialLockoutRepo(db),
    auditEvents: auditEventRepo(db),
    accessActivity: accessActivityRepo(db),
  };
}
export type Repos = ReturnType<typeof makeRepos>;
export type { AccessKeyRow, AccessKeyUse } from './access-keys.ts';
export type { AccountRow } from './accounts.ts';
export type { UserRow } from './users.ts';
export type { ManagedPolicyRow } from './managed-policies.ts';
export type { RoleRow, RoleUse } from './roles.ts';
export type { GroupRow } from './groups.ts';
export type { LoginProfileRow } from './login-profiles.ts';
export type { TagPair } from './tags.ts';
export type { KeysetPage } from './db.ts';
export type { AccessActivity, AccessActivityRepo } from './access-activity.ts';
export type {
  AuditCursor,
  AuditEventRecord,
  AuditEventRepo,
  AuditLookup,
  LookupAttributeKey,
} from './audit-events.ts';
