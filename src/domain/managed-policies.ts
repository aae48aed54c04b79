// Managed policies: who may see and change one (its own account; AWS managed ones are read-only
// and shared), creation within the account's quota with a valid document of at most the size
// quota, versions v1…vN (at most the version quota, the default one never deleted), deletion only
// once nothing uses the policy and only its default version is left.
import type { Quotas } from '../config/index.ts';
import { checkPolicyDocument, policySizeWithoutWhitespace } from '../policy/index.ts';
import {
  alreadyExists,
  AwsError,
  deleteConflict,
  invalidInput,
  limitExceeded,
  malformedPolicy,
  noSuchEntity,
} from '../errors.ts';
import {
  onUniqueViolation,
  type ReadRepos,
  type Repos,
  type ManagedPolicyRow,
  type PolicyVersionRow,
} from '../store/index.ts';
import { iamArn, type ParsedIamArn, parseIamArn } from './arns.ts';
import { newUniqueId } from './ids.ts';
import { addTags, type Tag } from './tags.ts';

export const AWS_ACCOUNT = 'aws';

/** Who is asking, for the AccessDenied AWS answers when a policy belongs to someone else. */
export interface PolicyAccess {
  accountId: string;
  callerArn: string;
  /** The IAM action being performed, e.g. iam:DeletePolicy. */
  action: string;
}

export interface NewPolicy {
  PolicyName: string;
  Path?: string;
  PolicyDocument: string;
  Description?: string;
  Tags?: Tag[];
}

/** Checks a managed policy document: IAM's grammar for identity policies, then the size quota. */
export function checkManagedPolicyDocument(text: string, quotas: Quotas): void {
  const checked = checkPolicyDocument(text, 'identity');
  if (!checked.ok) throw malformedPolicy(checked.message);
  if (policySizeWithoutWhitespace(text) > quotas.managedPolicySize)
    throw limitExceeded(`Cannot exceed quota for PolicySize: ${quotas.managedPolicySize}`);
}

/** Reads a policy ARN; InvalidInput when it does not name a policy. */
export function parsePolicyArn(arn: string): ParsedIamArn {
  const parsed = parseIamArn(arn);
  if (!parsed || parsed.type !== 'policy') throw invalidInput(`ARN ${arn} is not valid.`);
  return parsed;
}

/** AWS's AccessDenied for a policy owned by another account (including AWS itself). */
export function notAuthorizedOnPolicy(access: PolicyAccess, arn: string): AwsError {
  return new AwsError(
    'AccessDenied',
    `User: ${access.callerArn} is not authorized to perform: ${access.action} on resource: ${arn} ` +
      `because no resource-based policy allows the ${access.action} action`,
  );
}

/** A policy the caller may read: its account's own, or an AWS managed one. */
export async function getReadablePolicy(
  repos: ReadRepos,
  access: PolicyAccess,
  arn: string,
): Promise<ManagedPolicyRow> {
  const parsed = parsePolicyArn(arn);
  if (parsed.accountId !== access.accountId && parsed.accountId !== AWS_ACCOUNT)
    throw notAuthorizedOnPolicy(access, arn);
  const row = await repos.managedPolicies.byArn(arn);
  if (!row) throw noSuchEntity(`Policy ${arn} was not found.`);
  return row;
}

/** A policy the caller may change: only its own account's customer managed policies. */
export async function getChangeablePolicy(
  repos: ReadRepos,
  access: PolicyAccess,
  arn: string,
): Promise<ManagedPolicyRow> {
  const parsed = parsePolicyArn(arn);
  if (parsed.accountId !== access.accountId) throw notAuthorizedOnPolicy(access, arn);
  const row = await repos.managedPolicies.byArn(arn);
  if (!row) throw noSuchEntity(`Policy ${arn} was not found.`);
  return row;
}

