// SAML Response verification without a server: what is accepted (a signature over the Assertion or
// the Response by a certificate of the metadata) and every way an attacker might get an unsigned or
// altered assertion read (unsigned, foreign certificate, signature wrapping, comments, DTDs).
import { describe, expect, it } from 'vitest';
import { readAssertion } from '../../src/federation/saml/assertion.ts';
import {
  generateDevIdp,
  idOf,
  idpMetadataXml,
  samlResponseXml,
  signElement,
  type AssertionOptions,
} from '../../src/federation/saml/dev-idp.ts';
import { MetadataError, parseSamlMetadata } from '../../src/federation/saml/metadata.ts';
import { verifySamlResponse } from '../../src/federation/saml/verify-response.ts';
import { AwsError } from '../../src/errors.ts';

const idp = generateDevIdp('https://idp.example.com/saml');
const stranger = generateDevIdp('https://idp.example.com/saml', { commonName: 'stranger' });
const certs = parseSamlMetadata(idpMetadataXml(idp)).signingCertificates;
const ROLE = {
  roleArn: 'arn:aws:iam::123456789012:role/Dev',
  providerArn: 'arn:aws:iam::123456789012:saml-provider/Idp',
};
const NOW = new Date();

const options = (o: Partial<AssertionOptions> = {}): AssertionOptions => ({
  roles: [ROLE],
  roleSessionName: 'bob',
  subject: 'bob@example.com',
  now: NOW,
  ...o,
});

/** A response signed over its Assertion (or Response). */
function signed(o: Partial<AssertionOptions> = {}, what: 'Assertion' | 'Response' = 'Assertion'): string {
  const xml = samlResponseXml(idp, options(o));
  return signElement(xml, idp, idOf(xml, what));
}

/** The subject read from a response, or the AWS error it is refused with. */
function outcome(xml: string): { subject: string } | { code: string; message: string } {
  try {
    const v = verifySamlResponse(xml, certs);
    const c = readAssertion(v.assertion, {
      entityId: idp.entityId,
      now: NOW,
      ...(v.destination ? { destination: v.destination } : {}),
    });
    return { subject: c.subject };
  } catch (err) {
    if (err instanceof AwsError) return { code: err.code, message: err.message };
    throw err;
  }
}

