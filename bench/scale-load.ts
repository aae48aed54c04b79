// The scale benchmark's data: accounts made as `tessera accounts create` makes them (ensureAccount), each
// filled through the store's own repositories, in transactions of a few hundred principals, with users
// (two tags, an inline policy or an attached customer managed policy, an access key whose secret is
// sealed under the master key as CreateAccessKey seals it) and roles (a trust policy naming the account,
// an inline policy, two tags). The secrets stay in memory: the benchmark signs with them.
import { ACCESS_KEY_SECRET_PURPOSE, type Sealer } from '../src/crypto/index.ts';
import { ensureAccount, iamArn, newSecretAccessKey } from '../src/domain/index.ts';
import { newAccessKeyId, newUniqueId } from '../src/domain/ids.ts';
import { DEFAULT_MAX_SESSION_DURATION } from '../src/domain/roles.ts';
import type { Repos, Store } from '../src/store/index.ts';

export interface AccountKeys {
  accountId: string;
  root: { accessKeyId: string; secretAccessKey: string };
  /** users[i]: user-%05d's key. */
  userKeys: { accessKeyId: string; secretAccessKey: string }[];
}

/** What one account holds (so that the benchmark can name its users and roles). */
export const userName = (i: number) => `user-${String(i).padStart(5, '0')}`;
export const roleName = (i: number) => `role-${String(i).padStart(5, '0')}`;

