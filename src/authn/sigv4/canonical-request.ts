// The canonical request and string to sign for a parsed request: the canonical request is
// @smithy/signature-v4's own canonicalisation over exactly the headers the client signed.
import { SignatureV4Base, getCanonicalHeaders } from '@smithy/signature-v4';
import { SigV4Error, messages } from './errors.ts';
import { NodeSha256, sha256Hex } from './node-sha256.ts';
import { ALGORITHM, type ParsedAuth } from './parse-authorization.ts';
import { payloadHashFor } from './payload-hash.ts';
import type { QueryParams } from './query-params.ts';
import type { SignedRequest, VerifyOptions } from './signed-request.ts';

type SmithyRequest = Parameters<typeof getCanonicalHeaders>[0];
type SmithyHeaders = ReturnType<typeof getCanonicalHeaders>;

export interface CanonicalForm {
  canonicalRequest: string;
  stringToSign: string;
}

const EMPTY_REQUEST: SmithyRequest = { method: '', protocol: 'https:', hostname: '', path: '/', headers: {} };

/** Opens SignatureV4Base's canonical request; no credentials are ever used. */
class Canonicaliser extends SignatureV4Base {
  constructor(uriEscapePath: boolean) {
    super({
      credentials: { accessKeyId: '', secretAccessKey: '' },
      region: '',
      service: '',
      sha256: NodeSha256,
      uriEscapePath,
    });
  }

  canonicalRequest(request: SmithyRequest, headers: SmithyHeaders, payloadHash: string): string {
    return this.createCanonicalRequest(request, headers, payloadHash);
  }
}

// uriEscapePath: smithy normalises the path and URI-encodes it again (every service but S3).
const normalising = new Canonicaliser(true);
// Without it smithy leaves the path untouched; S3's rule still encodes each segment once.
const literal = new Canonicaliser(false);

function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
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

/** Exactly the signed headers, repeated values joined by `,` as the spec says. */
function signedHeaderValues(req: SignedRequest, signedHeaders: readonly string[]) {
  const headers = Object.create(null) as Record<string, string>;
  const names = new Set<string>();
  for (const listed of signedHeaders) {
    const name = listed.toLowerCase();
    names.add(name);
    const value = req.headers[name];
    headers[name] = Array.isArray(value) ? value.map((v) => v.trim()).join(',') : (value ?? '');
  }
  // signableHeaders lets through the names smithy never signs itself (user-agent, expect …).
  return getCanonicalHeaders({ ...EMPTY_REQUEST, headers }, undefined, names);
}

function withoutSessionToken(params: QueryParams): QueryParams {
  const copy = Object.create(null) as Record<string, string | readonly string[]>;
  for (const [name, value] of Object.entries(params)) if (name !== 'X-Amz-Security-Token') copy[name] = value;
  return copy;
}

/** The canonical request and string to sign the client should have produced for this request. */
export function canonicalFor(
  req: SignedRequest,
  parsed: ParsedAuth,
  opts: VerifyOptions = {},
): CanonicalForm {
  const payloadHash = payloadHashFor(req, opts.allowUnsignedPayload ?? false);
  const normalize = opts.normalizePath ?? true;
  const query =
    parsed.presigned && opts.omitSessionToken ? withoutSessionToken(parsed.queryParams) : parsed.queryParams;
  let canonicalRequest: string;
  try {
    const request: SmithyRequest = {
      ...EMPTY_REQUEST,
      method: req.method,
      path: normalize ? req.path : encodePathOnce(req.path),
      query: query as SmithyRequest['query'],
    };
    const canonicaliser = normalize ? normalising : literal;
    canonicalRequest = canonicaliser.canonicalRequest(
      request,
      signedHeaderValues(req, parsed.signedHeaders),
      payloadHash,
    );
  } catch (cause) {
    // encodeURIComponent refuses lone surrogates: no client could have signed such a request.
    throw new SigV4Error('SignatureDoesNotMatch', messages.signatureDoesNotMatch, { cause });
  }
  // smithy's createStringToSign is this same join, behind a promise and a byte-wise hex encoder.
  const stringToSign = `${ALGORITHM}\n${parsed.amzDate}\n${parsed.credentialScope}\n${sha256Hex(canonicalRequest)}`;
  return { canonicalRequest, stringToSign };
}
