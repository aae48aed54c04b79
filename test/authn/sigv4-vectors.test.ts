// AWS's SigV4 test vectors (aws-c-auth's v4 suite), vendored under test/fixtures/sigv4:
// every signed request verifies, yields the expected canonical request and string to sign, and
// stops verifying when any single character of a signed part changes.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  SigV4Error,
  canonicalFor,
  parseAuthorization,
  verifySigV4,
  type SignedRequest,
  type VerifyOptions,
} from '../../src/authn/sigv4/index.ts';

const VECTORS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/sigv4/v4');

// Vectors left out, with the reason. Every case of the v4 suite currently runs.
const EXCLUDED: Record<string, string> = {};

interface VectorContext {
  credentials: { access_key_id: string; secret_access_key: string };
  expiration_in_seconds: number;
  normalize: boolean;
  region: string;
  service: string;
  sign_body: boolean;
  timestamp: string;
  omit_session_token?: boolean;
}

/** One raw HTTP/1.1 request as the vector files write it (LF line ends, obs-fold allowed). */
function parseHttpRequest(text: string): SignedRequest {
  const blank = /\r?\n\r?\n/.exec(text);
  const head = blank === null ? text : text.slice(0, blank.index);
  const body = blank === null ? '' : text.slice(blank.index + blank[0].length);
  const [requestLine = '', ...lines] = head.split(/\r?\n/);
  const method = requestLine.slice(0, requestLine.indexOf(' '));
  const target = requestLine.slice(method.length + 1, requestLine.lastIndexOf(' '));
  const question = target.indexOf('?');
  const headers: Record<string, string | string[]> = {};
  let last: string | undefined;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && last !== undefined) {
      // obs-fold: a continuation line joins the previous value with one space (RFC 9112 §5.2).
      const value = headers[last];
      if (Array.isArray(value)) value[value.length - 1] += ` ${line.trim()}`;
      else headers[last] = `${value ?? ''} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    const seen = headers[name];
    headers[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
    last = name;
  }
  return {
    method,
    path: question < 0 ? target : target.slice(0, question),
    query: question < 0 ? '' : target.slice(question + 1),
    headers,
    body: new TextEncoder().encode(body),
  };
}

/** A different character of the same class, so the change is never one that canonicalisation undoes. */
function otherChar(c: string): string {
  if (/[0-8]/.test(c)) return String(Number(c) + 1);
  if (c === '9') return '0';
  if (/[a-yA-Y]/.test(c)) return String.fromCharCode(c.charCodeAt(0) + 1);
  if (c === 'z') return 'a';
  if (c === 'Z') return 'A';
  return 'x';
}

function replaceAt(s: string, i: number): string {
  return s.slice(0, i) + otherChar(s.charAt(i)) + s.slice(i + 1);
}

/** The dot-segment removal every SigV4 signer applies for normalised paths (RFC 3986 §5.2.4). */
function normalizedPath(p: string): string {
  const out: string[] = [];
  for (const segment of p.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `${p.startsWith('/') ? '/' : ''}${out.join('/')}${out.length > 0 && p.endsWith('/') ? '/' : ''}`;
}

interface Mutation {
  label: string;
  req: SignedRequest;
}

/** Where a query parameter's value sits in the raw query, to leave an unsigned one alone. */
function valueRange(query: string, name: string): [number, number] {
  const at = query.indexOf(`${name}=`);
  if (at < 0) return [0, 0];
  const start = at + name.length + 1;
  const end = query.indexOf('&', start);
  return [start, end < 0 ? query.length : end];
}

function* mutations(
  req: SignedRequest,
  signedHeaders: readonly string[],
  context: VectorContext,
): Generator<Mutation> {
  const normalize = context.normalize;
  // omit_session_token: the presigned URL's token was appended after signing, so it is unsigned.
  const [tokenStart, tokenEnd] = context.omit_session_token
    ? valueRange(req.query, 'X-Amz-Security-Token')
    : [0, 0];
  for (let i = 0; i < req.method.length; i++) {
    yield { label: `method[${i}]`, req: { ...req, method: replaceAt(req.method, i) } };
  }
  for (let i = 0; i < req.path.length; i++) {
    const changed = replaceAt(req.path, i);
    // A change inside a segment that `..` removes is no change to what was signed.
    if (normalize && normalizedPath(changed) === normalizedPath(req.path)) continue;
    yield { label: `path[${i}]`, req: { ...req, path: changed } };
  }
  for (let i = 0; i < req.query.length; i++) {
    if (i >= tokenStart && i < tokenEnd) continue;
    yield { label: `query[${i}]`, req: { ...req, query: replaceAt(req.query, i) } };
  }
  for (const listed of signedHeaders) {
    const name = listed.toLowerCase();
    const value = req.headers[name];
    const values = Array.isArray(value) ? value : [value ?? ''];
    for (const [n, v] of values.entries()) {
      for (let i = 0; i < v.length; i++) {
        const changed = values.map((w, m) => (m === n ? replaceAt(w, i) : w));
        const header = Array.isArray(value) ? changed : replaceAt(v, i);
        yield { label: `${name}#${n}[${i}]`, req: withHeader(req, name, header) };
      }
    }
  }
  const authorization = req.headers['authorization'];
  if (typeof authorization === 'string') {
    for (let i = 0; i < authorization.length; i++) {
      yield {
        label: `authorization[${i}]`,
        req: withHeader(req, 'authorization', replaceAt(authorization, i)),
      };
    }
  }
  for (let i = 0; i < req.body.length; i++) {
    const body = req.body.slice();
    body[i] = otherChar(String.fromCharCode(body[i] ?? 0)).charCodeAt(0);
    yield { label: `body[${i}]`, req: { ...req, body } };
  }
}

