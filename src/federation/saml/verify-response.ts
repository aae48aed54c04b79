// Verifying a SAML Response: a valid XML signature, by one of the provider's certificates, over the
// Response or over an Assertion that is its direct child, enveloped in the element it signs, whose
// one Reference names that element by an ID no other element of the document carries. What the
// caller reads afterwards is the signed XML itself (xml-crypto's canonical form of the reference,
// parsed again), so nothing outside the signature — an inserted assertion, a moved element, a
// comment splitting a value — can be read as if it were signed.
import { XMLSerializer, type Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { AwsError } from '../../errors.ts';
import { allElements, attr, childElements, descendants, NS, onlyChild, parseXml } from './safe-xml.ts';

export interface VerifiedResponse {
  /** The signed assertion, parsed from the signed XML alone. */
  assertion: Element;
  /** Which element the accepted signature covers. */
  signed: 'Response' | 'Assertion';
  /** The Response's Destination, only when the Response itself is signed. */
  destination?: string;
}

const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const EXC_C14N_COMMENTS = 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const CANONICALIZATIONS = new Set([EXC_C14N, EXC_C14N_COMMENTS]);
const TRANSFORMS = new Set([ENVELOPED, EXC_C14N, EXC_C14N_COMMENTS]);
const SIGNATURE_ALGORITHMS = new Set([
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
]);
const DIGEST_ALGORITHMS = new Set([
  'http://www.w3.org/2001/04/xmlenc#sha256',
  'http://www.w3.org/2001/04/xmlenc#sha512',
  'http://www.w3.org/2000/09/xmldsig#sha1',
]);

const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

export const SIGNATURE_INVALID = 'Response signature invalid';

export const invalidToken = (message: string) => new AwsError('InvalidIdentityToken', message);

interface Candidate {
  signature: Element;
  signedElement: Element;
  kind: 'Response' | 'Assertion';
}

/** Verifies `xml` (a decoded SAMLResponse) against the provider's certificates (PEM). */
export function verifySamlResponse(xml: string, certificates: readonly string[]): VerifiedResponse {
  let doc;
  try {
    doc = parseXml(xml);
  } catch {
    throw invalidToken('Invalid SAML response: not well-formed XML without a DTD');
  }
  const response = doc.documentElement!;
  if (response.namespaceURI !== NS.protocol || response.localName !== 'Response')
    throw invalidToken('Invalid SAML response: the root element is not a SAML 2.0 Response');
  // a status other than Success is the IdP refusing the user (read unsigned: it can only refuse)
  const status = childElements(response, NS.protocol, 'Status')[0];
  const code = status && childElements(status, NS.protocol, 'StatusCode')[0];
  if (code && attr(code, 'Value') !== SUCCESS)
    throw new AwsError(
      'IDPRejectedClaim',
      `The identity provider rejected the authentication: ${attr(code, 'Value') ?? ''}`,
      {
        status: 403,
      },
    );
  if (descendants(response, NS.assertion, 'EncryptedAssertion').length > 0)
    throw invalidToken('Invalid SAML response: encrypted assertions are not supported');

  // one Assertion, a direct child of the Response: an inserted, nested or moved copy is refused
  const assertions = descendants(response, NS.assertion, 'Assertion');
  if (assertions.length !== 1 || assertions[0]!.parentNode !== response)
    throw invalidToken('Invalid SAML response: the Response must hold exactly one Assertion');

  const idCounts = countIds(allElements(doc));
  const candidates: Candidate[] = [];
  for (const assertion of childElements(response, NS.assertion, 'Assertion'))
    for (const signature of childElements(assertion, NS.dsig, 'Signature'))
      candidates.push({ signature, signedElement: assertion, kind: 'Assertion' });
  for (const signature of childElements(response, NS.dsig, 'Signature'))
    candidates.push({ signature, signedElement: response, kind: 'Response' });

  for (const candidate of candidates) {
    const id = attr(candidate.signedElement, 'ID');
    if (!id || idCounts.get(id) !== 1) continue;
    if (!wellFormedSignature(candidate.signature, id)) continue;
    const signedXml = checkWithAnyCertificate(xml, candidate.signature, certificates);
    if (signedXml === undefined) continue;
    return readSigned(signedXml, candidate.kind, id);
  }
  throw invalidToken(SIGNATURE_INVALID);
}

/** How many elements carry each ID value, counting ID, Id and id attributes as xml-crypto does. */
function countIds(elements: readonly Element[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const el of elements)
    for (let i = 0; i < el.attributes.length; i++) {
      const a = el.attributes.item(i);
      if (!a || !['ID', 'Id', 'id'].includes(a.localName ?? a.name)) continue;
      counts.set(a.value, (counts.get(a.value) ?? 0) + 1);
    }
  return counts;
}

/** One SignedInfo, one Reference naming `#id`, and only the algorithms SAML uses. */
function wellFormedSignature(signature: Element, id: string): boolean {
  const signedInfos = childElements(signature, NS.dsig, 'SignedInfo');
  if (signedInfos.length !== 1) return false;
  const signedInfo = signedInfos[0]!;
  const c14n = onlyChildOrUndefined(signedInfo, 'CanonicalizationMethod');
  const method = onlyChildOrUndefined(signedInfo, 'SignatureMethod');
  if (!c14n || !CANONICALIZATIONS.has(attr(c14n, 'Algorithm') ?? '')) return false;
  if (!method || !SIGNATURE_ALGORITHMS.has(attr(method, 'Algorithm') ?? '')) return false;
  const refs = childElements(signedInfo, NS.dsig, 'Reference');
  if (refs.length !== 1 || attr(refs[0]!, 'URI') !== `#${id}`) return false;
  const digest = onlyChildOrUndefined(refs[0]!, 'DigestMethod');
  if (!digest || !DIGEST_ALGORITHMS.has(attr(digest, 'Algorithm') ?? '')) return false;
  const transforms = onlyChildOrUndefined(refs[0]!, 'Transforms');
  if (transforms)
    for (const t of childElements(transforms, NS.dsig, 'Transform'))
      if (!TRANSFORMS.has(attr(t, 'Algorithm') ?? '')) return false;
  return true;
}

function onlyChildOrUndefined(parent: Element, localName: string): Element | undefined {
  try {
    return onlyChild(parent, NS.dsig, localName);
  } catch {
    return undefined;
  }
}

/** The canonical XML the signature covers, if one of the certificates verifies it. */
function checkWithAnyCertificate(
  xml: string,
  signature: Element,
  certificates: readonly string[],
): string | undefined {
  const signatureXml = new XMLSerializer().serializeToString(signature);
  for (const cert of certificates) {
    // KeyInfo in the document is never trusted: only the provider's certificates verify.
    const verifier = new SignedXml({ publicCert: cert, getCertFromKeyInfo: () => null });
    try {
      verifier.loadSignature(signatureXml);
      if (!verifier.checkSignature(xml)) continue;
    } catch {
      continue;
    }
    const refs = verifier.getSignedReferences();
    if (refs.length === 1) return refs[0];
  }
  return undefined;
}

/** Parses the signed XML again and takes the assertion from it alone. */
function readSigned(signedXml: string, kind: 'Response' | 'Assertion', id: string): VerifiedResponse {
  let root;
  try {
    root = parseXml(signedXml).documentElement!;
  } catch {
    throw invalidToken(SIGNATURE_INVALID);
  }
  const ns = kind === 'Response' ? NS.protocol : NS.assertion;
  if (root.namespaceURI !== ns || root.localName !== kind || attr(root, 'ID') !== id)
    throw invalidToken(SIGNATURE_INVALID);
  if (kind === 'Assertion') return { assertion: root, signed: 'Assertion' };
  const assertions = childElements(root, NS.assertion, 'Assertion');
  if (assertions.length !== 1)
    throw invalidToken('Invalid SAML response: a signed Response must hold exactly one Assertion');
  const destination = attr(root, 'Destination');
  return { assertion: assertions[0]!, signed: 'Response', ...(destination ? { destination } : {}) };
}
