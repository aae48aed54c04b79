// SAML handling as a fuzz target: responses signed by a dev IdP (over the Assertion or the Response)
// with random XML edits — tags, attributes, comments, CDATA, entities, DOCTYPEs, duplicated or moved
// elements — and random bytes, verified and read as AssumeRoleWithSAML reads them, plus IdP metadata
// with the same edits. Only AwsError (InvalidIdentityToken, IDPRejectedClaim, ExpiredTokenException)
// and MetadataError may come out, and an accepted response always says what the IdP signed.
import fc from 'fast-check';
import { readAssertion } from '../../../src/federation/saml/assertion.ts';
import { readAwsAttributes } from '../../../src/federation/saml/aws-attributes.ts';
import {
  generateDevIdp,
  idOf,
  idpMetadataXml,
  samlResponseXml,
  signElement,
  type AssertionOptions,
} from '../../../src/federation/saml/dev-idp.ts';
import { MetadataError, parseSamlMetadata } from '../../../src/federation/saml/metadata.ts';
import { parseXml, UnsafeXmlError } from '../../../src/federation/saml/safe-xml.ts';
import { verifySamlResponse } from '../../../src/federation/saml/verify-response.ts';
import { AwsError } from '../../../src/errors.ts';
import {
  describeThrown,
  expectShape,
  type FuzzTarget,
  type Outcome,
  UnexpectedFailure,
} from './fuzz-target.ts';
import { mutatedText, randomUtf8 } from './mutations.ts';

const SAML_CODES = new Set(['InvalidIdentityToken', 'IDPRejectedClaim', 'ExpiredTokenException']);
export const SAML_NOW = new Date('2026-03-01T12:00:00Z');
const ROLE = {
  roleArn: 'arn:aws:iam::123456789012:role/Dev',
  providerArn: 'arn:aws:iam::123456789012:saml-provider/Idp',
};

const XML_TOKENS = [
  '<',
  '>',
  '/>',
  '</',
  '"',
  "'",
  '=',
  '&amp;',
  '&lt;',
  '&#0;',
  '&#x1F600;',
  '&unknown;',
  '<!-- -->',
  '<![CDATA[x]]>',
  '<?xml version="1.0"?>',
  '<!DOCTYPE r [<!ENTITY e "x">]>',
  '<!ENTITY x SYSTEM "file:///etc/passwd">',
  ' ID="_dup"',
  ' ID="',
  ' xmlns="urn:x"',
  ' xmlns:saml="urn:oasis:names:tc:SAML:2.0:protocol"',
  ' xmlns:ds="urn:x"',
  '<saml:Assertion ID="_evil" Version="2.0">',
  '</saml:Assertion>',
  '<saml:NameID>admin</saml:NameID>',
  '<saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role"><saml:AttributeValue>arn:aws:iam::123456789012:role/Admin,arn:aws:iam::123456789012:saml-provider/Idp</saml:AttributeValue></saml:Attribute>',
  '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>',
  '<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"/>',
  'NotOnOrAfter="1970-01-01T00:00:00Z"',
  'NotOnOrAfter="not a date"',
  '<saml:EncryptedAssertion/>',
  'saml:',
  'samlp:',
  'ds:',
  '\u0000',
  '\ud800',
];

export interface SamlInput {
  /** A SAML Response or, when `metadata`, an IdP metadata document. */
  xml: string;
  metadata: boolean;
}

interface Expected {
  subject: string;
  issuer: string;
  roleSessionName: string;
  roles: string;
}

export interface SamlFixture {
  certs: string[];
  entityId: string;
  responses: string[];
  metadata: string;
  expected: Expected;
}