function withHeader(req: SignedRequest, name: string, value: string | string[]): SignedRequest {
  return { ...req, headers: { ...req.headers, [name]: value } };
}

function caseNames(): string[] {
  return readdirSync(VECTORS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

describe('SigV4 conformance vectors (aws-c-auth v4 suite)', () => {
  const names = caseNames();

  it('finds the vector cases', () => {
    expect(names.length).toBeGreaterThan(30);
  });

  for (const name of names) {
    const excluded = EXCLUDED[name];
    if (excluded !== undefined) continue;
    const dir = path.join(VECTORS, name);
    const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
    const context = JSON.parse(read('context.json')) as VectorContext;
    const now = new Date(context.timestamp);
    const opts: VerifyOptions = {
      normalizePath: context.normalize,
      omitSessionToken: context.omit_session_token === true,
      region: context.region,
      service: context.service,
    };
    const lookup = (accessKeyId: string) =>
      accessKeyId === context.credentials.access_key_id
        ? { secretAccessKey: context.credentials.secret_access_key }
        : undefined;

    describe(name, () => {
      for (const form of ['header', 'query'] as const) {
        const req = parseHttpRequest(read(`${form}-signed-request.txt`));

        it(`accepts the ${form}-signed request`, async () => {
          const verified = await verifySigV4(req, lookup, now, opts);
          expect(verified).toMatchObject({
            accessKeyId: context.credentials.access_key_id,
            region: context.region,
            service: context.service,
            presigned: form === 'query',
          });
          expect(verified.signedAt.toISOString()).toBe(now.toISOString());
        });

        it(`computes the ${form} form's canonical request and string to sign`, async () => {
          const parsed = parseAuthorization(req);
          const { canonicalRequest, stringToSign } = canonicalFor(req, parsed, opts);
          expect(canonicalRequest).toBe(read(`${form}-canonical-request.txt`));
          expect(stringToSign).toBe(read(`${form}-string-to-sign.txt`));
          expect(parsed.signature).toBe(read(`${form}-signature.txt`).trim());
        });

        it(`rejects the ${form}-signed request after any one-character change to a signed part`, async () => {
          const { signedHeaders } = parseAuthorization(req);
          const accepted: string[] = [];
          let tried = 0;
          for (const mutation of mutations(req, signedHeaders, context)) {
            tried++;
            try {
              await verifySigV4(mutation.req, lookup, now, opts);
              accepted.push(mutation.label);
            } catch (error) {
              if (!(error instanceof SigV4Error)) accepted.push(`${mutation.label} threw ${String(error)}`);
            }
          }
          expect(tried).toBeGreaterThan(20);
          expect(accepted).toEqual([]);
        });
      }
    });
  }
});
