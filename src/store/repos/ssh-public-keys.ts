// SSH public keys of IAM users (for CodeCommit): public material only, so nothing is sealed. No cache
// depends on them, so writes announce no change.
import type { Selectable } from 'kysely';
import type { SshPublicKeysTable } from '../database.ts';
import type { Db } from './db.ts';

export type SshPublicKeyRow = Selectable<SshPublicKeysTable>;

/** Reading SSH public keys. */
export interface SshPublicKeyReader {
  /** The key with this id (in any account), or undefined. */
  get(sshPublicKeyId: string): Promise<SshPublicKeyRow | undefined>;
  /** The keys of a user, oldest first. */
  listFor(userId: string): Promise<SshPublicKeyRow[]>;
}

/** SSH public keys, read and written. */
export interface SshPublicKeyRepo extends SshPublicKeyReader {
  /** Stores a new key; a fingerprint the user already has is a unique violation. */
  insert(row: SshPublicKeyRow): Promise<void>;
  /** Sets a key's status (Active or Inactive). */
  setStatus(sshPublicKeyId: string, status: SshPublicKeyRow['status']): Promise<void>;
  /** Deletes a key; nothing happens for an id not stored. */
  delete(sshPublicKeyId: string): Promise<void>;
}

export function sshPublicKeyRepo(db: Db): SshPublicKeyRepo {
  return {
    get: (id) =>
      db.selectFrom('ssh_public_keys').selectAll().where('ssh_public_key_id', '=', id).executeTakeFirst(),
    listFor: (userId) =>
      db
        .selectFrom('ssh_public_keys')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('uploaded_at')
        .orderBy('ssh_public_key_id')
        .execute(),
    async insert(row) {
      await db.insertInto('ssh_public_keys').values(row).execute();
    },
    async setStatus(id, status) {
      await db.updateTable('ssh_public_keys').set({ status }).where('ssh_public_key_id', '=', id).execute();
    },
    async delete(id) {
      await db.deleteFrom('ssh_public_keys').where('ssh_public_key_id', '=', id).execute();
    },
  };
}