/** Customer managed policies per account; odd-numbered users have one of them attached. */
const MANAGED_POLICIES = 5;
/** Principals written per transaction. */
const BATCH = 250;

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** Users may assume the account's roles, read themselves and list users and roles. */
function userPolicy(accountId: string): string {
  return doc([
    { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${accountId}:role/*` },
    {
      Effect: 'Allow',
      Action: ['iam:GetUser', 'iam:ListAccessKeys'],
      Resource: `arn:aws:iam::${accountId}:user/\${aws:username}`,
    },
    { Effect: 'Allow', Action: ['iam:ListUsers', 'iam:ListRoles'], Resource: '*' },
  ]);
}

function managedPolicy(accountId: string, n: number): string {
  return doc([
    { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${accountId}:role/*` },
    {
      Sid: `Read${n}`,
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: [`arn:aws:s3:::bucket-${accountId}-${n}`, `arn:aws:s3:::bucket-${accountId}-${n}/*`],
    },
  ]);
}

function trustPolicy(accountId: string): string {
  return doc([
    {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${accountId}:root` },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
    },
  ]);
}

function rolePolicy(accountId: string): string {
  return doc([
    {
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: `arn:aws:s3:::bucket-${accountId}/\${aws:PrincipalTag/team}/*`,
    },
    {
      Effect: 'Allow',
      Action: 'dynamodb:Query',
      Resource: `arn:aws:dynamodb:us-east-1:${accountId}:table/orders`,
    },
  ]);
}

/**
 * Creates account `accountId` (ensureAccount, with root credentials the benchmark knows) holding `users`
 * users and `roles` roles as described above; returns the keys to sign with.
 */
export async function loadAccount(
  store: Store,
  sealer: Sealer,
  accountId: string,
  counts: { users: number; roles: number },
): Promise<AccountKeys> {
  const now = new Date();
  const at = now.toISOString();
  const root = { accessKeyId: newAccessKeyId(), secretAccessKey: newSecretAccessKey() };
  await ensureAccount(store, sealer, accountId, now, root);

  const policyIds: string[] = [];
  await store.write(accountId, async (repos) => {
    for (let n = 0; n < MANAGED_POLICIES; n++) {
      const name = `scale-policy-${n}`;
      const policyId = newUniqueId('ANPA');
      await repos.managedPolicies.insert({
        policy_id: policyId,
        account_id: accountId,
        policy_name: name,
        name_key: name,
        path: '/',
        arn: iamArn(accountId, 'policy', '/', name),
        default_version: 1,
        next_version: 2,
        description: null,
        created_at: at,
        updated_at: at,
      });
      await repos.managedPolicies.insertVersion(accountId, {
        policy_id: policyId,
        version: 1,
        document: managedPolicy(accountId, n),
        created_at: at,
      });
      policyIds.push(policyId);
    }
  });

  const inline = userPolicy(accountId);
  const userKeys: AccountKeys['userKeys'] = [];
  for (let start = 0; start < counts.users; start += BATCH) {
    const batch: { i: number; keyId: string; secret: string; sealed: string }[] = [];
    for (let i = start; i < Math.min(counts.users, start + BATCH); i++) {
      const secret = newSecretAccessKey();
      batch.push({
        i,
        keyId: newAccessKeyId(),
        secret,
        sealed: sealer.seal(secret, ACCESS_KEY_SECRET_PURPOSE),
      });
    }
    await store.write(accountId, async (repos) => {
      for (const u of batch) await insertUser(repos, accountId, u, at, inline, policyIds);
    });
    for (const u of batch) userKeys.push({ accessKeyId: u.keyId, secretAccessKey: u.secret });
  }

  const trust = trustPolicy(accountId);
  const permissions = rolePolicy(accountId);
  for (let start = 0; start < counts.roles; start += BATCH) {
    await store.write(accountId, async (repos) => {
      for (let i = start; i < Math.min(counts.roles, start + BATCH); i++)
        await insertRole(repos, accountId, i, at, trust, permissions);
    });
  }
  return { accountId, root, userKeys };
}

async function insertUser(
  repos: Repos,
  accountId: string,
  u: { i: number; keyId: string; sealed: string },
  at: string,
  inline: string,
  policyIds: readonly string[],
): Promise<void> {
  const name = userName(u.i);
  const userId = newUniqueId('AIDA');
  const change = { accountId, entity: 'user' as const, id: userId };
  await repos.users.insert({
    user_id: userId,
    account_id: accountId,
    user_name: name,
    name_key: name,
    path: '/',
    arn: iamArn(accountId, 'user', '/', name),
    created_at: at,
    permissions_boundary: null,
    password_last_used: null,
  });
  await repos.tags.put(change, 'user', userId, [
    { Key: 'team', Value: `team-${u.i % 20}` },
    { Key: 'cost-center', Value: `cc-${u.i % 7}` },
  ]);
  if (u.i % 2 === 0) await repos.inlinePolicies.put(change, 'user', userId, 'scale-inline', inline);
  else await repos.managedPolicies.attach(accountId, policyIds[u.i % policyIds.length]!, 'user', userId, at);
  await repos.accessKeys.insert({
    access_key_id: u.keyId,
    account_id: accountId,
    user_id: userId,
    status: 'Active',
    secret_sealed: u.sealed,
    created_at: at,
    last_used_at: null,
    last_used_service: null,
    last_used_region: null,
  });
}

async function insertRole(
  repos: Repos,
  accountId: string,
  i: number,
  at: string,
  trust: string,
  permissions: string,
): Promise<void> {
  const name = roleName(i);
  const roleId = newUniqueId('AROA');
  const change = { accountId, entity: 'role' as const, id: roleId };
  await repos.roles.insert({
    role_id: roleId,
    account_id: accountId,
    role_name: name,
    name_key: name,
    path: '/',
    arn: iamArn(accountId, 'role', '/', name),
    created_at: at,
    assume_role_policy: trust,
    description: null,
    max_session_duration: DEFAULT_MAX_SESSION_DURATION,
    permissions_boundary: null,
    last_used_at: null,
    last_used_region: null,
    linked_service: null,
  });
  // the trust policy names the account itself, no user or role: no trust principal reference to keep
  await repos.tags.put(change, 'role', roleId, [
    { Key: 'team', Value: `team-${i % 20}` },
    { Key: 'env', Value: i % 3 === 0 ? 'prod' : 'dev' },
  ]);
  await repos.inlinePolicies.put(change, 'role', roleId, 'scale-role-inline', permissions);
}
