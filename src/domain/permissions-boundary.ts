// Permissions boundaries: the managed policy named as a boundary must exist and be visible to the
// account (its own customer managed policies, or AWS managed ones).
import { AwsError } from '../errors.ts';
import type { Repos } from '../store/index.ts';
import { parseIamArn } from './arns.ts';

export async function requireBoundaryPolicy(repos: Repos, accountId: string, arn: string): Promise<void> {
  const parsed = parseIamArn(arn);
  if (!parsed || parsed.type !== 'policy') throw new AwsError('InvalidInput', `ARN ${arn} is not valid.`);
  const policy = await repos.managedPolicies.byArn(arn);
  if (!policy || (policy.account_id !== accountId && policy.account_id !== 'aws'))
    throw new AwsError('NoSuchEntity', `Scope ARN: ${arn} does not exist or is not attachable.`);
}
