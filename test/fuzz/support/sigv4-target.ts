// SigV4 parsing and verification as a fuzz target: requests signed by AWS's own signer (header form
// and presigned URLs, with and without a session token), each with one part corrupted — a header,
// the Authorization parameters, an X-Amz-* query parameter, the query, path, method or body — or a
// random Authorization header. Only SigV4Error may come out, with AWS's code and status; a corrupted
// signature or body is never accepted, and an accepted request keeps its signer's key id and scope.
import fc from 'fast-check';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  NodeSha256,
  SigV4Error,
  verifySigV4,
  type SecretLookup,
  type SignedRequest,
} from '../../../src/authn/sigv4/index.ts';
import {
  describeThrown,
  expectShape,
  type FuzzTarget,
  type Outcome,
  UnexpectedFailure,
} from './fuzz-target.ts';
import { applyEdit, hostileString, randomUtf8, textEdit } from './mutations.ts';

export const SIGV4_NOW = new Date('2026-03-01T12:00:00Z');
const KEYS = {
  AKIAIOSFODNN7EXAMPLE: { secret: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  ASIAIOSFODNN7EXAMPLE: {
    secret: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
    token: 'FQoGZXIvYXdzEBYaDEXAMPLETOKEN',
  },
} as const;

const lookup: SecretLookup = (id, token) => {
  const key = Object.hasOwn(KEYS, id)
    ? (KEYS as Record<string, { secret: string; token?: string }>)[id]
    : undefined;
  if (!key || key.token !== token) return undefined;
  return { secretAccessKey: key.secret };
};

const STATUS: Record<string, number> = {
  MissingAuthenticationToken: 403,
  IncompleteSignature: 400,
  InvalidClientTokenId: 403,
  SignatureDoesNotMatch: 403,
};

export interface SigV4Input {
  request: SignedRequest;
  /** The mutation applied, for reports. */
  mutation: string;
  /** True when the mutation certainly changes what was signed: the request must be refused. */
  mustRefuse: boolean;
  /** The key id and scope the request was signed with. */
  signedBy: { accessKeyId: string; region: string; service: string };
}

function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

interface Template {
  method: string;
  query: Record<string, string>;
  body: string;
  headers: Record<string, string>;
  path: string;
  service: 'iam' | 'sts';
  accessKeyId: keyof typeof KEYS;
  presign: boolean;
}

const TEMPLATES: Template[] = [
  {
    method: 'POST',
    path: '/',
    query: {},
    body: 'Action=ListUsers&Version=2010-05-08',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    service: 'iam',
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    presign: false,
  },
  {
    method: 'POST',
    path: '/',
    query: {},
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    service: 'sts',
    accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
    presign: false,
  },
  {
    method: 'GET',
    path: '/',
    query: { Action: 'GetUser', Version: '2010-05-08', UserName: 'alice+bob@example.com' },
    body: '',
    headers: { 'x-amz-meta-a': '  spaced   value ' },
    service: 'iam',
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    presign: false,
  },
  {
    method: 'GET',
    path: '/a/b/../c',
    query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    body: '',
    headers: {},
    service: 'sts',
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    presign: true,
  },
  {
    method: 'GET',
    path: '/',
    query: { Action: 'ListRoles', Version: '2010-05-08', Marker: 'a/b=c' },
    body: '',
    headers: {},
    service: 'iam',
    accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
    presign: true,
  },
];

/** What the server would see of a request smithy signed. */
async function sign(t: Template): Promise<{ request: SignedRequest; signedBy: SigV4Input['signedBy'] }> {
  const key = KEYS[t.accessKeyId];
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: t.accessKeyId,
      secretAccessKey: key.secret,
      ...('token' in key ? { sessionToken: key.token } : {}),
    },
    region: 'us-east-1',
    service: t.service,
    sha256: NodeSha256,
  });
  const unsigned = {
    method: t.method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 8080,
    path: t.path,
    query: t.query,
    headers: { host: '127.0.0.1:8080', ...t.headers },
    body: t.body,
  };
  const signed = t.presign
    ? await signer.presign(unsigned, { signingDate: SIGV4_NOW, expiresIn: 300 })
    : await signer.sign(unsigned, { signingDate: SIGV4_NOW });
  const query = Object.entries(signed.query ?? {})
    .flatMap(([n, v]) =>
      (Array.isArray(v) ? v : [v ?? '']).map((x: string) => `${escapeUri(n)}=${escapeUri(x)}`),
    )
    .join('&');
  const headers: Record<string, string> = {};
  for (const [n, v] of Object.entries(signed.headers)) headers[n.toLowerCase()] = v;
  return {
    request: { method: t.method, path: t.path, query, headers, body: new TextEncoder().encode(t.body) },
    signedBy: { accessKeyId: t.accessKeyId, region: 'us-east-1', service: t.service },
  };
}

