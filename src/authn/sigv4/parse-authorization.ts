// Reading a request's SigV4 authentication, from the Authorization header or the presigned query,
// into one structure — checked in the order AWS checks it, before any secret is looked up.
import { SigV4Error, messages } from './errors.ts';
import { firstParam, parseQuery, type QueryParams } from './query-params.ts';
import { parseAmzDate, parseDateHeader } from './request-date.ts';
import { signedHeaderNames, type SignedHeaderNames } from './signed-header-names.ts';
import { firstHeader, type SignedRequest } from './signed-request.ts';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_EXPIRES_SECONDS = 604_800;

/** A credential's five parts, and its scope. */
export interface CredentialParts {
  accessKeyId: string;
  /** `date/region/service/terminator` as the client wrote it: the string to sign's scope line. */
  credentialScope: string;
  scopeDate: string;
  region: string;
  service: string;
  terminator: string;
}

export interface ParsedAuth extends CredentialParts {
  /** True for the query-string (presigned URL) form. */
  presigned: boolean;
  /** As listed by the client, in its order and case. */
  signedHeaders: readonly string[];
  /** The same names as the canonical request lists them. */
  canonicalHeaders: SignedHeaderNames;
  signature: string;
  signedAt: Date;
  /** `signedAt` in ISO 8601 basic format: the string to sign's date line. */
  amzDate: string;
  /** X-Amz-Expires, presigned form only. */
  expiresSeconds?: number;
  sessionToken?: string;
  /** The decoded query, reused for the canonical query string. */
  queryParams: QueryParams;
}

interface AuthFields {
  presigned: boolean;
  credential: string;
  signature: string;
  signedHeaders: string;
  date: string;
  dateFromHeader: 'x-amz-date' | 'date' | 'query';
  expiresSeconds?: number;
  sessionToken?: string;
}

function incomplete(message: string): SigV4Error {
  return new SigV4Error('IncompleteSignature', message);
}

function fromHeader(req: SignedRequest, authorization: string): AuthFields {
  const header = authorization.trim();
  const space = header.indexOf(' ');
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== ALGORITHM) throw incomplete(messages.unsupportedAlgorithm(algorithm));

  // AWS keeps the last of a repeated key; keys other than these three are allowed and ignored
  let credential: string | undefined;
  let signature: string | undefined;
  let signedHeaders: string | undefined;
  // the comma-separated pairs, each trimmed, read in place (no array of parts)
  for (let start = space < 0 ? header.length : space + 1; start < header.length;) {
    let end = header.indexOf(',', start);
    if (end < 0) end = header.length;
    const pair = header.slice(start, end).trim();
    start = end + 1;
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq < 0) throw incomplete(messages.notKeyValuePair(pair, header));
    const key = pair.slice(0, eq);
    if (key === 'Credential') credential = pair.slice(eq + 1);
    else if (key === 'Signature') signature = pair.slice(eq + 1);
    else if (key === 'SignedHeaders') signedHeaders = pair.slice(eq + 1);
  }

  const amzDate = firstHeader(req, 'x-amz-date');
  const date = amzDate ?? firstHeader(req, 'date');
  if (
    credential === undefined ||
    signature === undefined ||
    signedHeaders === undefined ||
    date === undefined
  ) {
    const missing = [
      credential === undefined ? messages.headerRequiresCredential : '',
      signature === undefined ? messages.headerRequiresSignature : '',
      signedHeaders === undefined ? messages.headerRequiresSignedHeaders : '',
      date === undefined ? messages.headerRequiresDate : '',
    ].filter((m) => m !== '');
    throw incomplete(`${missing.join(' ')} Authorization=${algorithm}`);
  }
  return {
    presigned: false,
    credential,
    signature,
    signedHeaders,
    date,
    dateFromHeader: amzDate === undefined ? 'date' : 'x-amz-date',
    sessionToken: firstHeader(req, 'x-amz-security-token'),
  };
}

function parseExpires(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw incomplete(messages.expiresNotNumber);
  const seconds = Number(value);
  if (seconds < 0) throw incomplete(messages.expiresNegative);
  if (seconds > MAX_EXPIRES_SECONDS) throw incomplete(messages.expiresTooLong);
  return seconds;
}

