// Outbound web identity federation, IAM's switch for it: Enable (once; fixes the account's issuer URL
// the first time), Disable (once), and the settings while enabled. The issuer is served by Tessera
// itself (`<base URL>/outbound-oidc/<issuer id>`, with its OIDC discovery document and JWKS), and a
// disable keeps it, so tokens issued before still verify and a re-enable keeps the same issuer.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_EnableOutboundWebIdentityFederation.html
import { randomUUID } from 'node:crypto';
import { AwsError } from '../errors.ts';
import type { ReadRepos, Repos } from '../store/index.ts';

/** Where the issuers live under the server's base URL. */
export const OUTBOUND_ISSUER_PATH = '/outbound-oidc/';

/** The settings GetOutboundWebIdentityFederationInfo reports. */
export interface OutboundWebIdentitySettings {
  issuerUrl: string;
  enabled: boolean;
}

const alreadyEnabled = () =>
  new AwsError(
    'FeatureEnabled',
    'Outbound identity federation is already enabled for this account. Call GetOutboundWebIdentityFederationInfo for its issuer URL.',
    { status: 409 },
  );
const disabled = () =>
  new AwsError('FeatureDisabled', 'Outbound identity federation is disabled for this account.', {
    status: 404,
  });

/**
 * Enables the feature; the first time, the issuer URL is made from `baseUrl` (the URL the server is
 * reached at, without a trailing slash) and a random id. Returns the issuer URL.
 */
export async function enableOutboundWebIdentity(
  repos: Repos,
  accountId: string,
  baseUrl: string,
  now: Date,
): Promise<string> {
  const row = await repos.outboundWebIdentity.get(accountId);
  if (row?.status === 'Enabled') throw alreadyEnabled();
  const issuerId = row?.issuer_id ?? randomUUID();
  const issuerUrl = row?.issuer_url ?? `${baseUrl}${OUTBOUND_ISSUER_PATH}${issuerId}`;
  await repos.outboundWebIdentity.put({
    account_id: accountId,
    issuer_id: issuerId,
    issuer_url: issuerUrl,
    status: 'Enabled',
    updated_at: now.toISOString(),
  });
  return issuerUrl;
}

/** Disables the feature; tokens already issued stay valid until they expire. */
export async function disableOutboundWebIdentity(repos: Repos, accountId: string, now: Date): Promise<void> {
  const row = await repos.outboundWebIdentity.get(accountId);
  if (row?.status !== 'Enabled') throw disabled();
  await repos.outboundWebIdentity.put({ ...row, status: 'Disabled', updated_at: now.toISOString() });
}

/** The settings while the feature is enabled; FeatureDisabled otherwise, as AWS's model lists. */
export async function outboundWebIdentitySettings(
  repos: ReadRepos,
  accountId: string,
): Promise<OutboundWebIdentitySettings> {
  const row = await repos.outboundWebIdentity.get(accountId);
  if (row?.status !== 'Enabled') throw disabled();
  return { issuerUrl: row.issuer_url, enabled: true };
}

/** The issuer URL GetWebIdentityToken signs for; refused while the account has not enabled the feature. */
export async function outboundIssuerFor(repos: ReadRepos, accountId: string): Promise<string> {
  const row = await repos.outboundWebIdentity.get(accountId);
  if (row?.status !== 'Enabled')
    throw new AwsError(
      'OutboundWebIdentityFederationDisabledException',
      'Outbound web identity federation is not enabled for this account. Enable it with EnableOutboundWebIdentityFederation.',
      { status: 403 },
    );
  return row.issuer_url;
}