const AUTH_TOKENS = [
  'AWS4-HMAC-SHA256',
  'AWS4-HMAC-SHA256 ',
  'Credential=',
  'SignedHeaders=',
  'Signature=',
  ',',
  ', ',
  '/',
  ';',
  '=',
  'aws4_request',
  'us-east-1',
  'iam',
  'sts',
  '20260301',
  'host;x-amz-date',
  'AKIAIOSFODNN7EXAMPLE',
  'ASIAIOSFODNN7EXAMPLE',
  '0',
  'f',
];
const HEADER_NAMES = [
  'authorization',
  'x-amz-date',
  'date',
  'host',
  'x-amz-content-sha256',
  'x-amz-security-token',
  'content-type',
  'x-amz-meta-a',
];
const X_AMZ_PARAMS = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
  'X-Amz-Security-Token',
];
const PARAM_VALUES = fc.oneof(
  fc.constantFrom(
    'AWS4-HMAC-SHA256',
    'AWS4-HMAC-SHA512',
    '20260301T120000Z',
    '2026-03-01T12:00:00Z',
    '20260231T120000Z',
    '604800',
    '604801',
    '-1',
    '1e3',
    'host',
    'AKIAIOSFODNN7EXAMPLE/20260301/us-east-1/iam/aws4_request',
    'a/b/c/d/e/f',
    '//////',
  ),
  hostileString,
);

type Mutation = { kind: string; apply(r: SignedRequest): SignedRequest; mustRefuse: boolean };

function withHeaders(r: SignedRequest, headers: SignedRequest['headers']): SignedRequest {
  return { ...r, headers };
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // one header's value edited, removed, or sent twice
  fc
    .tuple(
      fc.constantFrom(...HEADER_NAMES),
      fc.array(textEdit(AUTH_TOKENS), { minLength: 1, maxLength: 3 }),
      fc.constantFrom('edit', 'delete', 'repeat', 'array'),
    )
    .map(([name, edits, how]) => ({
      kind: `header ${name} ${how}`,
      mustRefuse: false,
      apply: (r: SignedRequest) => {
        const headers = { ...r.headers };
        const current = headers[name];
        const text = Array.isArray(current) ? current.join(',') : (current ?? '');
        if (how === 'delete') delete headers[name];
        else if (how === 'repeat') headers[name] = [text, edits.reduce(applyEdit, text)];
        else if (how === 'array') headers[name] = [edits.reduce(applyEdit, text)];
        else headers[name] = edits.reduce(applyEdit, text);
        return withHeaders(r, headers);
      },
    })),
  // one X-Amz-* query parameter set, added or repeated
  fc.tuple(fc.constantFrom(...X_AMZ_PARAMS), PARAM_VALUES, fc.boolean()).map(([name, value, append]) => ({
    kind: `query ${name} ${append ? 'appended' : 'set'}`,
    mustRefuse: false,
    apply: (r: SignedRequest) => {
      const p = new URLSearchParams(r.query);
      if (append) p.append(name, value);
      else p.set(name, value);
      return { ...r, query: p.toString() };
    },
  })),
  // the raw query, path or method edited
  fc
    .array(textEdit(['&', '=', '%', '%2F', 'X-Amz-', 'X-Amz-Signature=', '+', '?', '#']), {
      minLength: 1,
      maxLength: 3,
    })
    .map((edits) => ({
      kind: 'raw query edited',
      mustRefuse: false,
      apply: (r: SignedRequest) => ({ ...r, query: edits.reduce(applyEdit, r.query) }),
    })),
  fc
    .array(textEdit(['/', '..', '.', '%2F', '%', '//', '~', '%7E', ' ']), { minLength: 1, maxLength: 3 })
    .map((edits) => ({
      kind: 'path edited',
      mustRefuse: false,
      apply: (r: SignedRequest) => ({ ...r, path: edits.reduce(applyEdit, r.path) }),
    })),
  fc.constantFrom('PUT', 'DELETE', 'get', 'PATCH', '', 'POST ').map((method) => ({
    kind: `method ${JSON.stringify(method)}`,
    mustRefuse: true,
    apply: (r: SignedRequest) => ({ ...r, method }),
  })),
  // the body changed by at least one byte: what was signed is gone
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([at, xor]) => ({
    kind: 'body byte changed',
    mustRefuse: true,
    apply: (r: SignedRequest) => {
      const body = r.body.length ? Uint8Array.from(r.body) : new Uint8Array([0x41]);
      if (r.body.length) body[at % body.length]! ^= xor;
      return { ...r, body };
    },
  })),
  // one character of the signature changed
  fc.tuple(fc.nat(), fc.constantFrom(...'0123456789abcdefABCDEF ')).map(([at, c]) => ({
    kind: 'signature character changed',
    mustRefuse: true,
    apply: (r: SignedRequest) => {
      const swap = (sig: string) => {
        const i = at % sig.length;
        const next = sig[i] === c ? (c === '0' ? '1' : '0') : c;
        return sig.slice(0, i) + next + sig.slice(i + 1);
      };
      const flip = (auth: string) =>
        auth.replace(/Signature=([0-9a-f]+)/, (_, sig: string) => `Signature=${swap(sig)}`);
      const auth = r.headers.authorization;
      // the verifier reads the first Authorization header
      if (typeof auth === 'string') return withHeaders(r, { ...r.headers, authorization: flip(auth) });
      if (Array.isArray(auth) && auth.length > 0)
        return withHeaders(r, { ...r.headers, authorization: [flip(auth[0]!), ...auth.slice(1)] });
      const p = new URLSearchParams(r.query);
      p.set('X-Amz-Signature', swap(p.get('X-Amz-Signature') ?? '0'));
      return { ...r, query: p.toString() };
    },
  })),
  // an Authorization header of random text
  fc
    .oneof(
      randomUtf8,
      hostileString,
      fc.array(fc.constantFrom(...AUTH_TOKENS), { maxLength: 12 }).map((t) => t.join('')),
    )
    .map((auth) => ({
      kind: 'random authorization',
      mustRefuse: false,
      apply: (r: SignedRequest) => withHeaders(r, { ...r.headers, authorization: auth }),
    })),
);

