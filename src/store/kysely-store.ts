// The Store implemented once over Kysely for both dialects; the dialect folders supply the
// connection, the account write lock and the cross-node change feed.
import type { Kysely } from 'kysely';
import { Migrator, sql, type Transaction } from 'kysely';
import type { Database } from './database.ts';
import { migrationProvider } from './migrations/index.ts';
import { makeRepos, type ReadRepos, type Repos } from './repos/index.ts';
import type { Change, PoolStats, Store, StoreDialect, StoreHealth } from './store.ts';

export interface DialectHooks {
  dialect: StoreDialect;
  /** The schema that holds Tessera's tables (PostgreSQL), when not the default one. */
  schema?: string;
  /** Takes the account's write lock inside `trx` (PostgreSQL: a row lock; SQLite: writes are serial). */
  lockAccount(trx: Transaction<Database>, accountId: string): Promise<void>;
  /**
   * Publishes changes to other nodes and processes, inside the write transaction so that they are
   * announced exactly when (and only if) the transaction commits.
   */
  publish?(trx: Transaction<Database>, changes: readonly Change[]): Promise<void>;
  /**
   * Subscribes to changes committed by other nodes; `publishedAt` (ms since the epoch) is when the
   * publishing transaction wrote them, for the feed's lag.
   */
  subscribe?(deliver: (changes: readonly Change[], publishedAt?: number) => void): Promise<void>;
  /** The change feed's listening connection: 'reconnecting' while other nodes cannot be heard. */
  feedState?(): 'listening' | 'reconnecting' | 'closed' | undefined;
  /**
   * Takes the write lock at the start of a record write (SQLite), so that a transaction that reads
   * before it writes never finds another connection's commit in between (SQLITE_BUSY_SNAPSHOT).
   */
  lockRecords?(trx: Transaction<Database>): Promise<void>;
  /**
   * Runs a batch of writes that read nothing in one transaction off the request thread (SQLite: a
   * worker thread with its own connection). Without it, appendRecords is writeRecords.
   */
  appendRecords?(run: (db: Kysely<Database>) => Promise<void>): Promise<void>;
  /** The connection pool's use (PostgreSQL); SQLite has one connection and no pool. */
  poolStats?(): PoolStats;
  close?(): Promise<void>;
}

const TABLES_IN_DELETE_ORDER: (keyof Database)[] = [
  'finding_recommendations',
  'analyzer_findings',
  'analyzer_archive_rules',
  'analyzers',
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
  'access_activity',
  'service_last_accessed_jobs',
  'credential_reports',
  'audit_delivery',
  'audit_signing_keys',
  'audit_event_resources',
  'audit_events',
  'credential_lockouts',
  'instances',
  'saml_providers',
  'oidc_providers',
  'mfa_devices',
  'service_linked_role_deletions',
  'account_aliases',
  'instance_profile_roles',
  'instance_profiles',
  'tags',
  'inline_policies',
  'policy_attachments',
  'policy_versions',
  'managed_policies',
  'group_members',
  'groups',
  'login_profiles',
  'password_policies',
  'access_keys',
  'ssh_public_keys',
  'delegation_requests',
  'service_specific_credentials',
  'signing_certificates',
  'server_certificates',
  'outbound_web_identity',
  'trust_principal_refs',
  'saml_assertion_uses',
  'console_sessions',
  'console_root_passwords',
  'roles',
  'users',
  'accounts',
];

/**
 * Tries of the migrator's catalogue read. Many schemas dropped at once (a test suite's teardown, an
 * operator's cleanup) can fail several reads in a row; the waits between tries add up to about 3 s.
 */
const MIGRATION_ATTEMPTS = 10;

function refuseChange(): never {
  throw new Error('a record write recorded a change');
}

