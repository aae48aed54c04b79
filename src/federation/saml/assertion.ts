// Reading a signed SAML assertion as AWS does: its Issuer must be the provider's entityID; exactly
// one bearer SubjectConfirmation whose SubjectConfirmationData has a Recipient of AWS's sign-in
// endpoint and a NotOnOrAfter; Conditions' NotBefore / NotOnOrAfter and every AudienceRestriction
// (AWS's audience) hold at `now`, with a small allowance for clock skew; the assertion's IssueInstant is
// at most five minutes old ("Token must be redeemed within 5 minutes of issuance") and not in the
// future. Values are read as the full text of their elements.
import type { Element } from '@xmldom/xmldom';
import { AwsError } from '../../errors.ts';
import { attr, childElements, NS, textOf } from './safe-xml.ts';
import { invalidToken } from './verify-response.ts';

/** How far the IdP's clock may be from ours. */
export const CLOCK_SKEW_MS = 60_000;

/** AWS's sign-in SAML endpoints (global, regional, China, GovCloud; the /static and /acs/ID forms). */
const SIGNIN_ENDPOINT =
  /^https:\/\/(?:[a-z0-9-]+\.)?signin\.(?:aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com)\/(?:static\/)?saml(?:\/acs\/[A-Za-z0-9-]+)?\/?$/;
/** What AWS accepts as the audience: its sign-in endpoints and the `urn:amazon:webservices` URNs. */
const AUDIENCE = /^urn:amazon:webservices(?::[a-z0-9-]+)?$/;

export const isAwsRecipient = (value: string) => SIGNIN_ENDPOINT.test(value);
export const isAwsAudience = (value: string) => SIGNIN_ENDPOINT.test(value) || AUDIENCE.test(value);

export const EXPIRED_MESSAGE = 'Token must be redeemed within 5 minutes of issuance';
/** How long after its IssueInstant an assertion may be redeemed. */
export const REDEEM_WITHIN_MS = 5 * 60_000;

export interface AssertionClaims {
  /** The assertion's ID (what the replay cache keeps). */
  id: string;
  issuer: string;
  /** The NameID's value. */
  subject: string;
  /** The NameID's Format as AWS reports it: `persistent`, `transient`, or the full format URI. */
  subjectType: string;
  /** The Recipient of the SubjectConfirmationData (AWS's Audience and saml:aud). */
  recipient: string;
  /** When the assertion stops being valid. */
  notOnOrAfter: Date;
  /** The AuthnStatement's SessionNotOnOrAfter, which caps the session. */
  sessionNotOnOrAfter?: Date;
  /** Attribute name → values, in document order. */
  attributes: Map<string, string[]>;
}

export interface AssertionExpectations {
  entityId: string;
  now: Date;
  /** The Response's Destination, when the Response was signed. */
  destination?: string;
}

const NAMEID_PREFIX = 'urn:oasis:names:tc:SAML:2.0:nameid-format:';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

function time(el: Element, name: string): Date | undefined {
  const v = attr(el, name);
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (!/^\d{4}-\d\d-\d\dT/.test(v) || Number.isNaN(d.getTime()))
    throw invalidToken(`Invalid SAML response: ${name} is not a date`);
  return d;
}

function one(parent: Element, ns: string, name: string, what: string): Element {
  const found = childElements(parent, ns, name);
  if (found.length !== 1) throw invalidToken(`Invalid SAML response: ${what}`);
  return found[0]!;
}