/** A header value as node:http hands it over: latin1 characters without CR, LF or NUL, trimmed. */
function headerAsReceived(value: string): string {
  return value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?').trim();
}

function asReceived(r: SignedRequest): SignedRequest {
  const headers: SignedRequest['headers'] = {};
  for (const [name, value] of Object.entries(r.headers))
    headers[name] = Array.isArray(value)
      ? value.map(headerAsReceived)
      : value === undefined
        ? value
        : headerAsReceived(value);
  return { ...r, headers };
}

/** Signed templates (made once), each with one or two mutations. */
export async function sigv4Inputs(): Promise<fc.Arbitrary<SigV4Input>> {
  const signed = await Promise.all(TEMPLATES.map(sign));
  const request = fc.constantFrom(...signed);
  // corruptions may combine; a tampering (signature, body, method) is applied alone to a signed
  // request, so that it certainly changes what was signed
  const corruption = mutation.filter((m) => !m.mustRefuse);
  const tampering = mutation.filter((m) => m.mustRefuse);
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.tuple(request, fc.array(corruption, { minLength: 1, maxLength: 2 })) },
      {
        weight: 1,
        arbitrary: fc.tuple(
          request,
          tampering.map((m) => [m]),
        ),
      },
    )
    .map(([{ request, signedBy }, mutations]) => ({
      request: asReceived(mutations.reduce((r, m) => m.apply(r), request)),
      mutation: mutations.map((m) => m.kind).join(' + '),
      mustRefuse: mutations.some((m) => m.mustRefuse),
      signedBy,
    }));
}

/** Verifies one request: a verified signature or a SigV4Error in AWS's shape, nothing else. */
export async function runSigV4(input: SigV4Input): Promise<Outcome> {
  let verified;
  try {
    verified = await verifySigV4(input.request, lookup, SIGV4_NOW);
  } catch (err) {
    if (!(err instanceof SigV4Error))
      throw new UnexpectedFailure(`threw ${describeThrown(err)}`, input, { cause: err });
    expectShape(STATUS[err.code] === err.status, `code ${err.code} with status ${err.status}`, input);
    // AWS's messages quote what the request sent (the algorithm, the credential), as it was sent
    expectShape(err.message.length > 0, 'an empty message', input);
    return { accepted: false, code: err.code };
  }
  if (input.mustRefuse) throw new UnexpectedFailure(`accepted after "${input.mutation}"`, input);
  expectShape(
    verified.accessKeyId === input.signedBy.accessKeyId &&
      verified.region === input.signedBy.region &&
      verified.service === input.signedBy.service,
    `accepted as ${verified.accessKeyId}/${verified.region}/${verified.service}`,
    input,
  );
  return { accepted: true };
}

export async function sigv4Target(): Promise<FuzzTarget<SigV4Input>> {
  return { name: 'SigV4 header and query parsing, verification', inputs: await sigv4Inputs(), run: runSigV4 };
}