function fromQuery(params: QueryParams, algorithm: string): AuthFields {
  // AWS answers an unknown X-Amz-Algorithm as if no authentication had been sent at all.
  if (algorithm !== ALGORITHM) {
    throw new SigV4Error('MissingAuthenticationToken', messages.missingAuthenticationToken);
  }
  const credential = firstParam(params, 'X-Amz-Credential');
  const signature = firstParam(params, 'X-Amz-Signature');
  const signedHeaders = firstParam(params, 'X-Amz-SignedHeaders');
  const date = firstParam(params, 'X-Amz-Date');
  if (
    credential === undefined ||
    signature === undefined ||
    signedHeaders === undefined ||
    date === undefined
  ) {
    const missing = [
      credential === undefined ? messages.queryRequires('X-Amz-Credential') : '',
      signature === undefined ? messages.queryRequires('X-Amz-Signature') : '',
      signedHeaders === undefined ? messages.queryRequires('X-Amz-SignedHeaders') : '',
      date === undefined ? messages.queryRequires('X-Amz-Date') : '',
    ].filter((m) => m !== '');
    throw incomplete(`${missing.join(' ')} ${messages.reexamineQuery}`);
  }
  return {
    presigned: true,
    credential,
    signature,
    signedHeaders,
    date,
    dateFromHeader: 'query',
    expiresSeconds: parseExpires(firstParam(params, 'X-Amz-Expires')),
    sessionToken: firstParam(params, 'X-Amz-Security-Token'),
  };
}

// A client sends the same credential with every request of a day: the last one read is kept.
let lastCredential: { value: string; parts: CredentialParts } | undefined;

/** A credential's parts, or undefined when it is not five parts separated by `/`. */
export function splitCredential(credential: string): CredentialParts | undefined {
  if (lastCredential?.value === credential) return lastCredential.parts;
  const split = credential.split('/');
  if (split.length !== 5) return undefined;
  const [accessKeyId, scopeDate, region, service, terminator] = split as [
    string,
    string,
    string,
    string,
    string,
  ];
  const parts: CredentialParts = Object.freeze({
    accessKeyId,
    credentialScope: credential.slice(accessKeyId.length + 1),
    scopeDate,
    region,
    service,
    terminator,
  });
  lastCredential = { value: credential, parts };
  return parts;
}

/**
 * The request's SigV4 authentication, structurally checked: algorithm, parameters, `host` signed,
 * date format, five-part credential. Throws SigV4Error. Says nothing yet about time or secret.
 */
export function parseAuthorization(req: SignedRequest): ParsedAuth {
  const queryParams = parseQuery(req.query);
  const authorization = firstHeader(req, 'authorization');
  const algorithm = firstParam(queryParams, 'X-Amz-Algorithm');
  if (authorization === undefined && algorithm === undefined) {
    throw new SigV4Error('MissingAuthenticationToken', messages.missingAuthenticationToken);
  }
  if (authorization !== undefined && algorithm !== undefined) {
    throw new SigV4Error('SignatureDoesNotMatch', messages.signatureDoesNotMatch);
  }
  const fields =
    authorization !== undefined ? fromHeader(req, authorization) : fromQuery(queryParams, algorithm ?? '');

  const canonicalHeaders = signedHeaderNames(fields.signedHeaders);
  const signedHeaders = canonicalHeaders.listed;
  if (!canonicalHeaders.includesHost) {
    throw new SigV4Error('SignatureDoesNotMatch', messages.hostMustBeSigned);
  }

  const time = fields.dateFromHeader === 'date' ? parseDateHeader(fields.date) : parseAmzDate(fields.date);
  if (time === undefined) throw incomplete(messages.dateNotIso8601(fields.date));

  const credential = splitCredential(fields.credential);
  if (credential === undefined) throw incomplete(messages.credentialParts(fields.credential));
  const { accessKeyId, credentialScope, scopeDate, region, service, terminator } = credential;

  const parsed: ParsedAuth = {
    presigned: fields.presigned,
    accessKeyId,
    credentialScope,
    scopeDate,
    region,
    service,
    terminator,
    signedHeaders,
    canonicalHeaders,
    signature: fields.signature,
    signedAt: time.date,
    amzDate: time.amzDate,
    queryParams,
  };
  if (fields.expiresSeconds !== undefined) parsed.expiresSeconds = fields.expiresSeconds;
  if (fields.sessionToken !== undefined) parsed.sessionToken = fields.sessionToken;
  return parsed;
}
