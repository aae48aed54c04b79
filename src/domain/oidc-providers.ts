// The IAM OpenID Connect provider: AWS's URL rules (https only, no port, query, fragment or user
// info; plain http on a loopback host only in dev mode so a local test issuer can be trusted), the
// ARN named by the URL's host and path, at most 100 client ids and 5 thumbprints, and its AWS shape.
import { AwsError, alreadyExists, invalidInput, limitExceeded, noSuchEntity } from '../errors.ts';
import {
  onUniqueViolation,
  type Change,
  type ReadRepos,
  type Repos,
  type OidcProviderRow,
} from '../store/index.ts';
import { addTags, checkNewTags, type Tag } from './tags.ts';

export const MAX_CLIENT_IDS = 100;
export const MAX_THUMBPRINTS = 5;
/** AWS's default OpenIdConnectProvidersPerAccount quota. */
export const MAX_PROVIDERS_PER_ACCOUNT = 100;

const INVALID_URL = 'Invalid Open ID Connect Provider URL';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

export interface ProviderUrl {
  /** The issuer URL with its scheme and without a lone trailing slash: what `iss` must equal. */
  url: string;
  /** Host and path, as the ARN and the condition keys (`host/path:sub`) name the provider. */
  hostAndPath: string;
}

export interface UrlRules {
  /** Dev mode: plain http and a port are accepted on loopback hosts. */
  dev: boolean;
}

/** Reads a provider URL as CreateOpenIDConnectProvider does, with AWS's errors. */
export function parseProviderUrl(text: string, rules: UrlRules): ProviderUrl {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new AwsError('ValidationError', INVALID_URL);
  }
  if (!u.hostname) throw new AwsError('ValidationError', INVALID_URL);
  const loopbackDev = rules.dev && LOOPBACK_HOSTS.has(u.hostname);
  if (u.protocol === 'http:') {
    if (!loopbackDev) throw invalidInput(`${INVALID_URL}. The URL must begin with https://.`);
  } else if (u.protocol !== 'https:') {
    throw new AwsError('ValidationError', INVALID_URL);
  }
  if (u.username || u.password || text.includes('?') || text.includes('#') || (u.port && !loopbackDev))
    throw invalidInput(`${INVALID_URL}.`);
  const path = u.pathname === '/' ? '' : u.pathname;
  return { url: `${u.protocol}//${u.host}${path}`, hostAndPath: `${u.host}${path}` };
}

export const oidcProviderArn = (accountId: string, hostAndPath: string) =>
  `arn:aws:iam::${accountId}:oidc-provider/${hostAndPath}`;

/** The provider ARN an issuer URL (a token's `iss`) would have, or undefined when it is no URL. */
export function providerArnForIssuer(accountId: string, issuer: string): string | undefined {
  try {
    const u = new URL(issuer);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    return oidcProviderArn(accountId, `${u.host}${u.pathname === '/' ? '' : u.pathname}`);
  } catch {
    return undefined;
  }
}

export const oidcProviderChange = (row: OidcProviderRow): Change => ({
  accountId: row.account_id,
  entity: 'oidc-provider',
  id: row.arn,
});

export const clientIdsOf = (row: OidcProviderRow): string[] => JSON.parse(row.client_ids) as string[];
export const thumbprintsOf = (row: OidcProviderRow): string[] => JSON.parse(row.thumbprints) as string[];
/** Host and path of a provider (its URL as IAM reports it, without the scheme). */
export const hostAndPathOf = (row: OidcProviderRow): string => row.arn.slice(row.arn.indexOf('/') + 1);

const OIDC_PROVIDER_ARN = /^arn:aws:iam::\d{12}:oidc-provider\/.+$/;

export async function getOidcProviderRow(
  repos: ReadRepos,
  accountId: string,
  arn: string,
): Promise<OidcProviderRow> {
  if (!OIDC_PROVIDER_ARN.test(arn)) throw invalidInput(`ARN ${arn} is not valid.`);
  const row = await repos.oidcProviders.get(accountId, arn);
  if (!row) throw noSuchEntity(`OpenIDConnect Provider not found for arn ${arn}`);
  return row;
}