/** The unsigned assertion of a fresh response for another subject, as an attacker would write it. */
function evilAssertion(subject: string, id?: string): string {
  const xml = samlResponseXml(idp, options({ subject, ...(id ? { assertionId: id } : {}) }));
  return /<saml:Assertion\b[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
}

const refusedAsInvalid = expect.objectContaining({ code: 'InvalidIdentityToken' });

describe('SAML Response verification', () => {
  it('accepts a response whose Assertion is signed by a metadata certificate', () => {
    expect(outcome(signed())).toEqual({ subject: 'bob@example.com' });
  });

  it('accepts a response whose Response element is signed', () => {
    expect(outcome(signed({}, 'Response'))).toEqual({ subject: 'bob@example.com' });
  });

  it('refuses an unsigned response', () => {
    expect(outcome(samlResponseXml(idp, options()))).toEqual({
      code: 'InvalidIdentityToken',
      message: 'Response signature invalid',
    });
  });

  it('refuses a response signed by a certificate that is not in the metadata', () => {
    const xml = samlResponseXml(idp, options());
    const forged = signElement(xml, stranger, idOf(xml, 'Assertion'));
    expect(outcome(forged)).toEqual({ code: 'InvalidIdentityToken', message: 'Response signature invalid' });
  });

  it('refuses an assertion changed after it was signed', () => {
    const xml = signed().replace('bob@example.com</saml:NameID>', 'admin@example.com</saml:NameID>');
    expect(outcome(xml)).toEqual({ code: 'InvalidIdentityToken', message: 'Response signature invalid' });
  });

  it('refuses an unsigned assertion inserted before the signed one', () => {
    const xml = signed().replace('<saml:Assertion ', `${evilAssertion('admin@example.com')}<saml:Assertion `);
    expect(outcome(xml)).toEqual(refusedAsInvalid);
  });

  it('refuses an unsigned assertion inserted after the signed one', () => {
    const xml = signed().replace(
      '</samlp:Response>',
      `${evilAssertion('admin@example.com')}</samlp:Response>`,
    );
    expect(outcome(xml)).toEqual(refusedAsInvalid);
  });

  it('refuses a signed assertion moved under Extensions with an unsigned one in its place', () => {
    const good = signed();
    const signedAssertion = /<saml:Assertion\b[\s\S]*<\/saml:Assertion>/.exec(good)![0];
    const xml = good
      .replace(signedAssertion, `${evilAssertion('admin@example.com')}`)
      .replace('<samlp:Status>', `<samlp:Extensions>${signedAssertion}</samlp:Extensions><samlp:Status>`);
    expect(outcome(xml)).toEqual(refusedAsInvalid);
  });

  it('refuses a signed Response wrapped in a ds:Object of a new Response holding another assertion', () => {
    const good = signed({}, 'Response');
    const signature = /<ds:Signature\b[\s\S]*<\/ds:Signature>/.exec(good)![0];
    const original = good.replace(signature, '');
    const wrapper = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_evil" Version="2.0" IssueInstant="${NOW.toISOString()}" Destination="https://signin.aws.amazon.com/saml"><saml:Issuer>${idp.entityId}</saml:Issuer>${signature.replace(
      '</ds:Signature>',
      `<ds:Object>${original}</ds:Object></ds:Signature>`,
    )}${evilAssertion('admin@example.com')}</samlp:Response>`;
    expect(outcome(wrapper)).toEqual(refusedAsInvalid);
  });

  it('refuses a document in which another element carries the signed ID', () => {
    const good = signed();
    const id = idOf(good, 'Assertion');
    const xml = good.replace(
      '<samlp:Status>',
      `<samlp:Extensions><x:Note xmlns:x="urn:x" ID="${id}">admin</x:Note></samlp:Extensions><samlp:Status>`,
    );
    expect(outcome(xml)).toEqual({ code: 'InvalidIdentityToken', message: 'Response signature invalid' });
  });

  it('refuses two assertions with the same ID, one signed and one not', () => {
    const good = signed();
    const xml = good.replace(
      '</samlp:Response>',
      `${evilAssertion('admin@example.com', idOf(good, 'Assertion'))}</samlp:Response>`,
    );
    expect(outcome(xml)).toEqual(refusedAsInvalid);
  });

  it('reads a NameID split by a comment as its whole text, never as its first text node', () => {
    const xml = signed({ subject: 'admin@evil.example' }).replace(
      '>admin@evil.example<',
      '>admin<!-- -->@evil.example<',
    );
    expect(xml).toContain('admin<!-- -->@evil.example');
    expect(outcome(xml)).toEqual({ subject: 'admin@evil.example' });
  });

  it('refuses a response with a DTD, before any entity could be expanded', () => {
    const xml = `<!DOCTYPE r [<!ENTITY e "admin">]>${signed()}`;
    expect(outcome(xml)).toEqual(refusedAsInvalid);
  });

  it('refuses a response whose status is not Success with IDPRejectedClaim', () => {
    const xml = signed().replace('status:Success', 'status:Responder');
    expect(outcome(xml)).toEqual(expect.objectContaining({ code: 'IDPRejectedClaim' }));
  });

  it('refuses an assertion for another audience', () => {
    expect(outcome(signed({ audience: 'https://sp.example.com' }))).toEqual(refusedAsInvalid);
  });

  it('refuses an assertion for another recipient', () => {
    expect(outcome(signed({ recipient: 'https://sp.example.com/acs' }))).toEqual(refusedAsInvalid);
  });

  it('refuses an assertion from another issuer than the metadata entityID', () => {
    expect(outcome(signed({ issuer: 'https://other.example.com' }))).toEqual({
      code: 'InvalidIdentityToken',
      message: 'Issuer not present in specified provider',
    });
  });

  it('refuses an expired assertion with ExpiredTokenException', () => {
    const old = new Date(NOW.getTime() - 3600_000);
    expect(outcome(signed({ now: old }))).toEqual(expect.objectContaining({ code: 'ExpiredTokenException' }));
  });

  it('accepts the regional and urn:amazon:webservices audiences AWS accepts', () => {
    expect(outcome(signed({ audience: 'urn:amazon:webservices' }))).toEqual({ subject: 'bob@example.com' });
    expect(outcome(signed({ audience: 'https://eu-west-1.signin.aws.amazon.com/saml' }))).toEqual({
      subject: 'bob@example.com',
    });
  });
});

describe('SAML metadata', () => {
  it('reads the entityID and the signing certificate', () => {
    const md = parseSamlMetadata(idpMetadataXml(idp));
    expect(md.entityId).toBe('https://idp.example.com/saml');
    expect(md.signingCertificates).toHaveLength(1);
    expect(md.signingCertificates[0]).toContain('BEGIN CERTIFICATE');
  });

  it('refuses metadata with a DTD', () => {
    expect(() => parseSamlMetadata(`<!DOCTYPE x>${idpMetadataXml(idp)}`)).toThrow(MetadataError);
  });

  it('refuses metadata whose certificate is not X.509', () => {
    const bad = idpMetadataXml(idp).replace(/<ds:X509Certificate>[^<]+</, '<ds:X509Certificate>AAAA<');
    expect(() => parseSamlMetadata(bad)).toThrow('not a valid X.509 certificate');
  });
});
