// DescribeEffectivePolicy: AWS computes effective policies only for management policy types (tag,
// backup, AI services opt-out …), never for SCPs or RCPs. Tessera offers no management policy type, so
// every account's answer is EffectivePolicyNotFoundException, after AWS's checks of the target: an
// account of the caller's organization (any account asks about itself; the management account or a
// delegated administrator, or a member the delegation policy allows, about others), never a root or OU.
import type { ReadRepos } from '../../store/index.ts';
import { effectivePolicyNotFound, targetNotSupported } from './org-policy-errors.ts';
import { getOrgTarget } from './org-targets.ts';
import { administeredOrganization, callerOrganization, type DelegatedRead } from './organization.ts';

export async function describeEffectivePolicy(
  repos: ReadRepos,
  accountId: string,
  policyType: string,
  targetId: string | undefined,
  read?: DelegatedRead,
): Promise<never> {
  const org = await callerOrganization(repos, accountId);
  const target = await getOrgTarget(repos, org, targetId ?? accountId);
  if (target.type !== 'ACCOUNT') throw targetNotSupported();
  if (target.id !== accountId) await administeredOrganization(repos, accountId, read);
  throw effectivePolicyNotFound(policyType);
}
