// X.509 signing certificates of IAM users and of the account root (the caller, when UserName is
// omitted): a PEM certificate that parses, has not expired and is already valid, with an RSA key; at
// most two per user; a certificate at most once in the account. Stored as its canonical PEM.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UploadSigningCertificate.html
import { createHash, X509Certificate } from 'node:crypto';
import { AwsError, invalidInput, limitExceeded, noSuchEntity } from '../errors.ts';
import { onUniqueViolation, type ReadRepos, type Repos, type SigningCertificateRow } from '../store/index.ts';
import { FIXED_SUMMARY_QUOTAS } from './account-summary.ts';
import { newSigningCertificateId } from './ids.ts';
import type { KeyOwner } from './access-keys.ts';

/** AWS's quota of signing certificates per user (and for the root). */
export const SIGNING_CERTIFICATES_PER_USER = FIXED_SUMMARY_QUOTAS.SigningCertificatesPerUserQuota;

const malformed = (why: string) => new AwsError('MalformedCertificate', why);
const invalid = (why: string) => new AwsError('InvalidCertificate', why);
const duplicate = () =>
  new AwsError(
    'DuplicateCertificate',
    'The same certificate is already associated with an IAM user in the account.',
  );
const certificateNotFound = (id: string) => noSuchEntity(`The Certificate with id ${id} cannot be found.`);

/** A certificate that can be uploaded: its canonical PEM and the SHA-256 digest of its DER form. */
export interface ParsedSigningCertificate {
  pem: string;
  digest: string;
}

/**
 * Checks an uploaded certificate: not PEM or not X.509, or expired, MalformedCertificate (AWS's
 * "malformed or expired"); not valid yet, or with a key that is not RSA, InvalidCertificate.
 */
export function parseSigningCertificate(body: string, now: Date): ParsedSigningCertificate {
  const text = body.trim();
  if (!/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/.test(text))
    throw malformed('Unable to parse certificate. Please ensure the certificate is in PEM format.');
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(text);
  } catch {
    throw malformed('Unable to parse certificate. Please ensure the certificate is in PEM format.');
  }
  if (Date.parse(cert.validTo) < now.getTime())
    throw malformed(`The certificate expired on ${cert.validTo}.`);
  if (Date.parse(cert.validFrom) > now.getTime())
    throw invalid(`The certificate is not valid before ${cert.validFrom}.`);
  if (cert.publicKey.asymmetricKeyType !== 'rsa')
    throw invalid('The certificate does not hold an RSA public key.');
  return { pem: cert.toString(), digest: createHash('sha256').update(cert.raw).digest('hex') };
}

/** The owner's certificate with this id, or NoSuchEntity (also for another owner's certificate). */
export async function getOwnedSigningCertificate(
  repos: ReadRepos,
  owner: KeyOwner,
  certificateId: string,
): Promise<SigningCertificateRow> {
  const row = await repos.signingCertificates.get(certificateId);
  if (!row || row.account_id !== owner.accountId || row.user_id !== owner.userId)
    throw certificateNotFound(certificateId);
  return row;
}

/** UploadSigningCertificate: parses the certificate, then the duplicate and per-user quota checks. */
export async function uploadSigningCertificate(
  repos: Repos,
  owner: KeyOwner,
  body: string,
  now: Date,
): Promise<SigningCertificateRow> {
  const parsed = parseSigningCertificate(body, now);
  if (await repos.signingCertificates.byDigest(owner.accountId, parsed.digest)) throw duplicate();
  const existing = await repos.signingCertificates.listFor(owner.accountId, owner.userId);
  if (existing.length >= SIGNING_CERTIFICATES_PER_USER)
    throw limitExceeded(
      `Cannot exceed quota for SigningCertificatesPerUser: ${SIGNING_CERTIFICATES_PER_USER}`,
    );
  const row: SigningCertificateRow = {
    certificate_id: newSigningCertificateId(),
    account_id: owner.accountId,
    user_id: owner.userId,
    digest: parsed.digest,
    certificate_body: parsed.pem,
    status: 'Active',
    uploaded_at: now.toISOString(),
  };
  await onUniqueViolation(repos.signingCertificates.insert(row), duplicate);
  return row;
}

export async function setSigningCertificateStatus(
  repos: Repos,
  owner: KeyOwner,
  certificateId: string,
  status: string,
): Promise<void> {
  const row = await getOwnedSigningCertificate(repos, owner, certificateId);
  if (status !== 'Active' && status !== 'Inactive')
    throw invalidInput(`Status must be Active or Inactive, not ${status}.`);
  if (row.status !== status) await repos.signingCertificates.setStatus(certificateId, status);
}

export async function deleteSigningCertificate(
  repos: Repos,
  owner: KeyOwner,
  certificateId: string,
): Promise<void> {
  await getOwnedSigningCertificate(repos, owner, certificateId);
  await repos.signingCertificates.delete(certificateId);
}
