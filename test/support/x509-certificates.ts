// X.509 certificates for tests, in PEM: self-signed, or issued by a test CA, with their private keys,
// valid for a year from yesterday unless told otherwise.
import { generate } from 'selfsigned';

const DAY = 24 * 60 * 60 * 1000;

/** A certificate and the private key (unencrypted PKCS#8 PEM unless a passphrase is given) that matches it. */
export interface KeyedCertificate {
  cert: string;
  privateKey: string;
}

export interface CertificateOptions {
  /** notBefore: yesterday by default. */
  from?: Date;
  /** notAfter: a year after `from` by default. */
  to?: Date;
  keyType?: 'rsa' | 'ec';
  /** The CA that signs it; self-signed without one. */
  issuer?: KeyedCertificate;
  /** Whether it is a CA itself (basicConstraints cA, keyUsage keyCertSign). */
  ca?: boolean;
  /** Encrypts the private key (PKCS#8) under this passphrase. */
  passphrase?: string;
}

/** A certificate for `cn` with its private key. */
export async function keyedCertificate(cn: string, opts: CertificateOptions = {}): Promise<KeyedCertificate> {
  const from = opts.from ?? new Date(Date.now() - DAY);
  const generated = await generate([{ name: 'commonName', value: cn }], {
    keySize: 2048,
    algorithm: 'sha256',
    keyType: opts.keyType ?? 'rsa',
    notBeforeDate: from,
    notAfterDate: opts.to ?? new Date(from.getTime() + 365 * DAY),
    ...(opts.issuer ? { ca: { key: opts.issuer.privateKey, cert: opts.issuer.cert } } : {}),
    ...(opts.ca
      ? {
          extensions: [
            { name: 'basicConstraints', cA: true },
            { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true },
          ],
        }
      : {}),
    ...(opts.passphrase ? { passphrase: opts.passphrase } : {}),
  });
  return { cert: generated.cert, privateKey: generated.private };
}

/** A certificate for `cn` in PEM, without its key. */
export async function certificate(
  cn: string,
  opts: Omit<CertificateOptions, 'passphrase'> = {},
): Promise<string> {
  return (await keyedCertificate(cn, opts)).cert;
}
