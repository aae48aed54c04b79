// An IdP's SAML 2.0 metadata document: its entityID (the Issuer of its assertions), the X.509
// certificates it signs with (from the IDPSSODescriptor's signing KeyDescriptors) and its validUntil.
import { X509Certificate } from 'node:crypto';
import { attr, childElements, descendants, NS, parseXml, textOf } from './safe-xml.ts';

export interface SamlMetadata {
  entityId: string;
  /** The signing certificates, PEM-encoded, each parsed and valid X.509. */
  signingCertificates: string[];
  validUntil?: Date;
}

export class MetadataError extends Error {
  override readonly name = 'MetadataError';
}

/** Reads an IdP metadata document; throws MetadataError saying what is missing or wrong. */
export function parseSamlMetadata(xml: string): SamlMetadata {
  let root;
  try {
    root = parseXml(xml).documentElement!;
  } catch (err) {
    throw new MetadataError((err as Error).message);
  }
  if (root.namespaceURI !== NS.metadata || root.localName !== 'EntityDescriptor')
    throw new MetadataError('the root element is not a SAML 2.0 metadata EntityDescriptor');
  const entityId = attr(root, 'entityID')?.trim();
  if (!entityId) throw new MetadataError('the EntityDescriptor has no entityID');
  const idps = childElements(root, NS.metadata, 'IDPSSODescriptor');
  if (idps.length === 0) throw new MetadataError('the metadata has no IDPSSODescriptor');
  const signingCertificates: string[] = [];
  for (const idp of idps)
    for (const kd of childElements(idp, NS.metadata, 'KeyDescriptor')) {
      const use = attr(kd, 'use');
      if (use !== undefined && use !== 'signing') continue;
      for (const c of descendants(kd, NS.dsig, 'X509Certificate'))
        signingCertificates.push(certificatePem(textOf(c)));
    }
  if (signingCertificates.length === 0) throw new MetadataError('the metadata has no signing certificate');
  const until = attr(root, 'validUntil');
  let validUntil: Date | undefined;
  if (until !== undefined) {
    validUntil = new Date(until);
    if (Number.isNaN(validUntil.getTime())) throw new MetadataError('validUntil is not a date');
  }
  return { entityId, signingCertificates, ...(validUntil ? { validUntil } : {}) };
}

/** A base64 DER certificate as PEM, after proving that node:crypto reads it as X.509. */
export function certificatePem(base64: string): string {
  const b64 = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw new MetadataError('a signing certificate is not base64');
  try {
    const cert = new X509Certificate(Buffer.from(b64, 'base64'));
    return cert.toString();
  } catch {
    throw new MetadataError('a signing certificate is not a valid X.509 certificate');
  }
}
