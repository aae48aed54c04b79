// Accounts and their root credentials: the default account made on first start, more made by
// `tessera accounts create`. A root secret is sealed at rest and shown once to whoever made it.
import { type Sealer, ACCESS_KEY_SECRET_PURPOSE } from '../crypto/index.ts';
import { isUniqueViolation, type Store } from '../store/index.ts';
import { newAccessKeyId, newSecretAccessKey } from './ids.ts';
import { seedAwsManagedPolicies } from './aws-managed-policies.ts';

export interface RootCredentials {
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * Creates the account if it does not exist, with root credentials (the given ones, or new ones).
 * Returns the credentials only when it created them; undefined when the account already existed.
 */
export async function ensureAccount(
  store: Store,
  sealer: Sealer,
  accountId: string,
  now: Date,
  given?: { accessKeyId: string; secretAccessKey: string },
): Promise<RootCredentials | undefined> {
  const existing = await store.read((r) => r.accounts.get(accountId));
  if (existing) {
    if (given) await ensureRootKey(store, sealer, accountId, given, now);
    return undefined;
  }
  const creds = given ?? { accessKeyId: newAccessKeyId(), secretAccessKey: newSecretAccessKey() };
  try {
    await insertAccount(store, sealer, accountId, creds, now);
  } catch (err) {
    // several nodes starting at once on an empty database: another one made the account first
    if (!isUniqueViolation(err)) throw err;
    if (given) await ensureRootKey(store, sealer, accountId, given, now);
    return undefined;
  }
  await seedAwsManagedPolicies(store, now);
  return { accountId, ...creds };
}

async function insertAccount(
  store: Store,
  sealer: Sealer,
  accountId: string,
  creds: { accessKeyId: string; secretAccessKey: string },
  now: Date,
): Promise<void> {
  await store.write(accountId, async (repos) => {
    await repos.accounts.insert({ account_id: accountId, created_at: now.toISOString(), quotas: null });
    await repos.accessKeys.insert({
      access_key_id: creds.accessKeyId,
      account_id: accountId,
      user_id: null,
      status: 'Active',
      secret_sealed: sealer.seal(creds.secretAccessKey, ACCESS_KEY_SECRET_PURPOSE),
      created_at: now.toISOString(),
      last_used_at: null,
      last_used_service: null,
      last_used_region: null,
    });
  });
}

/** Makes sure configured bootstrap root credentials exist (e.g. after the environment changed). */
async function ensureRootKey(
  store: Store,
  sealer: Sealer,
  accountId: string,
  given: { accessKeyId: string; secretAccessKey: string },
  now: Date,
): Promise<void> {
  await store
    .write(accountId, async (repos) => {
      const key = await repos.accessKeys.get(given.accessKeyId);
      if (key) return;
      await repos.accessKeys.insert({
        access_key_id: given.accessKeyId,
        account_id: accountId,
        user_id: null,
        status: 'Active',
        secret_sealed: sealer.seal(given.secretAccessKey, ACCESS_KEY_SECRET_PURPOSE),
        created_at: now.toISOString(),
        last_used_at: null,
        last_used_service: null,
        last_used_region: null,
      });
    })
    // a node starting beside this one inserted the same configured key a moment ago
    .catch((err: unknown) => {
      if (!isUniqueViolation(err)) throw err;
    });
}
