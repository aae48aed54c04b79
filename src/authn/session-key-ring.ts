// The ring of session-token keys: the newest seals new tokens, every key not yet pruned opens old
// ones, so rotation never breaks a live session. Keys live in the store sealed under the master
// key, so every node shares them; a rotation anywhere reaches the others through the change feed.
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/index.ts';
import type { Sealer } from '../crypto/index.ts';
import { type SessionKey } from './session-token.ts';

export const SESSION_KEY_PURPOSE = 'session-key';
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** The longest a session lives (GetSessionToken's 36 hours): older keys may be pruned after it. */
export const LONGEST_SESSION_SECONDS = 129_600;

function newKeyId(): string {
  const bytes = randomBytes(8);
  let id = '';
  for (const b of bytes) id += ID_ALPHABET[b % ID_ALPHABET.length];
  return id;
}

/** How often a token naming an unknown key may make the ring reload. */
const MISS_RELOAD_INTERVAL_MS = 1_000;

export class SessionKeyRing {
  private keys = new Map<string, Buffer>();
  private current: SessionKey | undefined;

  private lastMissReload = -Infinity;

  private constructor(
    private readonly store: Store,
    private readonly sealer: Sealer,
  ) {}

  /** Loads the ring, creating its first key if there is none, and follows rotations. */
  static async open(store: Store, sealer: Sealer, now: Date): Promise<SessionKeyRing> {
    const ring = new SessionKeyRing(store, sealer);
    await ring.reload();
    if (!ring.current) {
      await rotateSessionKeys(store, sealer, now);
      await ring.reload();
    }
    store.onChange((changes) => {
      // with the database unreachable the keys held stay in use; the next change or flush reloads
      if (changes.some((c) => c.entity === 'session-key' || c.entity === 'all'))
        ring.reload().catch(() => undefined);
    });
    return ring;
  }

  async reload(): Promise<void> {
    const rows = await this.store.read((r) => r.sessionKeys.list());
    const keys = new Map<string, Buffer>();
    for (const row of rows)
      keys.set(row.key_id, Buffer.from(this.sealer.open(row.key_sealed, SESSION_KEY_PURPOSE), 'base64'));
    const newest = rows[rows.length - 1];
    this.keys = keys;
    this.current = newest ? { id: newest.key_id, key: keys.get(newest.key_id)! } : undefined;
  }

  /** The key new tokens are sealed with. */
  signingKey(): SessionKey {
    if (!this.current) throw new Error('the session key ring is empty');
    return this.current;
  }

  keyById(id: string): Buffer | undefined {
    return this.keys.get(id);
  }

  /**
   * Whether the ring holds key `id`, reloading it first when not: a token sealed by a key another node
   * has just rotated in can arrive before the change feed says so. Reloads at most once a second, so
   * tokens naming keys that do not exist cannot make every request read the database.
   */
  async knows(id: string, now = Date.now()): Promise<boolean> {
    if (this.keys.has(id)) return true;
    if (now - this.lastMissReload < MISS_RELOAD_INTERVAL_MS) return false;
    this.lastMissReload = now;
    await this.reload().catch(() => undefined);
    return this.keys.has(id);
  }
}

/** Adds a new current key; keys older than the longest session are pruned. Returns the new key id. */
export async function rotateSessionKeys(store: Store, sealer: Sealer, now: Date): Promise<string> {
  const id = newKeyId();
  const key = randomBytes(32).toString('base64');
  await store.write('*', async (r) => {
    const previous = await r.sessionKeys.list();
    await r.sessionKeys.insert({
      key_id: id,
      key_sealed: sealer.seal(key, SESSION_KEY_PURPOSE),
      created_at: now.toISOString(),
    });
    // a key is needed while a session it sealed may live: until its successor is that old
    const cutoff = new Date(now.getTime() - LONGEST_SESSION_SECONDS * 1000).toISOString();
    for (let i = 0; i + 1 < previous.length; i++)
      if (previous[i + 1]!.created_at < cutoff) await r.sessionKeys.delete(previous[i]!.key_id);
  });
  return id;
}
