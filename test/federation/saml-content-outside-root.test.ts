// A SAML Response is one root element with ASCII names: text or CDATA beside it is not well-formed XML (XML 1.0,
// production [1] document), and must be refused by the strict parser before xml-crypto's own, lenient
// parse sees it — which otherwise writes an unstructured "[xmldom error]" line to stderr per request.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  generateDevIdp,
  idOf,
  idpMetadataXml,
  samlResponseXml,
  signElement,
} from '../../src/federation/saml/dev-idp.ts';
import { parseSamlMetadata } from '../../src/federation/saml/metadata.ts';
import { parseXml, UnsafeXmlError } from '../../src/federation/saml/safe-xml.ts';
import { verifySamlResponse } from '../../src/federation/saml/verify-response.ts';
import { AwsError } from '../../src/errors.ts';

const idp = generateDevIdp('https://idp.example.com/saml');
const certs = parseSamlMetadata(idpMetadataXml(idp)).signingCertificates;
const xml = samlResponseXml(idp, {
  roles: [
    {
      roleArn: 'arn:aws:iam::123456789012:role/Dev',
      providerArn: 'arn:aws:iam::123456789012:saml-provider/Idp',
    },
  ],
  roleSessionName: 'bob',
  subject: 'bob@example.com',
});
const signed = signElement(xml, idp, idOf(xml, 'Assertion'));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('SAML documents with content outside the root element', () => {
  it.each([
    ['CDATA after the root', `${signed}<![CDATA[x]]>`],
    ['text after the root', `${signed}trailing`],
    ['CDATA before the root', `<![CDATA[x]]>${signed}`],
    // not content outside the root, but parsed two ways too: xml-crypto's older xmldom refuses and logs it
    [
      'an attribute name outside the BMP',
      signed.replace(' Version="2.0"', ' Ve\u{10f040}n="2.0" Version="2.0"'),
    ],
  ])('refuses a signed response with %s as not well-formed, writing nothing to stderr', (_, doc) => {
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => {});
    let error: unknown;
    try {
      verifySamlResponse(doc, certs);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AwsError);
    expect((error as AwsError).code).toBe('InvalidIdentityToken');
    expect((error as AwsError).message).toBe('Invalid SAML response: not well-formed XML without a DTD');
    expect(stderr).not.toHaveBeenCalled();
  });

  it('still accepts whitespace, comments and processing instructions around the root', () => {
    expect(() => parseXml(`<?xml version="1.0"?>\n<!-- c -->\n<a/>\n<?pi x?>\n`)).not.toThrow();
    expect(() => parseXml('<a/>x')).toThrow(UnsafeXmlError);
  });
});
