// IAM server certificates: a PEM certificate, the private key that matches it (sealed at rest, never
// given back) and an optional chain of the certificates that issued it, named uniquely in the account
// (regardless of case) under a path, within the account's ServerCertificatesPerAccount quota.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UploadServerCertificate.html
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { Quotas } from '../config/index.ts';
import type { Sealer } from '../crypto/index.ts';
import { alreadyExists, AwsError, invalidInput, limitExceeded, noSuchEntity } from '../errors.ts';
import {
  onUniqueViolation,
  type Change,
  type ReadRepos,
  type Repos,
  type ServerCertificateRow,
} from '../store/index.ts';
import { iamArn } from './arns.ts';
import { newServerCertificateId } from './ids.ts';
import { addTags, checkNewTags, type Tag } from './tags.ts';

/** The purpose a server certificate's private key is sealed under. */
export const SERVER_CERTIFICATE_KEY_PURPOSE = 'server-certificate-key';

export interface NewServerCertificate {
  ServerCertificateName: string;
  Path?: string;
  CertificateBody: string;
  PrivateKey: string;
  CertificateChain?: string;
  Tags?: Tag[];
}

export interface ServerCertificateMove {
  NewPath?: string;
  NewServerCertificateName?: string;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The PEM certificates in `text`, or undefined when it holds anything else (a private key pasted in
 * with them would otherwise be stored in the clear and given back by GetServerCertificate).
 */
function pemCertificates(text: string): string[] | undefined {
  const pems = text.match(PEM_CERTIFICATE) ?? [];
  return text.replace(PEM_CERTIFICATE, '').trim() === '' ? pems : undefined;
}

const malformed = (message: string) => new AwsError('MalformedCertificate', message);
const notFound = (name: string) => noSuchEntity(`The Server Certificate with name ${name} cannot be found.`);
const exists = (name: string) => alreadyExists(`The Server Certificate with name ${name} already exists.`);

export const serverCertificateChange = (row: ServerCertificateRow): Change => ({
  accountId: row.account_id,
  entity: 'server-certificate',
  id: row.server_certificate_id,
});

/** A certificate ready to store: its body and chain as uploaded (trimmed), and when it expires. */
export interface CheckedServerCertificate {
  body: string;
  chain: string | null;
  privateKey: string;
  expiration: Date;
}

function parseCertificate(pem: string, what: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw malformed(`Unable to parse ${what}. Please ensure the ${what} is in PEM format.`);
  }
}

/** PKCS#8's encrypted form, or a PKCS#1/SEC1 key with OpenSSL's encryption header. */
const ENCRYPTED_PEM = /-----BEGIN ENCRYPTED PRIVATE KEY-----|^Proc-Type:\s*4,\s*ENCRYPTED/m;

function parsePrivateKey(pem: string): KeyObject {
  // told from the PEM itself: OpenSSL 3 reports a missing passphrase as an interrupted operation
  if (ENCRYPTED_PEM.test(pem)) throw invalidInput('The private key must not be protected by a passphrase.');
  try {
    return createPrivateKey(pem);
  } catch {
    throw malformed('Unable to parse private key. Please ensure the private key is in PEM format.');
  }
}

/**
 * Checks an upload: the body one PEM certificate and nothing else, not expired and already valid
 * (MalformedCertificate otherwise); the private key one that parses (MalformedCertificate; InvalidInput
 * when encrypted) and matches the certificate (KeyPairMismatch); the chain, when given, nothing but PEM
 * certificates, each of which issued the one before it, starting with the body's issuer
 * (MalformedCertificate).
 */
