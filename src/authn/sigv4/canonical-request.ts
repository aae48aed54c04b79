// The canonical request and string to sign for a parsed request, built in one pass over exactly
// the headers the client signed. Written here (not through @smithy/signature-v4's canonicaliser)
// because it is the verifier's hot path; it follows smithy's rules to the character, which
// test/authn/sigv4-canonical-smithy.test.ts checks on generated requests and AWS's vectors confirm.
import { SigV4Error, messages } from './errors.ts';
import { sha256Hex } from './node-sha256.ts';
import { ALGORITHM, type ParsedAuth } from './parse-authorization.ts';
import { payloadHashFor } from './payload-hash.ts';
import type { QueryParams } from './query-params.ts';
import type { SignedHeaderNames } from './signed-header-names.ts';
import type { SignedRequest, VerifyOptions } from './signed-request.ts';

export interface CanonicalForm {
  canonicalRequest: string;
  stringToSign: string;
}

/** RFC 3986 unreserved characters stay; everything else is %XX (encodeURIComponent leaves !'()*). */
function escapeUri(value: string): string {
  const encoded = encodeURIComponent(value);
  return /[!'()*]/.test(encoded) ? encoded.replace(/[!'()*]/g, hexEscape) : encoded;
}

function hexEscape(c: string): string {
  return `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
}

/** Every service but S3: dot and empty segments removed, then the path URI-encoded a second time. */
function normalisedPath(path: string): string {
  if (path === '/') return path;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const lead = path.startsWith('/') ? '/' : '';
  const trail = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return escapeUri(`${lead}${segments.join('/')}${trail}`).replace(/%2F/g, '/');
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** S3's canonical URI: no dot-segment removal, each segment percent-encoded exactly once. */
function encodePathOnce(path: string): string {
  return path
    .split('/')
    .map((segment) => escapeUri(decodeSegment(segment)))
    .join('/');
}

/**
 * Parameters sorted by encoded name, a repeated name's `name=value` pairs sorted among
 * themselves; X-Amz-Signature (any case) is left out, and so is X-Amz-Security-Token when asked.
 */
function canonicalQuery(params: QueryParams, omitSessionToken: boolean): string {
  const pairs: { key: string; text: string }[] = [];
  for (const [name, value] of params) {
    const lower = name.toLowerCase();
    if (lower === 'x-amz-signature') continue;
    if (omitSessionToken && name === 'X-Amz-Security-Token') continue;
    const key = escapeUri(name);
    const text =
      typeof value === 'string'
        ? `${key}=${escapeUri(value)}`
        : value
            .map((v) => `${key}=${escapeUri(v)}`)
            .sort()
            .join('&');
    pairs.push({ key, text });
  }
  if (pairs.length === 0) return '';
  pairs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return pairs.map((pair) => pair.text).join('&');
}

const FOLDABLE = /[\r\n\t]| {2}|^ | $/;
/** Past this length, four substring searches beat the regular expression's scan (a session token). */
const LONG_VALUE = 64;

/** Whether a value has CR, LF, a tab, two spaces in a row, or a space at either end. */
function needsFolding(value: string): boolean {
  if (value.length <= LONG_VALUE) return FOLDABLE.test(value);
  return (
    value.charCodeAt(0) === 32 ||
    value.charCodeAt(value.length - 1) === 32 ||
    value.includes('  ') ||
    value.includes('\t') ||
    value.includes('\n') ||
    value.includes('\r')
  );
}

/** A header's canonical value: CR/LF as spaces, runs of spaces and tabs as one, ends trimmed of one space. */
function canonicalValue(value: string): string {
  if (!needsFolding(value)) return value;
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/^ | $/g, '');
}

function headerValue(req: SignedRequest, name: string): string {
  const value = req.headers[name];
  // a repeated header's values, each trimmed, joined by `,` as the spec says
  return Array.isArray(value) ? value.map((v) => v.trim()).join(',') : (value ?? '');
}

/** The header block and the signed-header line, over the names as the canonical request lists them. */
function canonicalHeaders(req: SignedRequest, { names, line }: SignedHeaderNames): string {
  let block = '';
  for (const name of names) block += `${name}:${canonicalValue(headerValue(req, name))}\n`;
  return `${block}\n${line}`;
}

/** The canonical request and string to sign the client should have produced for this request. */
export function canonicalFor(
  req: SignedRequest,
  parsed: ParsedAuth,
  opts: VerifyOptions = {},
): CanonicalForm {
  const payloadHash = payloadHashFor(req, opts.allowUnsignedPayload ?? false);
  let canonicalRequest: string;
  try {
    const path = (opts.normalizePath ?? true) ? normalisedPath(req.path) : encodePathOnce(req.path);
    const query = canonicalQuery(parsed.queryParams, parsed.presigned && (opts.omitSessionToken ?? false));
    canonicalRequest = `${req.method}\n${path}\n${query}\n${canonicalHeaders(req, parsed.canonicalHeaders)}\n${payloadHash}`;
  } catch (cause) {
    // encodeURIComponent refuses lone surrogates: no client could have signed such a request.
    throw new SigV4Error('SignatureDoesNotMatch', messages.signatureDoesNotMatch, { cause });
  }
  const stringToSign = `${ALGORITHM}\n${parsed.amzDate}\n${parsed.credentialScope}\n${sha256Hex(canonicalRequest)}`;
  return { canonicalRequest, stringToSign };
}
