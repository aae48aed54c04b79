// The storage contract. Everything durable goes through a Store: reads, and writes that each run
// in one transaction and announce what they changed so that caches (in this process, and through
// the change feed on other nodes) drop what became stale. The repositories a callback receives are
// declared in repos/index.ts: `Repos` for writes, its reading half `ReadRepos` for reads.
import type { ReadRepos, Repos } from './repos/index.ts';

/** What a committed write touched; caches keyed by account drop their entries for it. */
export interface Change {
  accountId: string;
  entity:
    | 'account'
    | 'access-key'
    | 'user'
    | 'login-profile'
    | 'password-policy'
    | 'group'
    | 'role'
    | 'policy'
    | 'instance-profile'
    | 'oidc-provider'
    | 'alias'
    | 'session-key'
    | 'saml-provider'
    /** A server certificate or its tags (no cache depends on them). */
    | 'server-certificate'
    /** Anything in an organization: its tree, policies, attachments, trusted services, features. */
    | 'organization'
    | 'all';
  id?: string;
}

export type StoreDialect = 'sqlite' | 'postgres';

/** A connection pool's use: connections open, idle among them, and callers waiting for one. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface StoreHealth {
  ready: boolean;
  /** Why not, in a few words (no connection details). */
  reason?: string;
}

export interface Store {
  readonly dialect: StoreDialect;
  /**
   * Runs `fn` in one write transaction that holds the account's write lock, so quota counts and
   * existence checks inside it cannot race another writer of the same account. `fn` gets every
   * repository (`Repos`: reading and writing methods), all bound to the transaction. Commits when
   * `fn` resolves, rolls back when it throws (a unique violation thrown by a repository included);
   * the changes it recorded are announced after commit. Given several accounts (a write that spans
   * them, such as Identity Center provisioning roles into member accounts), it holds every one's lock,
   * taken in account-id order so that two such writers cannot deadlock.
   */
  write<T>(accountId: string | readonly string[], fn: (repos: Repos) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` in one transaction without any account lock and without announcing changes: for records
   * no cache depends on (audit events, last-used data), written in batches off the request path.
   * `fn` gets every repository (`Repos`), but a write that would announce a change throws.
   */
  writeRecords<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
  /**
   * As writeRecords, for a batch that only writes (reads nothing back): on SQLite it runs in a worker
   * thread with its own connection, so the request thread does not insert and commit it.
   */
  appendRecords(fn: (repos: Repos) => Promise<void>): Promise<void>;
  /**
   * Runs `fn` against committed data, outside any write lock and outside a transaction (each query
   * sees what was committed when it ran). `fn` gets the read-only view `ReadRepos`: the reading half
   * of every repository, so that a write cannot slip into a read; one that must write uses `write`.
   */
  read<T>(fn: (repos: ReadRepos) => Promise<T>): Promise<T>;
  /** Registers a listener for committed changes (from this node and, on PostgreSQL, others). */
  onChange(listener: (changes: readonly Change[]) => void): () => void;
  /** Deletes every row (dev mode's reset); the caller re-creates the default account. */
  truncateAll(): Promise<void>;
  /**
   * Whether the store can serve: the database answers and every migration this code knows is
   * applied. Never throws; an unreachable database is `{ ready: false, reason }`.
   */
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}
