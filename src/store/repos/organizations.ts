// Organizations' tree: each organization with its root, its OUs and member accounts, plus what hangs
// off it (trusted services, delegated administrators, account-creation requests, invitations). Every
// write announces an `organization` change (keyed by the organization's id), which drops every cached
// organization view.
import type { Selectable, Updateable } from 'kysely';
import type {
  OrgAccountsTable,
  OrgCreateAccountRequestsTable,
  OrgDelegatedAdminsTable,
  OrgHandshakesTable,
  OrganizationsTable,
  OrgServiceAccessTable,
  OrgUnitsTable,
} from '../database.ts';
import type { Db, RecordChange } from './db.ts';

export type OrganizationRow = Selectable<OrganizationsTable>;
export type OrgUnitRow = Selectable<OrgUnitsTable>;
export type OrgAccountRow = Selectable<OrgAccountsTable>;
export type OrgHandshakeRow = Selectable<OrgHandshakesTable>;
export type OrgCreateAccountRequestRow = Selectable<OrgCreateAccountRequestsTable>;
export type OrgServiceAccessRow = Selectable<OrgServiceAccessTable>;
export type OrgDelegatedAdminRow = Selectable<OrgDelegatedAdminsTable>;

/** Reading organizations and their trees. */
export interface OrganizationReader {
  byId(orgId: string): Promise<OrganizationRow | undefined>;
  /** The organization whose management account this is. */
  managedBy(accountId: string): Promise<OrganizationRow | undefined>;
  /** The organization an account belongs to, as its management account or a member. */
  ofAccount(accountId: string): Promise<OrganizationRow | undefined>;
  /** An account's membership (the management account has one too), or undefined. */
  member(accountId: string): Promise<OrgAccountRow | undefined>;
  /** The organization's accounts, ordered by id; under one parent when `parentId` is given. */
  members(orgId: string, parentId?: string): Promise<OrgAccountRow[]>;
  unit(ouId: string): Promise<OrgUnitRow | undefined>;
  /** The organization's OUs, ordered by id; under one parent when `parentId` is given. */
  units(orgId: string, parentId?: string): Promise<OrgUnitRow[]>;
  handshake(handshakeId: string): Promise<OrgHandshakeRow | undefined>;
  /** Invitations sent to an account, newest first. */
  handshakesForAccount(accountId: string): Promise<OrgHandshakeRow[]>;
  /** Invitations an organization sent, newest first. */
  handshakesOfOrganization(orgId: string): Promise<OrgHandshakeRow[]>;
  createAccountRequest(requestId: string): Promise<OrgCreateAccountRequestRow | undefined>;
  /** An organization's CreateAccount requests, newest first. */
  createAccountRequests(orgId: string): Promise<OrgCreateAccountRequestRow[]>;
  /** The services the organization trusts, ordered by principal. */
  serviceAccess(orgId: string): Promise<OrgServiceAccessRow[]>;
  /** Delegated administrators, ordered by account and service. */
  delegatedAdmins(orgId: string): Promise<OrgDelegatedAdminRow[]>;
}

/** Organizations, read and written. */
export interface OrganizationRepo extends OrganizationReader {
  insert(row: OrganizationRow): Promise<void>;
  update(orgId: string, patch: Updateable<OrganizationsTable>): Promise<void>;
  /** Deletes the organization and everything that hangs off it (its policies included). */
  delete(orgId: string): Promise<void>;
  insertUnit(row: OrgUnitRow): Promise<void>;
  renameUnit(orgId: string, ouId: string, name: string): Promise<void>;
  deleteUnit(orgId: string, ouId: string): Promise<void>;
  insertMember(row: OrgAccountRow): Promise<void>;
  updateMember(orgId: string, accountId: string, patch: Updateable<OrgAccountsTable>): Promise<void>;
  deleteMember(orgId: string, accountId: string): Promise<void>;
  insertHandshake(row: OrgHandshakeRow): Promise<void>;
  /**
   * Moves a handshake from state `from` to `to`; false (and nothing changed) when it was no longer in
   * `from`, because a racing accept, decline or cancel moved it first.
   */
  setHandshakeState(
    orgId: string,
    handshakeId: string,
    from: OrgHandshakeRow['state'],
    to: OrgHandshakeRow['state'],
  ): Promise<boolean>;
  insertCreateAccountRequest(row: OrgCreateAccountRequestRow): Promise<void>;
  enableServiceAccess(row: OrgServiceAccessRow): Promise<void>;
  disableServiceAccess(orgId: string, servicePrincipal: string): Promise<void>;
  registerDelegatedAdmin(row: OrgDelegatedAdminRow): Promise<void>;
  deregisterDelegatedAdmin(orgId: string, accountId: string, servicePrincipal: string): Promise<void>;
}