/** A dev IdP (one openssl key pair) and responses it signed over the Assertion and over the Response. */
export function samlFixture(): SamlFixture {
  const idp = generateDevIdp('https://idp.example.com/saml');
  const options: AssertionOptions = {
    roles: [ROLE],
    roleSessionName: 'bob',
    subject: 'bob@example.com',
    now: SAML_NOW,
    sessionDuration: 3600,
    principalTags: { team: 'blue', 'cost-center': '12' },
    transitiveTagKeys: ['team'],
    sourceIdentity: 'bob',
    attributes: { 'urn:oid:0.9.2342.19200300.100.1.3': ['bob@example.com'] },
  };
  const signed = (what: 'Assertion' | 'Response') => {
    const xml = samlResponseXml(idp, { ...options, assertionId: `_a${what}`, responseId: `_r${what}` });
    return signElement(xml, idp, idOf(xml, what));
  };
  const metadata = idpMetadataXml(idp);
  return {
    certs: parseSamlMetadata(metadata).signingCertificates,
    entityId: idp.entityId,
    responses: [signed('Assertion'), signed('Response')],
    metadata,
    expected: {
      subject: 'bob@example.com',
      issuer: idp.entityId,
      roleSessionName: 'bob',
      roles: `${ROLE.roleArn},${ROLE.providerArn}`,
    },
  };
}

export function samlInputs(fixture: SamlFixture): fc.Arbitrary<SamlInput> {
  const response = fc.constantFrom(...fixture.responses);
  return fc.oneof(
    { weight: 8, arbitrary: mutatedText(response, XML_TOKENS).map((xml) => ({ xml, metadata: false })) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          randomUtf8,
          response.map((r) => r.slice(0, r.length >> 1)),
        )
        .map((xml) => ({ xml, metadata: false })),
    },
    {
      weight: 2,
      arbitrary: mutatedText(fc.constant(fixture.metadata), XML_TOKENS).map((xml) => ({
        xml,
        metadata: true,
      })),
    },
  );
}

/** Verifies and reads one response (or parses one metadata document); only documented errors may come out. */
export function runSaml(fixture: SamlFixture, input: SamlInput): Outcome {
  // the strict parser refuses only with UnsafeXmlError
  try {
    parseXml(input.xml);
  } catch (err) {
    if (!(err instanceof UnsafeXmlError))
      throw new UnexpectedFailure(`parseXml threw ${describeThrown(err)}`, input);
  }
  if (input.metadata) {
    try {
      const m = parseSamlMetadata(input.xml);
      expectShape(
        m.entityId.length > 0 && m.signingCertificates.length > 0,
        'metadata without entityID or certificate',
        input,
      );
      return { accepted: true };
    } catch (err) {
      if (err instanceof UnexpectedFailure) throw err;
      if (!(err instanceof MetadataError))
        throw new UnexpectedFailure(`threw ${describeThrown(err)}`, input, { cause: err });
      return { accepted: false, code: 'MetadataError' };
    }
  }
  let claims, attributes;
  try {
    const verified = verifySamlResponse(input.xml, fixture.certs);
    claims = readAssertion(verified.assertion, {
      entityId: fixture.entityId,
      now: SAML_NOW,
      ...(verified.destination !== undefined ? { destination: verified.destination } : {}),
    });
    attributes = readAwsAttributes(claims);
  } catch (err) {
    if (!(err instanceof AwsError))
      throw new UnexpectedFailure(`threw ${describeThrown(err)}`, input, { cause: err });
    expectShape(
      SAML_CODES.has(err.code) && err.status < 500 && err.message.length > 0,
      `error ${err.code}/${err.status}`,
      input,
    );
    return { accepted: false, code: err.code };
  }
  // what was signed cannot change: an accepted response reads exactly the IdP's values
  const read: Expected = {
    subject: claims.subject,
    issuer: claims.issuer,
    roleSessionName: attributes.roleSessionName,
    roles: attributes.roles.map((r) => `${r.roleArn},${r.providerArn}`).join(';'),
  };
  expectShape(
    JSON.stringify(read) === JSON.stringify(fixture.expected),
    `accepted with ${JSON.stringify(read)}`,
    input,
  );
  return { accepted: true };
}

export function samlTarget(): FuzzTarget<SamlInput> {
  const fixture = samlFixture();
  return {
    name: 'SAML XML (verifySamlResponse, readAssertion, metadata)',
    inputs: samlInputs(fixture),
    run: (i) => runSaml(fixture, i),
  };
}
