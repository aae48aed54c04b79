// Inline policies of users, groups and roles: the identity-policy grammar, the aggregate size quota
// per owner (white space not counted), replacement of a same-named policy, and AWS's messages.
import { checkPolicyDocument, policySizeWithoutWhitespace } from '../policy/index.ts';
import { limitExceeded, malformedPolicy, noSuchEntity } from '../errors.ts';
import type { Change, ReadRepos, Repos } from '../store/index.ts';
import { getUserRow } from './users.ts';

export interface InlineOwner {
  type: 'user' | 'group' | 'role';
  id: string;
  accountId: string;
  name: string;
}

const changeOf = (owner: InlineOwner): Change => ({
  accountId: owner.accountId,
  entity: owner.type,
  id: owner.id,
});

const notFound = (owner: InlineOwner, policyName: string) =>
  noSuchEntity(`The ${owner.type} policy with name ${policyName} cannot be found.`);

/**
 * Validates the document (identity-policy grammar; the owner's inline policies together, without
 * white space, within `maxAggregateSize`) and stores it, replacing a policy of the same name.
 */
export async function putInlinePolicy(
  repos: Repos,
  owner: InlineOwner,
  policyName: string,
  document: string,
  maxAggregateSize: number,
): Promise<void> {
  const checked = checkPolicyDocument(document, 'identity');
  if (!checked.ok) throw malformedPolicy(checked.message);
  const others = (await repos.inlinePolicies.list(owner.type, owner.id)).filter(
    (p) => p.policy_name.toLowerCase() !== policyName.toLowerCase(),
  );
  const total = others.reduce(
    (n, p) => n + policySizeWithoutWhitespace(p.document),
    policySizeWithoutWhitespace(document),
  );
  if (total > maxAggregateSize)
    throw limitExceeded(
      `Maximum policy size of ${maxAggregateSize} bytes exceeded for ${owner.type} ${owner.name}`,
    );
  await repos.inlinePolicies.put(changeOf(owner), owner.type, owner.id, policyName, document);
}

/** The stored policy with the name as stored (its case may differ from the request's). */
export async function getInlinePolicyEntry(
  repos: ReadRepos,
  owner: InlineOwner,
  policyName: string,
): Promise<{ policyName: string; document: string }> {
  const row = await repos.inlinePolicies.get(owner.type, owner.id, policyName);
  if (!row) throw notFound(owner, policyName);
  return { policyName: row.policy_name, document: row.document };
}

/** The owner's policy names in AWS's order (alphabetical, regardless of case). */
export async function listInlinePolicyNames(repos: ReadRepos, owner: InlineOwner): Promise<string[]> {
  return (await repos.inlinePolicies.list(owner.type, owner.id)).map((p) => p.policy_name);
}

export async function deleteInlinePolicy(
  repos: Repos,
  owner: InlineOwner,
  policyName: string,
): Promise<void> {
  if (!(await repos.inlinePolicies.delete(changeOf(owner), owner.type, owner.id, policyName)))
    throw notFound(owner, policyName);
}

/** Removes every inline policy of the owner (for deletions that cascade, e.g. service-linked roles). */
export async function deleteAllInlinePolicies(repos: Repos, owner: InlineOwner): Promise<void> {
  await repos.inlinePolicies.deleteAll(changeOf(owner), owner.type, owner.id);
}

/** The user named, as the owner of inline policies. */
export async function userAsInlineOwner(
  repos: ReadRepos,
  accountId: string,
  userName: string,
): Promise<InlineOwner> {
  const row = await getUserRow(repos, accountId, userName);
  return { type: 'user', id: row.user_id, accountId, name: row.user_name };
}