function newMigrator(db: Kysely<Database>, schema: string | undefined): Migrator {
  return new Migrator({
    db,
    provider: migrationProvider,
    // a migration numbered below one already applied (two features landing in either order) still runs
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

export class KyselyStore implements Store {
  readonly dialect: StoreDialect;
  /** Told the lag, in seconds, of each change delivered from another node or process (metrics). */
  feedLag: ((seconds: number) => void) | undefined;
  private readonly listeners = new Set<(changes: readonly Change[]) => void>();

  private constructor(
    private readonly db: Kysely<Database>,
    private readonly hooks: DialectHooks,
  ) {
    this.dialect = hooks.dialect;
  }

  /** Opens the store and brings its schema up to date. */
  static async open(db: Kysely<Database>, hooks: DialectHooks): Promise<KyselyStore> {
    // Kysely's migrator reads the database's catalogue of every schema: a schema dropped by someone
    // else at that moment (another node's test, an operator) fails the read, so it is tried again
    for (let attempt = 1; ; attempt++) {
      const { error } = await newMigrator(db, hooks.schema).migrateToLatest();
      if (!error) break;
      if (attempt >= MIGRATION_ATTEMPTS) throw error instanceof Error ? error : new Error(String(error));
      await new Promise((resolve) => setTimeout(resolve, 60 * attempt));
    }
    const store = new KyselyStore(db, hooks);
    await hooks.subscribe?.((changes, publishedAt) => {
      if (publishedAt !== undefined) store.feedLag?.(Math.max(0, Date.now() - publishedAt) / 1000);
      store.emit(changes);
    });
    return store;
  }

  async write<T>(accountId: string | readonly string[], fn: (repos: Repos) => Promise<T>): Promise<T> {
    const changes: Change[] = [];
    // one order for every writer that holds several locks: none waits for a lock another holds while it waits
    const locks = typeof accountId === 'string' ? [accountId] : [...new Set(accountId)].sort();
    const result = await this.db.transaction().execute(async (trx) => {
      for (const id of locks) await this.hooks.lockAccount(trx, id);
      const out = await fn(makeRepos(trx, (c) => changes.push(c)));
      if (changes.length > 0) await this.hooks.publish?.(trx, changes);
      return out;
    });
    if (changes.length > 0) this.emit(changes);
    return result;
  }

  read<T>(fn: (repos: ReadRepos) => Promise<T>): Promise<T> {
    // the full set, typed as its reading half; a write cast past the type still fails if it announces
    return fn(
      makeRepos(this.db, () => {
        throw new Error('a read recorded a change');
      }),
    );
  }

  async writeRecords<T>(fn: (repos: Repos) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      await this.hooks.lockRecords?.(trx);
      return fn(makeRepos(trx, refuseChange));
    });
  }

  appendRecords(fn: (repos: Repos) => Promise<void>): Promise<void> {
    const append = this.hooks.appendRecords;
    if (append === undefined) return this.writeRecords(fn);
    return append((db) => fn(makeRepos(db, refuseChange)));
  }

  onChange(listener: (changes: readonly Change[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(changes: readonly Change[]): void {
    for (const l of this.listeners) l(changes);
  }

  async truncateAll(): Promise<void> {
    const all: Change[] = [{ accountId: '*', entity: 'all' }];
    await this.db.transaction().execute(async (trx) => {
      for (const t of TABLES_IN_DELETE_ORDER) await trx.deleteFrom(t).execute();
      await this.hooks.publish?.(trx, all);
    });
    this.emit(all);
  }

  /** The connection pool's use, where there is a pool (PostgreSQL). */
  poolStats(): PoolStats | undefined {
    return this.hooks.poolStats?.();
  }

  async health(): Promise<StoreHealth> {
    // caches are flushed every second meanwhile, but changes of other nodes are not heard
    if (this.hooks.feedState?.() === 'reconnecting')
      return { ready: false, reason: 'change feed connection lost; reconnecting' };
    try {
      const migrations = await this.migrator().getMigrations();
      const pending = migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
      return pending.length === 0
        ? { ready: true }
        : { ready: false, reason: `migrations not applied: ${pending.join(', ')}` };
    } catch (err) {
      return {
        ready: false,
        reason: `database unreachable: ${err instanceof Error ? err.message : 'error'}`,
      };
    }
  }

  private migrator(): Migrator {
    return newMigrator(this.db, this.hooks.schema);
  }

  async close(): Promise<void> {
    await this.hooks.close?.();
    await this.db.destroy();
  }

  /** For tests that prove what is (and is not) stored: raw rows of a table. */
  async rawRows(table: keyof Database): Promise<Record<string, unknown>[]> {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(this.db);
    return rows;
  }
}
