// `tessera import authz-details`: a real AWS account's IAM, as `aws iam get-account-authorization-details`
// prints it, made a Tessera account, so that the simulator and the analyses answer about it offline.
// The steps: read and check the whole dump (nothing is written for a broken one), then in one store
// transaction: the account (made if needed, without root keys), its quotas (raised where AWS's account
// had more), what the dump no longer has removed, the AWS managed policies it uses, its customer managed
// policies, groups, users, roles and instance profiles with AWS's ids, ARNs and dates, and the SCPs
// that govern it. Re-importing the same dump changes nothing; a newer one changes what changed.
import type { Quotas } from '../../config/index.ts';
import { ImportError } from './import-error.ts';
import type { Store } from '../../store/index.ts';
import { seedAwsManagedPolicies } from '../aws-managed-policies.ts';
import { removeGone } from './apply-removals.ts';
import { upsertPolicy } from './apply-policies.ts';
import { applyPrincipals, type ImportProgress, newTally, type Tally } from './apply-principals.ts';
import { Relations } from './apply-relations.ts';
import { ensureAwsPolicies, type AwsPolicySources } from './aws-policy-references.ts';
import { loadCurrentAccount } from './current-state.ts';
import type { DesiredAccount } from './desired-state.ts';
import { mapDump } from './map-dump.ts';
import { PolicyIds } from './policy-ids.ts';
import { type QuotaRaise, quotaNeeds, raiseQuotas } from './quota-needs.ts';
import { readDump } from './read-dump.ts';
import { checkScpFiles, placeUnderScps, type ScpFile, type ScpPlacement } from './scp-organization.ts';

export interface ImportOptions {
  /** The Tessera account to import into; by default the account the dump's ARNs name. */
  accountId?: string;
  /** Service control policies governing the account, one per organization level from the root down. */
  scps?: readonly ScpFile[];
  /** The server's quotas (the account's own overrides apply on top). */
  quotas: Quotas;
  now: Date;
  onProgress?: ImportProgress;
  /**
   * Refuse (and change nothing) when the import would remove users, groups, roles, instance profiles or
   * policies the dump does not hold: the command asks for `--replace` before it makes an account an
   * exact copy of a dump.
   */
  refuseRemovals?: boolean;
}

/** How one kind of entity fared: `total` is how many the dump has. */
export interface EntityCounts extends Tally {
  total: number;
  removed: number;
}

export interface ImportSummary {
  accountId: string;
  /** The AWS account the dump describes. */
  dumpAccountId: string;
  accountCreated: boolean;
  users: EntityCounts;
  groups: EntityCounts;
  roles: EntityCounts;
  instanceProfiles: EntityCounts;
  /** Customer managed policies. */
  policies: EntityCounts;
  /** Tessera's instances removed with the instance profile they carried. */
  instancesRemoved: number;
  awsManagedPolicies: AwsPolicySources;
  /** Quotas raised for the account because AWS's account had more. */
  quotasRaised: QuotaRaise[];
  /** The organization the SCPs were placed in, when some were given. */
  organization?: ScpPlacement;
  /**
   * Policy documents that still name the dump's account (imported into another account, the
   * entities' ARNs move to it, but documents are kept as AWS has them).
   */
  documentsNamingDumpAccount: number;
}

function documentsNaming(d: DesiredAccount, accountId: string): number {
  if (d.accountId === accountId) return 0;
  const needle = `:${accountId}:`;
  const documents = [
    ...[...d.users, ...d.groups, ...d.roles].flatMap((e) => e.inline.map((p) => p.document)),
    ...d.roles.map((r) => r.row.assume_role_policy),
    ...d.policies.flatMap((p) => p.versions.map((v) => v.document)),
  ];
  return documents.filter((text) => text.includes(needle)).length;
}

/**
 * Imports the dump in `text`. Throws an ImportError naming the entity and field for a dump that is
 * wrong, before anything is written; anything else that fails rolls the whole import back.
 */
export async function importAuthorizationDetails(
  store: Store,
  text: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const { dump, raw } = readDump(text);
  const desired = mapDump(dump, raw, options.accountId);
  const scps = options.scps ?? [];
  checkScpFiles(scps);
  const { now, onProgress } = options;
  // Tessera's own AWS managed policies, which the dump's references use when they can
  await seedAwsManagedPolicies(store, now);
  const accountId = desired.accountId;
  return store.write(accountId, async (repos) => {
    const accountCreated = (await repos.accounts.get(accountId)) === undefined;
    if (accountCreated)
      await repos.accounts.insert({ account_id: accountId, created_at: now.toISOString(), quotas: null });
    const quotasRaised = await raiseQuotas(repos, accountId, options.quotas, quotaNeeds(desired));
    const current = await loadCurrentAccount(repos, accountId);
    const policyIds = new PolicyIds(repos);
    onProgress?.({ phase: 'removing what is gone', done: 0, total: 1 });
    const removed = await removeGone(repos, desired, current, policyIds);
    const removals = Object.entries(removed).filter(([, n]) => n > 0);
    if (options.refuseRemovals && removals.length > 0)
      throw new ImportError(
        '--replace',
        `importing would remove from account ${accountId} what the dump does not hold (` +
          `${removals.map(([kind, n]) => `${n} ${kind}`).join(', ')}); pass --replace to make the ` +
          'account an exact copy of the dump',
      );
    const awsManagedPolicies = await ensureAwsPolicies(repos, desired, now);
    const policies = newTally();
    for (const [i, p] of desired.policies.entries()) {
      const id = p.row.policy_id;
      policies[await upsertPolicy(repos, p, current.policies.get(id), current.versions.get(id) ?? [])]++;
      onProgress?.({ phase: 'policies', done: i + 1, total: desired.policies.length });
    }
    const relations = new Relations(repos, accountId, current, policyIds, now.toISOString());
    const tallies = await applyPrincipals(repos, desired, current, relations, onProgress);
    const organization = scps.length > 0 ? await placeUnderScps(repos, accountId, scps, now) : undefined;
    const counts = (tally: Tally, total: number, gone: number): EntityCounts => ({
      ...tally,
      total,
      removed: gone,
    });
    return {
      accountId,
      dumpAccountId: desired.dumpAccountId,
      accountCreated,
      users: counts(tallies.users, desired.users.length, removed.users),
      groups: counts(tallies.groups, desired.groups.length, removed.groups),
      roles: counts(tallies.roles, desired.roles.length, removed.roles),
      instanceProfiles: counts(
        tallies.instanceProfiles,
        desired.instanceProfiles.length,
        removed.instanceProfiles,
      ),
      policies: counts(policies, desired.policies.length, removed.policies),
      instancesRemoved: removed.instances,
      awsManagedPolicies,
      quotasRaised,
      ...(organization ? { organization } : {}),
      documentsNamingDumpAccount: documentsNaming(desired, desired.dumpAccountId),
    };
  });
}
