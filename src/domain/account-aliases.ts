// Account aliases: one per account (a new alias replaces the old one, as in AWS), each unique
// across every account this Tessera serves.
import { alreadyExists, noSuchEntity } from '../errors.ts';
import { onUniqueViolation, type ReadRepos, type Repos } from '../store/index.ts';

export async function createAccountAlias(repos: Repos, accountId: string, alias: string): Promise<void> {
  const taken = () => alreadyExists(`The account alias ${alias} already exists.`);
  if ((await repos.accountAliases.owner(alias)) !== undefined) throw taken();
  // Another account may take the alias between the check and the insert (its own write lock).
  await onUniqueViolation(repos.accountAliases.set(accountId, alias), taken);
}

export async function deleteAccountAlias(repos: Repos, accountId: string, alias: string): Promise<void> {
  if ((await repos.accountAliases.ofAccount(accountId)) !== alias)
    throw noSuchEntity(`The account alias ${alias} cannot be found.`);
  await repos.accountAliases.delete(accountId, alias);
}

export async function listAccountAliases(repos: ReadRepos, accountId: string): Promise<string[]> {
  const alias = await repos.accountAliases.ofAccount(accountId);
  return alias === undefined ? [] : [alias];
}
