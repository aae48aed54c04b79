// Named instances: an instance carries an instance profile, as an EC2 instance launched with one,
// and gets an id (i- and 17 hex digits) and a secret that authorizes the container-credentials
// endpoint for it. Credentials go to the role the profile holds when they are asked for, so
// changing the profile's role changes what the instance gets, as on EC2.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { alreadyExists, noSuchEntity, validationError } from '../errors.ts';
import {
  onUniqueViolation,
  type ReadRepos,
  type Repos,
  type InstanceRow,
  type InstanceProfileRow,
  type RoleRow,
} from '../store/index.ts';
import { getInstanceProfileRow } from './instance-profiles.ts';

export const INSTANCE_ID_PATTERN = /^i-[0-9a-f]{17}$/;
const INSTANCE_NAME_PATTERN = /^[\w+=,.@-]{1,128}$/;

/** An instance with what it carries: its profile (gone if deleted since) and the profile's role. */
export interface InstanceView {
  instance: InstanceRow;
  profile: InstanceProfileRow | undefined;
  role: RoleRow | undefined;
}

export function newInstanceId(): string {
  return 'i-' + randomBytes(9).toString('hex').slice(0, 17);
}

const digest = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

/** Whether `secret` is the instance's secret (compared in constant time). */
export function instanceSecretMatches(row: InstanceRow, secret: string): boolean {
  return timingSafeEqual(Buffer.from(digest(secret), 'hex'), Buffer.from(row.secret_digest, 'hex'));
}

/** Creates an instance carrying the named instance profile; the secret is returned only now. */
export async function runInstance(
  repos: Repos,
  accountId: string,
  input: { name: string; profileName: string },
  now: Date,
): Promise<{ view: InstanceView; secret: string }> {
  const { name } = input;
  if (!INSTANCE_NAME_PATTERN.test(name))
    throw validationError(
      `Instance name ${name} must be 1 to 128 letters, digits or the characters _+=,.@- only.`,
    );
  const profile = await getInstanceProfileRow(repos, accountId, input.profileName);
  const exists = () => alreadyExists(`Instance ${name} already exists.`);
  if (await repos.instances.byName(accountId, name)) throw exists();
  const secret = randomBytes(32).toString('base64url');
  const instance: InstanceRow = {
    instance_id: newInstanceId(),
    account_id: accountId,
    name,
    name_key: name.toLowerCase(),
    instance_profile_id: profile.instance_profile_id,
    secret_digest: digest(secret),
    created_at: now.toISOString(),
  };
  await onUniqueViolation(repos.instances.insert(instance), () => exists());
  return { view: { instance, profile, role: await roleOf(repos, profile) }, secret };
}

/** An instance by name, or by id when `nameOrId` is one. */
export async function getInstance(
  repos: ReadRepos,
  accountId: string,
  nameOrId: string,
): Promise<InstanceRow> {
  const byId = INSTANCE_ID_PATTERN.test(nameOrId) ? await repos.instances.byId(nameOrId) : undefined;
  const row = byId?.account_id === accountId ? byId : await repos.instances.byName(accountId, nameOrId);
  if (!row) throw noSuchEntity(`Instance ${nameOrId} cannot be found.`);
  return row;
}

export async function terminateInstance(
  repos: Repos,
  accountId: string,
  nameOrId: string,
): Promise<InstanceRow> {
  const row = await getInstance(repos, accountId, nameOrId);
  await repos.instances.delete(row);
  return row;
}

export async function listInstances(repos: ReadRepos, accountId: string): Promise<InstanceView[]> {
  return Promise.all((await repos.instances.list(accountId)).map((row) => viewOf(repos, row)));
}

/** The instance with the given id and what it carries; undefined when there is none. */
export async function findInstance(repos: ReadRepos, instanceId: string): Promise<InstanceView | undefined> {
  if (!INSTANCE_ID_PATTERN.test(instanceId)) return undefined;
  const row = await repos.instances.byId(instanceId);
  return row && viewOf(repos, row);
}

export async function viewOf(repos: ReadRepos, instance: InstanceRow): Promise<InstanceView> {
  const profile = await repos.instances.profile(instance.instance_profile_id);
  return { instance, profile, role: profile && (await roleOf(repos, profile)) };
}

async function roleOf(repos: ReadRepos, profile: InstanceProfileRow): Promise<RoleRow | undefined> {
  const roles = await repos.instanceProfiles.rolesOf([profile.instance_profile_id]);
  return roles.get(profile.instance_profile_id)?.[0];
}
