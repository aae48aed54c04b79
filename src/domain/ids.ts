// IAM's identifiers: unique ids with their type prefix (AIDA user, AROA role, AGPA group, ANPA
// policy, AIPA instance profile, AKIA/ASIA access keys) and secret access keys.
import { randomInt } from 'node:crypto';
import { randomBytesFromPool } from '../crypto/index.ts';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export type IdPrefix = 'AIDA' | 'AROA' | 'AGPA' | 'ANPA' | 'AIPA' | 'AKIA' | 'ASIA' | 'ADPA';

function randomFrom(alphabet: string, length: number): string {
  const bytes = randomBytesFromPool(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

/** A 21-character unique id such as AIDAJQABLZS4A3QDU576Q. */
export function newUniqueId(prefix: Exclude<IdPrefix, 'AKIA' | 'ASIA'>): string {
  return prefix + randomFrom(ID_ALPHABET, 17);
}

/** A 20-character access key id such as AKIAIOSFODNN7EXAMPLE. */
export function newAccessKeyId(prefix: 'AKIA' | 'ASIA' = 'AKIA'): string {
  return prefix + randomFrom(ID_ALPHABET, 16);
}

/** A 40-character secret access key. */
export function newSecretAccessKey(): string {
  return randomFrom(SECRET_ALPHABET, 40);
}

/** A request id in AWS's UUID form. */
export function newRequestId(): string {
  return crypto.randomUUID();
}

/** A new 12-digit account id that does not start with 0. */
export function newAccountId(): string {
  let id = String(randomInt(1, 10));
  for (let i = 0; i < 11; i++) id += String(randomInt(0, 10));
  return id;
}

/** A 20-character SSH public key id such as APKAEIBAERJR2EXAMPLE. */
export function newSshPublicKeyId(): string {
  return 'APKA' + randomFrom(ID_ALPHABET, 16);
}

/** A 32-character signing certificate id of uppercase letters and digits, as AWS gives. */
export function newSigningCertificateId(): string {
  return randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 32);
}

/** A 21-character service-specific credential id such as ACCAQFODXMPL4YFHP7DZE. */
export function newServiceSpecificCredentialId(): string {
  return 'ACCA' + randomFrom(ID_ALPHABET, 17);
}

/** A 21-character server certificate id such as ASCACKCEVSQ6C2EXAMPLE. */
export function newServerCertificateId(): string {
  return 'ASCA' + randomFrom(ID_ALPHABET, 17);
}