export function checkServerCertificate(input: NewServerCertificate, now: Date): CheckedServerCertificate {
  const body = input.CertificateBody.trim();
  if (pemCertificates(body)?.length !== 1)
    throw malformed('Unable to parse certificate. Please ensure the certificate is in PEM format.');
  const cert = parseCertificate(body, 'certificate');
  const expiration = new Date(cert.validTo);
  if (expiration.getTime() < now.getTime()) throw malformed(`The certificate expired on ${cert.validTo}.`);
  if (Date.parse(cert.validFrom) > now.getTime())
    throw malformed(`The certificate is not valid before ${cert.validFrom}.`);

  const privateKey = input.PrivateKey.trim();
  if (!cert.checkPrivateKey(parsePrivateKey(privateKey)))
    throw new AwsError('KeyPairMismatch', 'The public key certificate and the private key do not match.');

  const chainText = input.CertificateChain?.trim();
  if (chainText) {
    const pems = pemCertificates(chainText);
    if (!pems?.length)
      throw malformed('Unable to parse certificate chain. Please ensure the chain is in PEM format.');
    let issued = cert;
    for (const pem of pems) {
      const issuer = parseCertificate(pem, 'certificate chain');
      if (!issued.checkIssued(issuer) || !issued.verify(issuer.publicKey))
        throw malformed(
          'Unable to validate certificate chain. The certificate chain must start with the immediate ' +
            'signing certificate, followed by any intermediaries in order.',
        );
      issued = issuer;
    }
  }
  return { body, chain: chainText || null, privateKey, expiration };
}

/** The account's server certificate with this name (any case), or NoSuchEntity. */
export async function getServerCertificateRow(
  repos: ReadRepos,
  accountId: string,
  name: string,
): Promise<ServerCertificateRow> {
  const row = await repos.serverCertificates.byName(accountId, name);
  if (!row) throw notFound(name);
  return row;
}

/** UploadServerCertificate: the tags, the certificate and key, the name and the quota, then the row. */
export async function uploadServerCertificate(
  repos: Repos,
  sealer: Sealer,
  accountId: string,
  input: NewServerCertificate,
  quotas: Quotas,
  now: Date,
): Promise<ServerCertificateRow> {
  const name = input.ServerCertificateName;
  if (input.Tags?.length) checkNewTags(input.Tags);
  const checked = checkServerCertificate(input, now);
  if (await repos.serverCertificates.byName(accountId, name)) throw exists(name);
  if ((await repos.serverCertificates.count(accountId)) >= quotas.serverCertificatesPerAccount)
    throw limitExceeded(
      `Cannot exceed quota for ServerCertificatesPerAccount: ${quotas.serverCertificatesPerAccount}`,
    );
  const path = input.Path ?? '/';
  const row: ServerCertificateRow = {
    server_certificate_id: newServerCertificateId(),
    account_id: accountId,
    name,
    name_key: name.toLowerCase(),
    path,
    arn: iamArn(accountId, 'server-certificate', path, name),
    certificate_body: checked.body,
    certificate_chain: checked.chain,
    private_key_sealed: sealer.seal(checked.privateKey, SERVER_CERTIFICATE_KEY_PURPOSE),
    expires_at: checked.expiration.toISOString(),
    uploaded_at: now.toISOString(),
  };
  await onUniqueViolation(repos.serverCertificates.insert(row), () => exists(name));
  if (input.Tags?.length)
    await addTags(
      repos,
      serverCertificateChange(row),
      'server-certificate',
      row.server_certificate_id,
      input.Tags,
      quotas.tagsPerResource,
    );
  return row;
}

/** UpdateServerCertificate: a new name (EntityAlreadyExists when another certificate has it), a new path. */
export async function updateServerCertificate(
  repos: Repos,
  accountId: string,
  name: string,
  move: ServerCertificateMove,
): Promise<void> {
  const row = await getServerCertificateRow(repos, accountId, name);
  const newName = move.NewServerCertificateName ?? row.name;
  const path = move.NewPath ?? row.path;
  if (newName.toLowerCase() !== row.name_key && (await repos.serverCertificates.byName(accountId, newName)))
    throw exists(newName);
  await onUniqueViolation(
    repos.serverCertificates.update(accountId, row.server_certificate_id, {
      name: newName,
      name_key: newName.toLowerCase(),
      path,
      arn: iamArn(accountId, 'server-certificate', path, newName),
    }),
    () => exists(newName),
  );
}

/** DeleteServerCertificate: the certificate, its sealed key and its tags. */
export async function deleteServerCertificate(repos: Repos, accountId: string, name: string): Promise<void> {
  const row = await getServerCertificateRow(repos, accountId, name);
  await repos.tags.removeAll('server-certificate', row.server_certificate_id);
  await repos.serverCertificates.delete(accountId, row.server_certificate_id);
}
