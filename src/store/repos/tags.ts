// Tags of any taggable resource, read sorted by key (regardless of case: keys are unique regardless of
// case, as IAM treats them), the order AWS documents for List…Tags and gives in Get… responses too.
import type { TaggableResource } from '../database.ts';
import type { Db, RecordChange } from './db.ts';
import type { Change } from '../store.ts';

export interface TagPair {
  Key: string;
  Value: string;
}

/** Reading tags. */
export interface TagReader {
  /** The resource's tags, sorted by key regardless of case. */
  list(type: TaggableResource, id: string): Promise<TagPair[]>;
}

/** Tags, read and written; `put` and `remove` announce the `change` their caller passes. */
export interface TagRepo extends TagReader {
  /** Adds or overwrites tags; an existing key (any case) keeps its place and takes the new value. */
  put(change: Change, type: TaggableResource, id: string, tags: readonly TagPair[]): Promise<void>;
  /** Removes the tags with these keys (any case); an empty list changes and announces nothing. */
  remove(change: Change, type: TaggableResource, id: string, keys: readonly string[]): Promise<void>;
  /**
   * Removes every tag of a resource being deleted; nothing is announced (the deletion announces
   * the resource's change).
   */
  removeAll(type: TaggableResource, id: string): Promise<void>;
}

export function tagRepo(db: Db, record: RecordChange): TagRepo {
  return {
    async list(type, id) {
      const rows = await db
        .selectFrom('tags')
        .select(['tag_key', 'tag_value'])
        .where('resource_type', '=', type)
        .where('resource_id', '=', id)
        .orderBy('key_lower')
        .execute();
      return rows.map((r) => ({ Key: r.tag_key, Value: r.tag_value }));
    },
    async put(change, type, id, tags) {
      const existing = await db
        .selectFrom('tags')
        .select(['key_lower', 'position'])
        .where('resource_type', '=', type)
        .where('resource_id', '=', id)
        .execute();
      const known = new Set(existing.map((r) => r.key_lower));
      let next = existing.reduce((m, r) => Math.max(m, r.position), 0) + 1;
      for (const t of tags) {
        const keyLower = t.Key.toLowerCase();
        if (known.has(keyLower)) {
          await db
            .updateTable('tags')
            .set({ tag_key: t.Key, tag_value: t.Value })
            .where('resource_type', '=', type)
            .where('resource_id', '=', id)
            .where('key_lower', '=', keyLower)
            .execute();
        } else {
          known.add(keyLower);
          await db
            .insertInto('tags')
            .values({
              resource_type: type,
              resource_id: id,
              tag_key: t.Key,
              key_lower: keyLower,
              tag_value: t.Value,
              position: next++,
            })
            .execute();
        }
      }
      record(change);
    },
    async remove(change, type, id, keys) {
      if (keys.length === 0) return;
      await db
        .deleteFrom('tags')
        .where('resource_type', '=', type)
        .where('resource_id', '=', id)
        .where(
          'key_lower',
          'in',
          keys.map((k) => k.toLowerCase()),
        )
        .execute();
      record(change);
    },
    async removeAll(type, id) {
      await db.deleteFrom('tags').where('resource_type', '=', type).where('resource_id', '=', id).execute();
    },
  };
}
