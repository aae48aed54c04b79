// The dump's managed policies as rows: customer managed ones of the dump's account (moved to the
// account imported into), and the AWS managed ones it includes; every version kept with its dates,
// the default one as DefaultVersionId says. Also resolves the ARNs that attachments and boundaries
// name: a customer policy must be in the dump; an AWS managed one is noted for later.
import type { PolicyVersionRow } from '../../store/index.ts';
import { AWS_ACCOUNT } from '../managed-policies.ts';
import type { DesiredPolicy } from './desired-state.ts';
import type { ManagedPolicyEntry } from './dump-schema.ts';
import { ImportError } from './import-error.ts';
import { arnAccount, at, entityArn, type MapContext } from './map-context.ts';

const versionNumber = (versionId: string): number => Number(versionId.slice(1));

function mapPolicy(ctx: MapContext, p: ManagedPolicyEntry, index: number, owner: string): DesiredPolicy {
  const where = at(ctx, 'Policies', index);
  const arn = entityArn(ctx, where, p.Arn, 'policy', p.Path, p.PolicyName, owner);
  const seen = new Set<number>();
  const versions: PolicyVersionRow[] = [];
  p.PolicyVersionList.forEach((v, i) => {
    const version = versionNumber(v.VersionId);
    if (seen.has(version))
      throw new ImportError(
        `${at(ctx, 'Policies', index, 'PolicyVersionList', i)}.VersionId`,
        'is listed twice',
      );
    seen.add(version);
    versions.push({ policy_id: p.PolicyId, version, document: v.Document, created_at: v.CreateDate });
  });
  const defaultVersion = versionNumber(p.DefaultVersionId);
  if (!seen.has(defaultVersion))
    throw new ImportError(
      `${where}.DefaultVersionId`,
      `names ${p.DefaultVersionId}, which PolicyVersionList lacks`,
    );
  p.PolicyVersionList.forEach((v, i) => {
    if (v.IsDefaultVersion === true && v.VersionId !== p.DefaultVersionId)
      throw new ImportError(
        `${at(ctx, 'Policies', index, 'PolicyVersionList', i)}.IsDefaultVersion`,
        `is true, but DefaultVersionId is ${p.DefaultVersionId}`,
      );
  });
  versions.sort((a, b) => a.version - b.version);
  const latest = versions.reduce((m, v) => (v.created_at > m ? v.created_at : m), p.CreateDate);
  return {
    where,
    row: {
      policy_id: p.PolicyId,
      account_id: owner === AWS_ACCOUNT ? AWS_ACCOUNT : ctx.accountId,
      policy_name: p.PolicyName,
      name_key: p.PolicyName.toLowerCase(),
      path: p.Path,
      arn,
      default_version: defaultVersion,
      next_version: versions[versions.length - 1]!.version + 1,
      description: p.Description ?? null,
      created_at: p.CreateDate,
      updated_at: p.UpdateDate ?? latest,
    },
    versions,
  };
}

export interface MappedPolicies {
  policies: DesiredPolicy[];
  awsPolicies: Map<string, DesiredPolicy>;
  awsReferences: Map<string, string>;
  /**
   * The ARN, as the account imported into sees it, of a policy an attachment or boundary names
   * (`where` is the field naming it, for errors). AWS managed policies are noted in awsReferences.
   */
  resolve(arn: string, where: string): string;
}

export function mapPolicies(ctx: MapContext, list: readonly ManagedPolicyEntry[]): MappedPolicies {
  const policies: DesiredPolicy[] = [];
  const awsPolicies = new Map<string, DesiredPolicy>();
  /** Customer policies by their ARN in the dump. */
  const byDumpArn = new Map<string, DesiredPolicy>();
  const ids = new Set<string>();
  const names = new Set<string>();
  list.forEach((p, i) => {
    const owner = arnAccount(p.Arn)?.account === AWS_ACCOUNT ? AWS_ACCOUNT : ctx.dumpAccountId;
    const policy = mapPolicy(ctx, p, i, owner);
    if (ids.has(p.PolicyId)) throw new ImportError(`${policy.where}.PolicyId`, 'is listed twice');
    ids.add(p.PolicyId);
    if (owner === AWS_ACCOUNT) {
      awsPolicies.set(policy.row.arn, policy);
      return;
    }
    if (names.has(policy.row.name_key))
      throw new ImportError(`${policy.where}.PolicyName`, 'is used by another policy of the dump');
    names.add(policy.row.name_key);
    policies.push(policy);
    byDumpArn.set(p.Arn, policy);
  });
  const awsReferences = new Map<string, string>();
  const resolve = (arn: string, where: string): string => {
    const owner = arnAccount(arn);
    if (!owner || !/:policy\//.test(arn)) throw new ImportError(where, `${arn} is not a policy ARN`);
    if (owner.partition !== 'aws')
      throw new ImportError(
        where,
        `${arn} is in the ${owner.partition} partition; Tessera models the aws partition only`,
      );
    if (owner.account === AWS_ACCOUNT) {
      if (!awsReferences.has(arn)) awsReferences.set(arn, where);
      return arn;
    }
    if (owner.account !== ctx.dumpAccountId)
      throw new ImportError(
        where,
        `${arn} is a policy of account ${owner.account}, not of the dump's ${ctx.dumpAccountId}`,
      );
    const policy = byDumpArn.get(arn);
    if (!policy)
      throw new ImportError(
        where,
        `${arn} is not among the dump's Policies (a dump made with --filter leaves customer managed policies out)`,
      );
    return policy.row.arn;
  };
  return { policies, awsPolicies, awsReferences, resolve };
}
