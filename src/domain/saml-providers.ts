// The SAML provider: an IdP described by its SAML 2.0 metadata (entityID and signing certificates,
// checked when uploaded), named by arn:aws:iam::ACCOUNT:saml-provider/NAME, at most 100 per account,
// taggable. Assertions are verified against the metadata as it stands at the time of the request.
import { randomUUID } from 'node:crypto';
import type { Quotas } from '../config/index.ts';
import { MetadataError, parseSamlMetadata, type SamlMetadata } from '../federation/index.ts';
import { alreadyExists, AwsError, invalidInput, limitExceeded, noSuchEntity } from '../errors.ts';
import {
  onUniqueViolation,
  type Change,
  type ReadRepos,
  type Repos,
  type SamlProviderRow,
} from '../store/index.ts';
import { iamArn, parseIamArn } from './arns.ts';
import { addTags, checkNewTags, type Tag } from './tags.ts';

/** AWS's quota of SAML providers per account. */
export const SAML_PROVIDERS_PER_ACCOUNT = 100;
/** The ValidUntil of a provider whose metadata sets none: 100 years after it was uploaded. */
const DEFAULT_VALIDITY_YEARS = 100;

export interface NewSamlProvider {
  Name: string;
  SAMLMetadataDocument: string;
  Tags?: Tag[];
  AssertionEncryptionMode?: 'Required' | 'Allowed';
  AddPrivateKey?: string;
}

export interface SamlProviderChanges {
  SAMLMetadataDocument?: string;
  AssertionEncryptionMode?: 'Required' | 'Allowed';
  AddPrivateKey?: string;
  RemovePrivateKey?: string;
}

export const samlProviderArn = (accountId: string, name: string) =>
  iamArn(accountId, 'saml-provider', '/', name);

export const samlProviderChange = (row: SamlProviderRow): Change => ({
  accountId: row.account_id,
  entity: 'saml-provider',
  id: row.provider_id,
});

/** The provider's metadata, read and checked; AWS's InvalidInput when it cannot be used. */
export function checkSamlMetadata(document: string): SamlMetadata {
  try {
    return parseSamlMetadata(document);
  } catch (err) {
    if (err instanceof MetadataError) throw invalidInput('Could not parse metadata');
    throw err;
  }
}

/** Encrypted assertions need a decryption key Tessera does not hold: refused rather than ignored. */
function refuseEncryption(input: {
  AssertionEncryptionMode?: string;
  AddPrivateKey?: string;
  RemovePrivateKey?: string;
}) {
  if (
    input.AssertionEncryptionMode === 'Required' ||
    input.AddPrivateKey !== undefined ||
    input.RemovePrivateKey !== undefined
  )
    throw invalidInput(
      'Encrypted SAML assertions are not supported: AssertionEncryptionMode must be Allowed.',
    );
}

const validUntilOf = (metadata: SamlMetadata, now: Date): string =>
  (
    metadata.validUntil ??
    new Date(
      Date.UTC(
        now.getUTCFullYear() + DEFAULT_VALIDITY_YEARS,
        now.getUTCMonth(),
        now.getUTCDate(),
        now.getUTCHours(),
        now.getUTCMinutes(),
        now.getUTCSeconds(),
      ),
    )
  ).toISOString();

/** The provider an ARN names in `accountId`, or AWS's NoSuchEntity. */
export async function getSamlProviderRow(
  repos: ReadRepos,
  accountId: string,
  arn: string,
): Promise<SamlProviderRow> {
  const parsed = parseIamArn(arn);
  if (!parsed || parsed.type !== 'saml-provider' || parsed.path !== '/')
    throw invalidInput(`ARN ${arn} is not valid.`);
  const row =
    parsed.accountId === accountId ? await repos.samlProviders.byName(accountId, parsed.name) : undefined;
  if (!row || row.arn !== arn) throw noSuchEntity(`Manifest not found for arn ${arn}`);
  return row;
}

export async function createSamlProvider(
  repos: Repos,
  accountId: string,
  input: NewSamlProvider,
  quotas: Quotas,
  now: Date,
): Promise<SamlProviderRow> {
  if (input.Tags?.length) checkNewTags(input.Tags);
  refuseEncryption(input);
  const metadata = checkSamlMetadata(input.SAMLMetadataDocument);
  const arn = samlProviderArn(accountId, input.Name);
  const exists = () => alreadyExists(`SAMLProvider ${input.Name} already exists.`);
  if (await repos.samlProviders.byName(accountId, input.Name)) throw exists();
  if ((await repos.samlProviders.count(accountId)) >= SAML_PROVIDERS_PER_ACCOUNT)
    throw limitExceeded(`Cannot exceed quota for SamlProvidersPerAccount: ${SAML_PROVIDERS_PER_ACCOUNT}`);
  const row: SamlProviderRow = {
    provider_id: randomUUID(),
    account_id: accountId,
    name: input.Name,
    name_key: input.Name.toLowerCase(),
    arn,
    metadata: input.SAMLMetadataDocument,
    entity_id: metadata.entityId,
    valid_until: validUntilOf(metadata, now),
    assertion_encryption_mode: input.AssertionEncryptionMode ?? null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await onUniqueViolation(repos.samlProviders.insert(row), () => exists());
  if (input.Tags?.length)
    await addTags(
      repos,
      samlProviderChange(row),
      'saml-provider',
      row.provider_id,
      input.Tags,
      quotas.tagsPerResource,
    );
  return row;
}

export async function updateSamlProvider(
  repos: Repos,
  accountId: string,
  arn: string,
  input: SamlProviderChanges,
  now: Date,
): Promise<SamlProviderRow> {
  const row = await getSamlProviderRow(repos, accountId, arn);
  refuseEncryption(input);
  if (input.SAMLMetadataDocument === undefined && input.AssertionEncryptionMode === undefined)
    throw invalidInput('At least one of SAMLMetadataDocument or AssertionEncryptionMode must be given.');
  const set: Parameters<Repos['samlProviders']['update']>[1] = { updated_at: now.toISOString() };
  if (input.SAMLMetadataDocument !== undefined) {
    const metadata = checkSamlMetadata(input.SAMLMetadataDocument);
    set.metadata = input.SAMLMetadataDocument;
    set.entity_id = metadata.entityId;
    set.valid_until = validUntilOf(metadata, now);
  }
  if (input.AssertionEncryptionMode !== undefined)
    set.assertion_encryption_mode = input.AssertionEncryptionMode;
  await repos.samlProviders.update(row, set);
  return { ...row, ...set };
}

export async function deleteSamlProvider(repos: Repos, accountId: string, arn: string): Promise<void> {
  const row = await getSamlProviderRow(repos, accountId, arn);
  await repos.tags.removeAll('saml-provider', row.provider_id);
  await repos.samlProviders.delete(row);
}

/** A typed error for the STS side: the provider an assertion names does not exist. */
export const unknownSamlProvider = () =>
  new AwsError('InvalidIdentityToken', "Specified provider doesn't exist");
