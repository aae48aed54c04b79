// Managed policies into the store: a new policy with all its versions, a changed one brought to the
// dump's fields and versions (versions the dump lacks deleted, new or changed ones written), and a
// policy the dump no longer has detached from everything in the account and deleted with its tags.
import {
  isUniqueViolation,
  type ManagedPolicyRow,
  type PolicyVersionRow,
  type Repos,
} from '../../store/index.ts';
import type { DesiredPolicy } from './desired-state.ts';
import { ImportError } from './import-error.ts';

export type Outcome = 'created' | 'updated' | 'unchanged';

const POLICY_FIELDS = [
  'policy_name',
  'name_key',
  'path',
  'arn',
  'default_version',
  'next_version',
  'description',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof ManagedPolicyRow)[];

/** Runs an insert of a row with AWS's id; an id another account already uses is named in the error. */
export async function insertWithAwsId(
  write: Promise<void>,
  where: string,
  idField: string,
  id: string,
): Promise<void> {
  try {
    await write;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw new ImportError(
      `${where}.${idField}`,
      `${id} is already used in this Tessera (by another account: was this dump imported into another account?)`,
    );
  }
}

/**
 * Brings one policy to what the dump says. `current` is the stored row with that id (or, for an AWS
 * managed policy an earlier import stored, with that ARN: its id is kept).
 */
export async function upsertPolicy(
  repos: Repos,
  desired: DesiredPolicy,
  current: ManagedPolicyRow | undefined,
  currentVersions: readonly PolicyVersionRow[],
): Promise<Outcome> {
  const changeAccount = desired.row.account_id;
  if (!current) {
    await insertWithAwsId(
      repos.managedPolicies.insert(desired.row),
      desired.where,
      'PolicyId',
      desired.row.policy_id,
    );
    for (const v of desired.versions) await repos.managedPolicies.insertVersion(changeAccount, v);
    return 'created';
  }
  const id = current.policy_id;
  let changed = false;
  const wanted = new Map(desired.versions.map((v) => [v.version, { ...v, policy_id: id }]));
  const have = new Map(currentVersions.map((v) => [v.version, v]));
  for (const v of currentVersions) {
    const w = wanted.get(v.version);
    if (!w || w.document !== v.document || w.created_at !== v.created_at) {
      await repos.managedPolicies.deleteVersion(changeAccount, id, v.version);
      have.delete(v.version);
      changed = true;
    }
  }
  for (const w of wanted.values())
    if (!have.has(w.version)) {
      await repos.managedPolicies.insertVersion(changeAccount, w);
      changed = true;
    }
  const patch: Partial<ManagedPolicyRow> = {};
  for (const field of POLICY_FIELDS)
    if (current[field] !== desired.row[field]) Object.assign(patch, { [field]: desired.row[field] });
  if (Object.keys(patch).length > 0) {
    await repos.managedPolicies.update(changeAccount, id, patch);
    changed = true;
  }
  return changed ? 'updated' : 'unchanged';
}

/** Removes a customer managed policy: its attachments in the account, its tags, the policy and its versions. */
export async function removePolicy(repos: Repos, accountId: string, row: ManagedPolicyRow): Promise<void> {
  for (const e of await repos.managedPolicies.attachedEntities(accountId, row.policy_id))
    await repos.managedPolicies.detach(accountId, row.policy_id, e.type, e.id);
  await repos.tags.removeAll('policy', row.policy_id);
  await repos.managedPolicies.delete(accountId, row.policy_id);
}