function checkThumbprints(thumbprints: readonly string[]): string[] {
  if (thumbprints.length > MAX_THUMBPRINTS)
    throw invalidInput(`Thumbprint list must contain fewer than ${MAX_THUMBPRINTS} entries.`);
  for (const t of thumbprints)
    if (!/^[0-9a-fA-F]{40}$/.test(t))
      throw invalidInput('Thumbprint must be exactly 40 hexadecimal characters.');
  return [...new Set(thumbprints.map((t) => t.toLowerCase()))];
}

function checkClientIds(clientIds: readonly string[]): string[] {
  const unique = [...new Set(clientIds)];
  if (unique.length > MAX_CLIENT_IDS)
    throw limitExceeded(`Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${MAX_CLIENT_IDS}`);
  return unique;
}

export interface NewOidcProvider {
  Url: string;
  ClientIDList?: string[];
  ThumbprintList?: string[];
  Tags?: Tag[];
}

export async function createOidcProvider(
  repos: Repos,
  accountId: string,
  input: NewOidcProvider,
  rules: UrlRules & { tagsPerResource: number },
  now: Date,
): Promise<OidcProviderRow> {
  const { url, hostAndPath } = parseProviderUrl(input.Url, rules);
  const thumbprints = checkThumbprints(input.ThumbprintList ?? []);
  const clientIds = checkClientIds(input.ClientIDList ?? []);
  if (input.Tags?.length) checkNewTags(input.Tags);
  const arn = oidcProviderArn(accountId, hostAndPath);
  const exists = () => alreadyExists(`Provider with url ${url} already exists.`);
  if (await repos.oidcProviders.get(accountId, arn)) throw exists();
  if ((await repos.oidcProviders.list(accountId)).length >= MAX_PROVIDERS_PER_ACCOUNT)
    throw limitExceeded(
      `Cannot exceed quota for OpenIdConnectProvidersPerAccount: ${MAX_PROVIDERS_PER_ACCOUNT}`,
    );
  const row: OidcProviderRow = {
    arn,
    account_id: accountId,
    url,
    client_ids: JSON.stringify(clientIds),
    thumbprints: JSON.stringify(thumbprints),
    created_at: now.toISOString(),
  };
  await onUniqueViolation(repos.oidcProviders.insert(row), () => exists());
  if (input.Tags?.length)
    await addTags(repos, oidcProviderChange(row), 'oidc-provider', arn, input.Tags, rules.tagsPerResource);
  return row;
}

/** Adds a client id; adding one the provider already has changes nothing, as in AWS. */
export async function addClientId(
  repos: Repos,
  accountId: string,
  arn: string,
  clientId: string,
): Promise<void> {
  const row = await getOidcProviderRow(repos, accountId, arn);
  const ids = clientIdsOf(row);
  if (ids.includes(clientId)) return;
  await repos.oidcProviders.setClientIds(accountId, arn, checkClientIds([...ids, clientId]));
}

/** Removes a client id; removing one the provider does not have changes nothing, as in AWS. */
export async function removeClientId(
  repos: Repos,
  accountId: string,
  arn: string,
  clientId: string,
): Promise<void> {
  const row = await getOidcProviderRow(repos, accountId, arn);
  const ids = clientIdsOf(row);
  if (!ids.includes(clientId)) return;
  await repos.oidcProviders.setClientIds(
    accountId,
    arn,
    ids.filter((id) => id !== clientId),
  );
}

export async function updateThumbprints(
  repos: Repos,
  accountId: string,
  arn: string,
  thumbprints: readonly string[],
): Promise<void> {
  await getOidcProviderRow(repos, accountId, arn);
  await repos.oidcProviders.setThumbprints(accountId, arn, checkThumbprints(thumbprints));
}

/**
 * Deletes a provider and its tags. Idempotent, as AWS documents: deleting a provider that does
 * not exist succeeds (an ARN that is not an OIDC provider's is still InvalidInput).
 */
export async function deleteOidcProvider(repos: Repos, accountId: string, arn: string): Promise<void> {
  if (!OIDC_PROVIDER_ARN.test(arn)) throw invalidInput(`ARN ${arn} is not valid.`);
  if (!(await repos.oidcProviders.get(accountId, arn))) return;
  await repos.tags.removeAll('oidc-provider', arn);
  await repos.oidcProviders.delete(accountId, arn);
}
