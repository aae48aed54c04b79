// Access keys: long-term credentials of users and of the account root. At most the quota per
// owner; the secret is generated here, sealed for storage and shown only once, by CreateAccessKey.
import { type Sealer, ACCESS_KEY_SECRET_PURPOSE } from '../crypto/index.ts';
import { AwsError, limitExceeded, noSuchEntity } from '../errors.ts';
import type { ReadRepos, Repos, AccessKeyRow, AccessKeyUse } from '../store/index.ts';
import { newAccessKeyId, newSecretAccessKey } from './ids.ts';
import type { Principal } from './principal.ts';
import { getUserRow } from './users.ts';

/** Whose keys a request is about: a user, or the account root (userId null). */
export interface KeyOwner {
  accountId: string;
  userId: string | null;
  /** The user name in responses; for the root, its account id. */
  userName: string;
}

/**
 * The owner named by UserName, or the caller itself when it is omitted: AWS lets the root manage
 * its own keys that way, and an IAM user its own.
 */
export async function resolveKeyOwner(
  repos: ReadRepos,
  accountId: string,
  caller: Principal,
  userName: string | undefined,
): Promise<KeyOwner> {
  if (userName !== undefined) {
    const user = await getUserRow(repos, accountId, userName);
    return { accountId, userId: user.user_id, userName: user.user_name };
  }
  if (caller.type === 'root') return { accountId, userId: null, userName: caller.accountId };
  if (caller.type === 'user') {
    const user = await repos.users.byId(caller.id);
    if (!user) throw noSuchEntity(`The user with name ${caller.userName} cannot be found.`);
    return { accountId, userId: user.user_id, userName: user.user_name };
  }
  throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials');
}

const keyNotFound = (accessKeyId: string) =>
  noSuchEntity(`The Access Key with id ${accessKeyId} cannot be found.`);

/** A key of the owner, or NoSuchEntity when it does not exist or belongs to someone else. */
export async function getOwnedKey(
  repos: ReadRepos,
  owner: KeyOwner,
  accessKeyId: string,
): Promise<AccessKeyRow> {
  const row = await repos.accessKeys.get(accessKeyId);
  if (!row || row.account_id !== owner.accountId || row.user_id !== owner.userId)
    throw keyNotFound(accessKeyId);
  return row;
}

export async function createAccessKey(
  repos: Repos,
  sealer: Sealer,
  owner: KeyOwner,
  maxKeys: number,
  now: Date,
): Promise<{ row: AccessKeyRow; secretAccessKey: string }> {
  if ((await repos.accessKeys.countFor(owner.accountId, owner.userId)) >= maxKeys)
    throw limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${maxKeys}`);
  const secretAccessKey = newSecretAccessKey();
  const row: AccessKeyRow = {
    access_key_id: newAccessKeyId('AKIA'),
    account_id: owner.accountId,
    user_id: owner.userId,
    status: 'Active',
    secret_sealed: sealer.seal(secretAccessKey, ACCESS_KEY_SECRET_PURPOSE),
    created_at: now.toISOString(),
    last_used_at: null,
    last_used_service: null,
    last_used_region: null,
  };
  await repos.accessKeys.insert(row);
  return { row, secretAccessKey };
}

export async function setAccessKeyStatus(
  repos: Repos,
  owner: KeyOwner,
  accessKeyId: string,
  status: string,
): Promise<void> {
  const row = await getOwnedKey(repos, owner, accessKeyId);
  if (status !== 'Active' && status !== 'Inactive')
    throw new AwsError('InvalidInput', `Status must be Active or Inactive, not ${status}.`);
  if (row.status !== status) await repos.accessKeys.setStatus(owner.accountId, accessKeyId, status);
}

export async function deleteAccessKey(repos: Repos, owner: KeyOwner, accessKeyId: string): Promise<void> {
  await getOwnedKey(repos, owner, accessKeyId);
  await repos.accessKeys.delete(owner.accountId, accessKeyId);
}

/** The key with a use not yet flushed from the last-used buffer, when there is one. */
export function withPendingKeyUse(row: AccessKeyRow, pending: AccessKeyUse | undefined): AccessKeyRow {
  if (!pending) return row;
  return {
    ...row,
    last_used_at: pending.at,
    last_used_service: pending.service,
    last_used_region: pending.region,
  };
}

/**
 * GetAccessKeyLastUsed: the key's owner name (the account id for the root's keys) and the key with
 * its latest use, buffered or stored. A key that does not exist in the caller's account is answered
 * with AccessDenied, as AWS does, so that key ids cannot be probed.
 */
export async function getAccessKeyLastUsed(
  repos: ReadRepos,
  accountId: string,
  callerArn: string,
  accessKeyId: string,
  pending: AccessKeyUse | undefined,
): Promise<{ userName: string; key: AccessKeyRow }> {
  const row = await repos.accessKeys.get(accessKeyId);
  if (!row || row.account_id !== accountId)
    throw new AwsError(
      'AccessDenied',
      `User: ${callerArn} is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key ${accessKeyId}`,
    );
  const user = row.user_id === null ? undefined : await repos.users.byId(row.user_id);
  return { userName: user?.user_name ?? row.account_id, key: withPendingKeyUse(row, pending) };
}
