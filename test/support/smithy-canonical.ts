// The canonical request as @smithy/signature-v4 builds it, over exactly the headers the client
// signed: the peer our own canonicalisation (src/authn/sigv4/canonical-request.ts) is checked
// against in tests and measured against in bench/sigv4.ts.
import { SignatureV4Base, getCanonicalHeaders } from '@smithy/signature-v4';
import { NodeSha256 } from '../../src/authn/sigv4/node-sha256.ts';
import type { ParsedAuth, SignedRequest } from '../../src/authn/sigv4/index.ts';

type SmithyRequest = Parameters<typeof getCanonicalHeaders>[0];
type SmithyHeaders = ReturnType<typeof getCanonicalHeaders>;

const EMPTY_REQUEST: SmithyRequest = { method: '', protocol: 'https:', hostname: '', path: '/', headers: {} };

/** Opens SignatureV4Base's canonical request; no credentials are ever used. */
class Canonicaliser extends SignatureV4Base {
  constructor() {
    super({
      credentials: { accessKeyId: '', secretAccessKey: '' },
      region: '',
      service: '',
      sha256: NodeSha256,
      uriEscapePath: true,
    });
  }

  canonicalRequest(request: SmithyRequest, headers: SmithyHeaders, payloadHash: string): string {
    return this.createCanonicalRequest(request, headers, payloadHash);
  }
}

const canonicaliser = new Canonicaliser();

/** Exactly the signed headers, repeated values joined by `,`; smithy's own filters let them all through. */
function signedHeaderValues(req: SignedRequest, signedHeaders: readonly string[]): SmithyHeaders {
  const headers = Object.create(null) as Record<string, string>;
  const names = new Set<string>();
  for (const listed of signedHeaders) {
    const name = listed.toLowerCase();
    names.add(name);
    const value = req.headers[name];
    headers[name] = Array.isArray(value) ? value.map((v) => v.trim()).join(',') : (value ?? '');
  }
  return getCanonicalHeaders({ ...EMPTY_REQUEST, headers }, undefined, names);
}

/** smithy's canonical request for a request every service but S3 would verify (path normalised). */
export function smithyCanonicalRequest(req: SignedRequest, parsed: ParsedAuth, payloadHash: string): string {
  const request: SmithyRequest = {
    ...EMPTY_REQUEST,
    method: req.method,
    path: req.path,
    query: Object.fromEntries(parsed.queryParams) as SmithyRequest['query'],
  };
  return canonicaliser.canonicalRequest(request, signedHeaderValues(req, parsed.signedHeaders), payloadHash);
}