export async function createPolicy(
  repos: Repos,
  accountId: string,
  input: NewPolicy,
  quotas: Quotas,
  now: Date,
): Promise<ManagedPolicyRow> {
  checkManagedPolicyDocument(input.PolicyDocument, quotas);
  const exists = () =>
    alreadyExists(`A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`);
  if (await repos.managedPolicies.byName(accountId, input.PolicyName)) throw exists();
  if ((await repos.managedPolicies.countCustomer(accountId)) >= quotas.customerManagedPoliciesPerAccount)
    throw limitExceeded(
      `Cannot exceed quota for PoliciesPerAccount: ${quotas.customerManagedPoliciesPerAccount}`,
    );
  const path = input.Path ?? '/';
  const at = now.toISOString();
  const row: ManagedPolicyRow = {
    policy_id: newUniqueId('ANPA'),
    account_id: accountId,
    policy_name: input.PolicyName,
    name_key: input.PolicyName.toLowerCase(),
    path,
    arn: iamArn(accountId, 'policy', path, input.PolicyName),
    default_version: 1,
    next_version: 2,
    description: input.Description ?? null,
    created_at: at,
    updated_at: at,
  };
  await onUniqueViolation(repos.managedPolicies.insert(row), () => exists());
  await repos.managedPolicies.insertVersion(accountId, {
    policy_id: row.policy_id,
    version: 1,
    document: input.PolicyDocument,
    created_at: at,
  });
  if (input.Tags?.length)
    await addTags(
      repos,
      { accountId, entity: 'policy', id: row.policy_id },
      'policy',
      row.policy_id,
      input.Tags,
      quotas.tagsPerResource,
    );
  return row;
}

/** Deletes a customer managed policy that nothing uses and that has only its default version. */
export async function deletePolicy(repos: Repos, accountId: string, policy: ManagedPolicyRow): Promise<void> {
  if (await repos.managedPolicies.inUse(policy.policy_id, policy.arn))
    throw deleteConflict('Cannot delete a policy attached to entities.');
  const versions = await repos.managedPolicies.versions(policy.policy_id);
  if (versions.length > 1)
    throw deleteConflict(
      "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    );
  await repos.tags.removeAll('policy', policy.policy_id);
  await repos.managedPolicies.delete(accountId, policy.policy_id);
}

// --- versions ------------------------------------------------------------------------------------

export const versionId = (n: number) => `v${n}`;

/** The version named by a VersionId such as v3, or NoSuchEntity with AWS's message. */
export async function getPolicyVersionRow(
  repos: ReadRepos,
  policy: ManagedPolicyRow,
  id: string,
): Promise<PolicyVersionRow> {
  const m = /^v([1-9][0-9]{0,8})$/.exec(id);
  const row = m ? await repos.managedPolicies.version(policy.policy_id, Number(m[1])) : undefined;
  if (!row) throw noSuchEntity(`Policy ${policy.arn} version ${id} does not exist or is not attachable.`);
  return row;
}

export async function createPolicyVersion(
  repos: Repos,
  accountId: string,
  policy: ManagedPolicyRow,
  document: string,
  setAsDefault: boolean,
  quotas: Quotas,
  now: Date,
): Promise<PolicyVersionRow> {
  checkManagedPolicyDocument(document, quotas);
  const versions = await repos.managedPolicies.versions(policy.policy_id);
  if (versions.length >= quotas.versionsPerPolicy)
    throw limitExceeded(
      `A managed policy can have up to ${quotas.versionsPerPolicy} versions. Before you create a new version, you must delete an existing version.`,
    );
  const at = now.toISOString();
  const row: PolicyVersionRow = {
    policy_id: policy.policy_id,
    version: policy.next_version,
    document,
    created_at: at,
  };
  await repos.managedPolicies.insertVersion(accountId, row);
  await repos.managedPolicies.update(accountId, policy.policy_id, {
    next_version: policy.next_version + 1,
    updated_at: at,
    ...(setAsDefault ? { default_version: row.version } : {}),
  });
  return row;
}

export async function deletePolicyVersion(
  repos: Repos,
  accountId: string,
  policy: ManagedPolicyRow,
  id: string,
): Promise<void> {
  const version = await getPolicyVersionRow(repos, policy, id);
  if (version.version === policy.default_version)
    throw deleteConflict('Cannot delete the default version of a policy.');
  await repos.managedPolicies.deleteVersion(accountId, policy.policy_id, version.version);
}

export async function setDefaultPolicyVersion(
  repos: Repos,
  accountId: string,
  policy: ManagedPolicyRow,
  id: string,
): Promise<void> {
  const version = await getPolicyVersionRow(repos, policy, id);
  if (version.version === policy.default_version) return;
  await repos.managedPolicies.update(accountId, policy.policy_id, { default_version: version.version });
}