export function organizationRepo(db: Db, record: RecordChange): OrganizationRepo {
  const changed = (orgId: string) => record({ accountId: orgId, entity: 'organization', id: orgId });
  return {
    byId: (orgId) =>
      db.selectFrom('organizations').selectAll().where('org_id', '=', orgId).executeTakeFirst(),
    managedBy: (accountId) =>
      db
        .selectFrom('organizations')
        .selectAll()
        .where('management_account_id', '=', accountId)
        .executeTakeFirst(),
    ofAccount: (accountId) =>
      db
        .selectFrom('organizations')
        .selectAll('organizations')
        .innerJoin('org_accounts', 'org_accounts.org_id', 'organizations.org_id')
        .where('org_accounts.account_id', '=', accountId)
        .executeTakeFirst(),
    member: (accountId) =>
      db.selectFrom('org_accounts').selectAll().where('account_id', '=', accountId).executeTakeFirst(),
    members(orgId, parentId) {
      let q = db.selectFrom('org_accounts').selectAll().where('org_id', '=', orgId);
      if (parentId !== undefined) q = q.where('parent_id', '=', parentId);
      return q.orderBy('account_id').execute();
    },
    unit: (ouId) => db.selectFrom('org_units').selectAll().where('ou_id', '=', ouId).executeTakeFirst(),
    units(orgId, parentId) {
      let q = db.selectFrom('org_units').selectAll().where('org_id', '=', orgId);
      if (parentId !== undefined) q = q.where('parent_id', '=', parentId);
      return q.orderBy('ou_id').execute();
    },
    handshake: (handshakeId) =>
      db.selectFrom('org_handshakes').selectAll().where('handshake_id', '=', handshakeId).executeTakeFirst(),
    handshakesForAccount: (accountId) =>
      db
        .selectFrom('org_handshakes')
        .selectAll()
        .where('target_account_id', '=', accountId)
        .orderBy('requested_at', 'desc')
        .orderBy('handshake_id')
        .execute(),
    handshakesOfOrganization: (orgId) =>
      db
        .selectFrom('org_handshakes')
        .selectAll()
        .where('org_id', '=', orgId)
        .orderBy('requested_at', 'desc')
        .orderBy('handshake_id')
        .execute(),
    createAccountRequest: (requestId) =>
      db
        .selectFrom('org_create_account_requests')
        .selectAll()
        .where('request_id', '=', requestId)
        .executeTakeFirst(),
    createAccountRequests: (orgId) =>
      db
        .selectFrom('org_create_account_requests')
        .selectAll()
        .where('org_id', '=', orgId)
        .orderBy('requested_at', 'desc')
        .orderBy('request_id')
        .execute(),
    serviceAccess: (orgId) =>
      db
        .selectFrom('org_service_access')
        .selectAll()
        .where('org_id', '=', orgId)
        .orderBy('service_principal')
        .execute(),
    delegatedAdmins: (orgId) =>
      db
        .selectFrom('org_delegated_admins')
        .selectAll()
        .where('org_id', '=', orgId)
        .orderBy('account_id')
        .orderBy('service_principal')
        .execute(),

    async insert(row) {
      await db.insertInto('organizations').values(row).execute();
      changed(row.org_id);
    },
    async update(orgId, patch) {
      await db.updateTable('organizations').set(patch).where('org_id', '=', orgId).execute();
      changed(orgId);
    },
    async delete(orgId) {
      for (const table of [
        'org_resource_policies',
        'org_handshakes',
        'org_create_account_requests',
        'org_delegated_admins',
        'org_service_access',
        'org_policy_targets',
        'org_policies',
        'org_accounts',
        'org_units',
        'organizations',
      ] as const)
        await db.deleteFrom(table).where('org_id', '=', orgId).execute();
      changed(orgId);
    },
    async insertUnit(row) {
      await db.insertInto('org_units').values(row).execute();
      changed(row.org_id);
    },
    async renameUnit(orgId, ouId, name) {
      await db.updateTable('org_units').set({ name }).where('ou_id', '=', ouId).execute();
      changed(orgId);
    },
    async deleteUnit(orgId, ouId) {
      await db.deleteFrom('org_units').where('ou_id', '=', ouId).execute();
      changed(orgId);
    },
    async insertMember(row) {
      await db.insertInto('org_accounts').values(row).execute();
      changed(row.org_id);
    },
    async updateMember(orgId, accountId, patch) {
      await db.updateTable('org_accounts').set(patch).where('account_id', '=', accountId).execute();
      changed(orgId);
    },
    async deleteMember(orgId, accountId) {
      await db.deleteFrom('org_accounts').where('account_id', '=', accountId).execute();
      changed(orgId);
    },
    async insertHandshake(row) {
      await db.insertInto('org_handshakes').values(row).execute();
      changed(row.org_id);
    },
    async setHandshakeState(orgId, handshakeId, from, to) {
      const r = await db
        .updateTable('org_handshakes')
        .set({ state: to })
        .where('handshake_id', '=', handshakeId)
        .where('state', '=', from)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) return false;
      changed(orgId);
      return true;
    },
    async insertCreateAccountRequest(row) {
      await db.insertInto('org_create_account_requests').values(row).execute();
      changed(row.org_id);
    },
    async enableServiceAccess(row) {
      await db
        .insertInto('org_service_access')
        .values(row)
        .onConflict((oc) => oc.columns(['org_id', 'service_principal']).doNothing())
        .execute();
      changed(row.org_id);
    },
    async disableServiceAccess(orgId, servicePrincipal) {
      await db
        .deleteFrom('org_service_access')
        .where('org_id', '=', orgId)
        .where('service_principal', '=', servicePrincipal)
        .execute();
      changed(orgId);
    },
    async registerDelegatedAdmin(row) {
      await db.insertInto('org_delegated_admins').values(row).execute();
      changed(row.org_id);
    },
    async deregisterDelegatedAdmin(orgId, accountId, servicePrincipal) {
      await db
        .deleteFrom('org_delegated_admins')
        .where('org_id', '=', orgId)
        .where('account_id', '=', accountId)
        .where('service_principal', '=', servicePrincipal)
        .execute();
      changed(orgId);
    },
  };
}