/** Checks and reads a verified assertion; throws AWS's errors for what does not hold. */
export function readAssertion(assertion: Element, expect: AssertionExpectations): AssertionClaims {
  const now = expect.now.getTime();
  if (attr(assertion, 'Version') !== '2.0') throw invalidToken('Invalid SAML response: Version must be 2.0');
  const id = attr(assertion, 'ID');
  if (!id) throw invalidToken('Invalid SAML response: the assertion must have an ID');
  const issued = time(assertion, 'IssueInstant');
  if (!issued) throw invalidToken('Invalid SAML response: the assertion must have an IssueInstant');
  if (issued.getTime() > now + CLOCK_SKEW_MS)
    throw invalidToken('Invalid SAML response: the assertion was issued in the future (IssueInstant)');
  if (now - issued.getTime() > REDEEM_WITHIN_MS + CLOCK_SKEW_MS)
    throw new AwsError('ExpiredTokenException', EXPIRED_MESSAGE);

  const issuer = textOf(one(assertion, NS.assertion, 'Issuer', 'the assertion must have one Issuer')).trim();
  if (issuer !== expect.entityId) throw invalidToken('Issuer not present in specified provider');

  const subjectEl = one(assertion, NS.assertion, 'Subject', 'the assertion must have one Subject');
  const nameId = one(subjectEl, NS.assertion, 'NameID', 'the Subject must have one NameID');
  const subject = textOf(nameId).trim();
  if (!subject) throw invalidToken('Invalid SAML response: the NameID is empty');
  const format = attr(nameId, 'Format') ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';
  const subjectType = format.startsWith(NAMEID_PREFIX) ? format.slice(NAMEID_PREFIX.length) : format;

  const confirmations = childElements(subjectEl, NS.assertion, 'SubjectConfirmation');
  if (confirmations.length !== 1 || attr(confirmations[0]!, 'Method') !== BEARER)
    throw invalidToken('Invalid SAML response: the Subject must have exactly one bearer SubjectConfirmation');
  const data = one(
    confirmations[0]!,
    NS.assertion,
    'SubjectConfirmationData',
    'the SubjectConfirmation must have SubjectConfirmationData',
  );
  const recipient = attr(data, 'Recipient');
  const confirmUntil = time(data, 'NotOnOrAfter');
  if (recipient === undefined || confirmUntil === undefined)
    throw invalidToken('Invalid SAML response: SubjectConfirmationData must have NotOnOrAfter and Recipient');
  if (!isAwsRecipient(recipient))
    throw invalidToken(`Invalid SAML response: Recipient ${recipient} is not the AWS sign-in endpoint`);
  if (expect.destination !== undefined && !isAwsRecipient(expect.destination))
    throw invalidToken(
      `Invalid SAML response: Destination ${expect.destination} is not the AWS sign-in endpoint`,
    );
  const confirmFrom = time(data, 'NotBefore');
  if (confirmFrom && now + CLOCK_SKEW_MS < confirmFrom.getTime())
    throw invalidToken('Invalid SAML response: the assertion is not yet valid');
  if (now - CLOCK_SKEW_MS >= confirmUntil.getTime())
    throw new AwsError('ExpiredTokenException', EXPIRED_MESSAGE);

  let notOnOrAfter = confirmUntil;
  const conditions = childElements(assertion, NS.assertion, 'Conditions');
  if (conditions.length !== 1)
    throw invalidToken('Invalid SAML response: the assertion must have one Conditions');
  const cond = conditions[0]!;
  const from = time(cond, 'NotBefore');
  const until = time(cond, 'NotOnOrAfter');
  if (from && now + CLOCK_SKEW_MS < from.getTime())
    throw invalidToken('Invalid SAML response: the assertion is not yet valid');
  if (until) {
    if (now - CLOCK_SKEW_MS >= until.getTime()) throw new AwsError('ExpiredTokenException', EXPIRED_MESSAGE);
    if (until < notOnOrAfter) notOnOrAfter = until;
  }
  const restrictions = childElements(cond, NS.assertion, 'AudienceRestriction');
  if (restrictions.length === 0) throw invalidToken('Invalid SAML response: the assertion has no Audience');
  for (const r of restrictions) {
    const audiences = childElements(r, NS.assertion, 'Audience').map((a) => textOf(a).trim());
    if (!audiences.some(isAwsAudience))
      throw invalidToken(
        'Invalid SAML response: the Audience is not AWS (https://signin.aws.amazon.com/saml)',
      );
  }

  let sessionNotOnOrAfter: Date | undefined;
  for (const authn of childElements(assertion, NS.assertion, 'AuthnStatement')) {
    const s = time(authn, 'SessionNotOnOrAfter');
    if (s && (!sessionNotOnOrAfter || s < sessionNotOnOrAfter)) sessionNotOnOrAfter = s;
  }

  const attributes = new Map<string, string[]>();
  for (const statement of childElements(assertion, NS.assertion, 'AttributeStatement'))
    for (const a of childElements(statement, NS.assertion, 'Attribute')) {
      const name = attr(a, 'Name');
      if (!name) continue;
      const values = attributes.get(name) ?? [];
      for (const v of childElements(a, NS.assertion, 'AttributeValue')) values.push(textOf(v).trim());
      attributes.set(name, values);
    }

  return {
    id,
    issuer,
    subject,
    subjectType,
    recipient,
    notOnOrAfter,
    ...(sessionNotOnOrAfter ? { sessionNotOnOrAfter } : {}),
    attributes,
  };
}
