// A local SAML identity provider for development and tests (never for production): a key pair with
// a self-signed certificate (made by `openssl req -x509`), its metadata document, and SAML
// Responses carrying AWS's attributes, signed over the Assertion or the Response with xml-crypto.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignedXml } from 'xml-crypto';

export interface DevIdp {
  entityId: string;
  privateKeyPem: string;
  certificatePem: string;
}

export const AWS_SIGNIN_SAML = 'https://signin.aws.amazon.com/saml';

/** A fresh RSA key and self-signed certificate for `entityId`, made with the openssl command. */
export function generateDevIdp(entityId: string, opts: { commonName?: string; days?: number } = {}): DevIdp {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-saml-idp-'));
  try {
    const keyFile = path.join(dir, 'key.pem');
    const certFile = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-sha256',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        String(opts.days ?? 3650),
        '-subj',
        `/CN=${(opts.commonName ?? 'tessera-dev-idp').replace(/[/=]/g, '_')}`,
      ],
      { stdio: 'ignore' },
    );
    return {
      entityId,
      privateKeyPem: readFileSync(keyFile, 'utf8'),
      certificatePem: readFileSync(certFile, 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The base64 body of a PEM certificate, as metadata and KeyInfo carry it. */
export const certificateBase64 = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

export const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The IdP's metadata document: entityID, one signing certificate, an SSO endpoint. */
export function idpMetadataXml(
  idp: DevIdp,
  opts: { validUntil?: Date; extraCertificates?: string[] } = {},
): string {
  const keyDescriptor = (pem: string) =>
    `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBase64(pem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${xmlEscape(idp.entityId)}"${opts.validUntil ? ` validUntil="${opts.validUntil.toISOString()}"` : ''}>`,
    '<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">',
    keyDescriptor(idp.certificatePem),
    ...(opts.extraCertificates ?? []).map(keyDescriptor),
    '<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>',
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${xmlEscape(idp.entityId)}/sso"/>`,
    '</md:IDPSSODescriptor>',
    '</md:EntityDescriptor>',
  ].join('\n');
}

export interface AssertionOptions {
  /** Role and provider ARN pairs for the Role attribute. */
  roles: { roleArn: string; providerArn: string }[];
  roleSessionName?: string;
  subject: string;
  subjectFormat?: string;
  sessionDuration?: number;
  principalTags?: Record<string, string>;
  transitiveTagKeys?: string[];
  sourceIdentity?: string;
  /** Further attributes by name. */
  attributes?: Record<string, string[]>;
  now?: Date;
  /** How long the assertion is valid; 5 minutes unless given. */
  lifetimeSeconds?: number;
  recipient?: string;
  audience?: string;
  destination?: string;
  issuer?: string;
  assertionId?: string;
  responseId?: string;
}

/** An unsigned SAML Response holding one Assertion with AWS's attributes. */
export function samlResponseXml(idp: DevIdp, o: AssertionOptions): string {
  const now = o.now ?? new Date();
  const iso = (d: Date) => d.toISOString();
  const until = new Date(now.getTime() + (o.lifetimeSeconds ?? 300) * 1000);
  const issuer = xmlEscape(o.issuer ?? idp.entityId);
  const recipient = xmlEscape(o.recipient ?? AWS_SIGNIN_SAML);
  const attribute = (name: string, values: readonly string[]) =>
    `<saml:Attribute Name="${xmlEscape(name)}">${values
      .map((v) => `<saml:AttributeValue>${xmlEscape(v)}</saml:AttributeValue>`)
      .join('')}</saml:Attribute>`;
  const aws = 'https://aws.amazon.com/SAML/Attributes/';
  const attributes = [
    attribute(
      `${aws}Role`,
      o.roles.map((r) => `${r.roleArn},${r.providerArn}`),
    ),
    ...(o.roleSessionName !== undefined ? [attribute(`${aws}RoleSessionName`, [o.roleSessionName])] : []),
    ...(o.sessionDuration !== undefined
      ? [attribute(`${aws}SessionDuration`, [String(o.sessionDuration)])]
      : []),
    ...Object.entries(o.principalTags ?? {}).map(([k, v]) => attribute(`${aws}PrincipalTag:${k}`, [v])),
    ...(o.transitiveTagKeys?.length ? [attribute(`${aws}TransitiveTagKeys`, o.transitiveTagKeys)] : []),
    ...(o.sourceIdentity !== undefined ? [attribute(`${aws}SourceIdentity`, [o.sourceIdentity])] : []),
    ...Object.entries(o.attributes ?? {}).map(([k, v]) => attribute(k, v)),
  ];
  const assertionId = o.assertionId ?? `_a${randomUUID()}`;
  return [
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${o.responseId ?? `_r${randomUUID()}`}" Version="2.0" IssueInstant="${iso(now)}" Destination="${xmlEscape(o.destination ?? o.recipient ?? AWS_SIGNIN_SAML)}">`,
    `<saml:Issuer>${issuer}</saml:Issuer>`,
    '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>',
    `<saml:Assertion ID="${assertionId}" Version="2.0" IssueInstant="${iso(now)}">`,
    `<saml:Issuer>${issuer}</saml:Issuer>`,
    '<saml:Subject>',
    `<saml:NameID Format="${xmlEscape(o.subjectFormat ?? 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent')}">${xmlEscape(o.subject)}</saml:NameID>`,
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${iso(until)}" Recipient="${recipient}"/></saml:SubjectConfirmation>`,
    '</saml:Subject>',
    `<saml:Conditions NotBefore="${iso(now)}" NotOnOrAfter="${iso(until)}"><saml:AudienceRestriction><saml:Audience>${xmlEscape(o.audience ?? AWS_SIGNIN_SAML)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>`,
    `<saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="${assertionId}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`,
    `<saml:AttributeStatement>${attributes.join('')}</saml:AttributeStatement>`,
    '</saml:Assertion>',
    '</samlp:Response>',
  ].join('');
}

/**
 * Signs the element with the given ID (the Assertion or the Response) with the IdP's key: an
 * enveloped RSA-SHA256 signature placed after the element's Issuer, as SAML requires.
 */
export function signElement(
  xml: string,
  idp: Pick<DevIdp, 'privateKeyPem' | 'certificatePem'>,
  id: string,
): string {
  const sig = new SignedXml({
    privateKey: idp.privateKeyPem,
    publicCert: idp.certificatePem,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  const target = `//*[@ID='${id}']`;
  sig.addReference({
    xpath: target,
    transforms: [
      'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
      'http://www.w3.org/2001/10/xml-exc-c14n#',
    ],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  sig.computeSignature(xml, {
    prefix: 'ds',
    location: { reference: `${target}/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return sig.getSignedXml();
}

/** The ID attribute of the first element with the given local name. */
export function idOf(xml: string, localName: 'Assertion' | 'Response'): string {
  const m = new RegExp(`<(?:\\w+:)?${localName}\\b[^>]*?\\sID="([^"]+)"`).exec(xml);
  if (!m) throw new Error(`no ${localName} with an ID`);
  return m[1]!;
}

/** A base64 SAMLResponse signed over its Assertion (or its Response), ready for AssumeRoleWithSAML. */
export function signedSamlResponse(
  idp: DevIdp,
  o: AssertionOptions,
  signed: 'Assertion' | 'Response' = 'Assertion',
): string {
  const xml = samlResponseXml(idp, o);
  return Buffer.from(signElement(xml, idp, idOf(xml, signed)), 'utf8').toString('base64');
}
