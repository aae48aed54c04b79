// The request as the verifier sees it, what a verified signature tells the caller, and how the
// caller hands over secrets and options.

/**
 * One HTTP request, as received. Pass Node's `IncomingMessage.headersDistinct` (or `headers`):
 * a header that arrives more than once must come as an array for its canonical value
 * (`a,b`) to match what the client signed; `headers` joins repeats with `, ` and drops repeated `host`.
 */
export interface SignedRequest {
  method: string;
  /** Raw path as received, without the query. */
  path: string;
  /** Raw query string, without the '?'. */
  query: string;
  /** Lower-case header names. */
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
  /**
   * The body's SHA-256 (hex) when the body itself is not at hand — a service asking Tessera to
   * verify a request it received sends only the digest. When set, `body` is not hashed.
   */
  payloadHash?: string;
}

export interface SigningSecret {
  secretAccessKey: string;
}

export interface VerifiedSignature {
  accessKeyId: string;
  region: string;
  service: string;
  signedAt: Date;
  /** X-Amz-Security-Token, from the header or the query; signed or not, it is the caller's to check. */
  sessionToken?: string;
  presigned: boolean;
  /** SignedHeaders, as the client listed them. */
  signedHeaders: readonly string[];
}

/**
 * Finds the secret for an access key id; undefined when no such key is live. For temporary
 * (ASIA…) keys the secret comes from the session token, passed as it arrived (header or query);
 * the lookup must check that the token belongs to that access key id.
 */
export type SecretLookup = (
  accessKeyId: string,
  sessionToken: string | undefined,
) => Promise<SigningSecret | undefined> | SigningSecret | undefined;

export interface VerifyOptions {
  /** How far X-Amz-Date may be from `now`, either way. Default 15 minutes, as AWS. */
  maxSkewMs?: number;
  /** Remove `.`/`..`/empty path segments and URI-encode the path again (every service but S3). Default true. */
  normalizePath?: boolean;
  /** When set, the credential scope must name this region. */
  region?: string;
  /** When set, the credential scope must name this service. */
  service?: string;
  /**
   * Accept `x-amz-content-sha256: UNSIGNED-PAYLOAD` and sign that literal instead of the body's
   * hash (S3 behaviour). Default false: IAM and STS always sign the body.
   */
  allowUnsignedPayload?: boolean;
  /**
   * Presigned form only: X-Amz-Security-Token was appended after signing and is left out of the
   * canonical query (aws-c-auth's `omit_session_token`, as AWS IoT expects). Default false.
   */
  omitSessionToken?: boolean;
}

/** The first value of a header; repeated headers arrive as arrays. */
export function firstHeader(req: SignedRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
