// Safe XML for SAML: documents with a DTD (and so any entity declaration or expansion) are refused
// before parsing, any parser warning or error is fatal, and elements are found by namespace and
// local name, never by prefix.
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';

export const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

export class UnsafeXmlError extends Error {
  override readonly name = 'UnsafeXmlError';
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** Parses `text` as XML, refusing DTDs, entity declarations and anything not well-formed. */
export function parseXml(text: string): Document {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text))
    throw new UnsafeXmlError('XML with a document type declaration is not accepted');
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        throw new UnsafeXmlError(`XML ${level}: ${message}`);
      },
    }).parseFromString(text, 'text/xml');
  } catch (err) {
    // xmldom rethrows some of onError's throws wrapped in its own ParseError: always say UnsafeXmlError
    if (err instanceof UnsafeXmlError) throw err;
    throw new UnsafeXmlError(err instanceof Error ? err.message : 'XML is not well-formed', { cause: err });
  }
  if (!doc.documentElement) throw new UnsafeXmlError('XML document has no root element');
  // a document is one element with only comments, processing instructions and white space beside it
  // (XML 1.0 [1]); xmldom keeps CDATA there, which xml-crypto's lenient parse then logs to stderr
  for (let n = doc.firstChild; n; n = n.nextSibling)
    if (
      n.nodeType === CDATA_SECTION_NODE ||
      (n.nodeType === TEXT_NODE && /[^ \t\r\n]/.test(n.nodeValue ?? '')) ||
      (n.nodeType === ELEMENT_NODE && n !== doc.documentElement)
    )
      throw new UnsafeXmlError('XML document has content outside its root element');
  // SAML's element and attribute names are ASCII; a name that is not (U+10000 and above are Name
  // characters to this xmldom, not to the older one inside xml-crypto) would be parsed two ways
  for (const el of allElements(doc)) {
    if (!ASCII_NAME.test(el.nodeName)) throw new UnsafeXmlError('XML element name is not ASCII');
    for (let i = 0; i < el.attributes.length; i++)
      if (!ASCII_NAME.test(el.attributes.item(i)?.name ?? ''))
        throw new UnsafeXmlError('XML attribute name is not ASCII');
  }
  return doc;
}

const ASCII_NAME = /^[A-Za-z_][\w.:-]*$/;

/** The element children of `parent` with the given namespace and local name, in document order. */
export function childElements(parent: Node, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling)
    if (
      n.nodeType === ELEMENT_NODE &&
      (n as Element).namespaceURI === ns &&
      (n as Element).localName === localName
    )
      out.push(n as Element);
  return out;
}

/** The only such child, or undefined when there is none; more than one is an error. */
export function onlyChild(parent: Node, ns: string, localName: string): Element | undefined {
  const found = childElements(parent, ns, localName);
  if (found.length > 1) throw new UnsafeXmlError(`more than one ${localName} element`);
  return found[0];
}

/** Every descendant element with the given namespace and local name. */
export function descendants(root: Node, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== ELEMENT_NODE) continue;
      const e = c as Element;
      if (e.namespaceURI === ns && e.localName === localName) out.push(e);
      walk(e);
    }
  };
  walk(root);
  return out;
}

/** Every element of the document, in document order. */
export function allElements(doc: Document): Element[] {
  const out: Element[] = [];
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling)
      if (c.nodeType === ELEMENT_NODE) {
        out.push(c as Element);
        walk(c);
      }
  };
  walk(doc);
  return out;
}

/**
 * The text of an element read canonically: every text and CDATA descendant concatenated, so that a
 * comment splitting a value (`admin<!-- -->@evil`) never shortens it to its first text node.
 */
export function textOf(el: Node): string {
  let s = '';
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === TEXT_NODE || c.nodeType === CDATA_SECTION_NODE) s += c.nodeValue ?? '';
    else if (c.nodeType === ELEMENT_NODE) s += textOf(c);
  }
  return s;
}

/** An attribute's value, or undefined when the element lacks it. */
export function attr(el: Element, name: string): string | undefined {
  return el.hasAttribute(name) ? (el.getAttribute(name) ?? undefined) : undefined;
}
