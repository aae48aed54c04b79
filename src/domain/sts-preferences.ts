// The account's STS preferences (SetSecurityTokenServicePreferences): which version of session
// tokens the global STS endpoint issues. Version 1 (AWS's default) is valid only in the Regions
// enabled by default, version 2 in all Regions; GetAccountSummary reports it as 1 or 2.
import type { ReadRepos, Repos } from '../store/index.ts';

/** The values SetSecurityTokenServicePreferences takes, as AWS's model names them. */
export type GlobalEndpointTokenVersion = 'v1Token' | 'v2Token';

const VERSION_NUMBERS: Readonly<Record<GlobalEndpointTokenVersion, 1 | 2>> = { v1Token: 1, v2Token: 2 };

/** Sets the version of the session tokens the global STS endpoint issues for the account. */
export async function setGlobalEndpointTokenVersion(
  repos: Repos,
  accountId: string,
  version: GlobalEndpointTokenVersion,
): Promise<void> {
  await repos.accounts.setGlobalEndpointTokenVersion(accountId, VERSION_NUMBERS[version]);
}

/** The account's global endpoint token version as GetAccountSummary reports it: 1 or 2. */
export async function globalEndpointTokenVersion(repos: ReadRepos, accountId: string): Promise<1 | 2> {
  const account = await repos.accounts.get(accountId);
  return account?.global_endpoint_token_version === 2 ? 2 : 1;
}
