// SigV4 verification: requests signed by AWS's own signer and SDK verify; every failure answers with
// AWS's code, HTTP status and message, in AWS's order.
import { Sha256 } from '@aws-crypto/sha256-js';
import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { SignatureV4, getSigningKey } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import {
  NodeSha256,
  SigV4Error,
  parseAuthorization,
  verifySigV4,
  type SecretLookup,
  type SignedRequest,
  type VerifyOptions,
} from '../../src/authn/sigv4/index.ts';
import { SigningKeyCache, deriveSigningKey } from '../../src/authn/sigv4/signing-key-cache.ts';

const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const NOW = new Date('2026-03-01T12:00:00Z');
const lookup: SecretLookup = (id) => (id === ACCESS_KEY_ID ? { secretAccessKey: SECRET } : undefined);

type SmithyRequest = Awaited<ReturnType<SignatureV4['presign']>>;

function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** What the server would see of a request smithy signed. */
function received(request: SmithyRequest): SignedRequest {
  const query = Object.entries(request.query ?? {})
    .flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value ?? '']).map((v) => `${escapeUri(name)}=${escapeUri(v)}`),
    )
    .join('&');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  const body: unknown = request.body;
  return {
    method: request.method,
    path: request.path,
    query,
    headers,
    body:
      typeof body === 'string'
        ? new TextEncoder().encode(body)
        : body instanceof Uint8Array
          ? body
          : new Uint8Array(),
  };
}

function iamPost(body = 'Action=ListUsers&Version=2010-05-08', headers: Record<string, string> = {}) {
  return {
    method: 'POST',
    protocol: 'https:',
    hostname: 'iam.amazonaws.com',
    path: '/',
    headers: {
      host: 'iam.amazonaws.com',
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      ...headers,
    },
    body,
  };
}

function signer(service = 'iam', sessionToken?: string, applyChecksum = true) {
  return new SignatureV4({
    service,
    region: 'us-east-1',
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, sessionToken },
    sha256: Sha256,
    applyChecksum,
  });
}

async function signedIamPost(): Promise<SignedRequest> {
  return received(await signer().sign(iamPost(), { signingDate: NOW }));
}

async function rejection(pending: Promise<unknown>): Promise<SigV4Error> {
  try {
    await pending;
  } catch (error) {
    if (error instanceof SigV4Error) return error;
    throw error;
  }
  throw new Error('expected a SigV4Error, but the request verified');
}

async function expectError(
  req: SignedRequest,
  expected: { code: string; status: number; message?: string },
  opts?: VerifyOptions,
  now = NOW,
) {
  const error = await rejection(verifySigV4(req, lookup, now, opts));
  expect({ code: error.code, status: error.status }).toEqual({
    code: expected.code,
    status: expected.status,
  });
  if (expected.message !== undefined) expect(error.message).toBe(expected.message);
  return error;
}

function withHeaders(req: SignedRequest, headers: Record<string, string | undefined>): SignedRequest {
  return { ...req, headers: { ...req.headers, ...headers } };
}

function unsigned(headers: Record<string, string>, query = ''): SignedRequest {
  return {
    method: 'POST',
    path: '/',
    query,
    headers: { host: 'iam.amazonaws.com', ...headers },
    body: new Uint8Array(),
  };
}

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

describe('verifySigV4: requests signed by AWS clients', () => {
  it('verifies a POST form body that @smithy/signature-v4 signed for iam in us-east-1', async () => {
    const verified = await verifySigV4(await signedIamPost(), lookup, NOW);
    expect(verified).toEqual({
      accessKeyId: ACCESS_KEY_ID,
      region: 'us-east-1',
      service: 'iam',
      signedAt: NOW,
      presigned: false,
      signedHeaders: ['content-type', 'host', 'x-amz-content-sha256', 'x-amz-date'],
    });
  });

  it('verifies the request @aws-sdk/client-iam sends for ListUsers', async () => {
    let captured: SmithyRequest | undefined;
    const client = new IAMClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
      maxAttempts: 1,
      requestHandler: {
        handle: async (request: SmithyRequest) => {
          captured = request;
          throw new Error('captured, not sent');
        },
      },
    });
    await expect(client.send(new ListUsersCommand({}))).rejects.toThrow('captured, not sent');
    if (captured === undefined) throw new Error('the SDK sent nothing');
    const verified = await verifySigV4(received(captured), lookup, new Date(), {
      region: 'us-east-1',
      service: 'iam',
    });
    expect(verified.signedHeaders).toContain('amz-sdk-invocation-id');
    expect(verified.service).toBe('iam');
  });

  it('hands the session token to the lookup and back to the caller', async () => {
    const req = received(
      await signer('sts', 'FQoGZXIvYXdzEXAMPLETOKEN').sign(iamPost(), { signingDate: NOW }),
    );
    const seen: (string | undefined)[] = [];
    const verified = await verifySigV4(
      req,
      (id, token) => {
        seen.push(token);
        return lookup(id, token);
      },
      NOW,
    );
    expect(seen).toEqual(['FQoGZXIvYXdzEXAMPLETOKEN']);
    expect(verified.sessionToken).toBe('FQoGZXIvYXdzEXAMPLETOKEN');
    expect(verified.signedHeaders).toContain('x-amz-security-token');
  });

  it('verifies an STS GetCallerIdentity URL presigned by @smithy/signature-v4', async () => {
    const request = {
      method: 'GET',
      protocol: 'https:',
      hostname: 'sts.amazonaws.com',
      path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      headers: { host: 'sts.amazonaws.com', 'x-k8s-aws-id': 'my-cluster' },
    };
    const presigned = await signer('sts', 'TOKEN/with+chars=').presign(request, {
      signingDate: NOW,
      expiresIn: 900,
    });
    const verified = await verifySigV4(received(presigned), lookup, new Date(NOW.getTime() + 60_000));
    expect(verified).toMatchObject({ presigned: true, service: 'sts', sessionToken: 'TOKEN/with+chars=' });
    expect(verified.signedHeaders).toEqual(['host', 'x-k8s-aws-id']);
  });

  it('verifies a signed user-agent header, which smithy signs only when asked', async () => {
    const request = iamPost(undefined, { 'user-agent': 'aws-cli/2.15.0 Python/3.11' });
    const signed = await signer().sign(request, {
      signingDate: NOW,
      signableHeaders: new Set(['user-agent']),
    });
    const req = received(signed);
    expect((await verifySigV4(req, lookup, NOW)).signedHeaders).toContain('user-agent');
    await expectError(withHeaders(req, { 'user-agent': 'aws-cli/2.15.1 Python/3.11' }), {
      code: 'SignatureDoesNotMatch',
      status: 403,
      message: SIGNATURE_MISMATCH,
    });
  });

  it("reads the signing time from the Date header when there is no X-Amz-Date (AWS's 2011 get-vanilla)", async () => {
    // aws-sig-v4-test-suite (2011) get-vanilla.sreq, signed with the suite's example secret.
    const req: SignedRequest = {
      method: 'GET',
      path: '/',
      query: '',
      headers: {
        date: 'Mon, 09 Sep 2011 23:36:00 GMT',
        host: 'host.foo.com',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20110909/us-east-1/host/aws4_request, SignedHeaders=date;host, ' +
          'Signature=b27ccfbfa7df52a200ff74193ca6e32d4b48b8856fab7ebf1c595d0670a7e470',
      },
      body: new Uint8Array(),
    };
    const verified = await verifySigV4(
      req,
      () => ({ secretAccessKey: SECRET }),
      new Date('2011-09-09T23:40:00Z'),
    );
    expect(verified.signedAt.toISOString()).toBe('2011-09-09T23:36:00.000Z');
  });

  it('verifies an unsigned payload only when allowed, as S3 does', async () => {
    const request = iamPost(undefined, { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
    const req = received(await signer().sign(request, { signingDate: NOW }));
    await expectError(req, { code: 'SignatureDoesNotMatch', status: 403, message: SIGNATURE_MISMATCH });
    const verified = await verifySigV4({ ...req, body: new TextEncoder().encode('anything') }, lookup, NOW, {
      allowUnsignedPayload: true,
    });
    expect(verified.signedHeaders).toContain('x-amz-content-sha256');
  });
});

describe('verifySigV4: AWS errors', () => {
  it('answers MissingAuthenticationToken when there is neither Authorization nor X-Amz-Algorithm', async () => {
    await expectError(unsigned({ 'x-amz-date': '20260301T120000Z' }), {
      code: 'MissingAuthenticationToken',
      status: 403,
      message: 'Request is missing Authentication Token',
    });
  });

  it('answers MissingAuthenticationToken for an X-Amz-Algorithm other than AWS4-HMAC-SHA256', async () => {
    await expectError(unsigned({}, 'X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256'), {
      code: 'MissingAuthenticationToken',
      status: 403,
    });
  });

  it('answers IncompleteSignature naming every missing Authorization parameter', async () => {
    await expectError(unsigned({ authorization: 'AWS4-HMAC-SHA256' }), {
      code: 'IncompleteSignature',
      status: 400,
      message:
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' " +
        "parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires " +
        "existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256",
    });
  });

  it('answers IncompleteSignature for an Authorization parameter without an equals sign', async () => {
    const authorization =
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260301/us-east-1/iam/aws4_request, SignedHeadershost';
    await expectError(unsigned({ authorization, 'x-amz-date': '20260301T120000Z' }), {
      code: 'IncompleteSignature',
      status: 400,
      message: `'SignedHeadershost' not a valid key=value pair (missing equal-sign) in Authorization header: '${authorization}'`,
    });
  });

  it('answers IncompleteSignature for an algorithm other than AWS4-HMAC-SHA256', async () => {
    await expectError(unsigned({ authorization: 'Bearer eyJhbGciOi' }), {
      code: 'IncompleteSignature',
      status: 400,
      message: "Unsupported AWS 'algorithm': 'Bearer'.",
    });
  });

  it('answers IncompleteSignature naming every missing presigned parameter', async () => {
    await expectError(unsigned({}, 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20260301'), {
      code: 'IncompleteSignature',
      status: 400,
      message:
        "AWS query-string parameters must include 'X-Amz-Signature'. AWS query-string parameters must include " +
        "'X-Amz-SignedHeaders'. AWS query-string parameters must include 'X-Amz-Date'. " +
        'Re-examine the query-string parameters.',
    });
  });

  it('answers IncompleteSignature for a date that is not ISO 8601', async () => {
    const req = withHeaders(await signedIamPost(), { 'x-amz-date': '2026/03/01T12:00:00Z' });
    await expectError(req, {
      code: 'IncompleteSignature',
      status: 400,
      message:
        "Date must be in ISO-8601 'basic format'. Got '2026/03/01T12:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601",
    });
  });

  it('answers IncompleteSignature for a credential without five parts', async () => {
    const authorization =
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260301/us-east-1/iam, SignedHeaders=host;x-amz-date, Signature=00';
    await expectError(unsigned({ authorization, 'x-amz-date': '20260301T120000Z' }), {
      code: 'IncompleteSignature',
      status: 400,
      message:
        'Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, ' +
        "got 'AKIDEXAMPLE/20260301/us-east-1/iam'",
    });
  });

  it('refuses SignedHeaders that leave out host', async () => {
    const authorization =
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260301/us-east-1/iam/aws4_request, SignedHeaders=x-amz-date, Signature=00';
    await expectError(unsigned({ authorization, 'x-amz-date': '20260301T120000Z' }), {
      code: 'SignatureDoesNotMatch',
      status: 403,
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });

  it('refuses a request authenticated both by header and by query', async () => {
    const req = await signedIamPost();
    await expectError(
      { ...req, query: 'X-Amz-Algorithm=AWS4-HMAC-SHA256' },
      { code: 'SignatureDoesNotMatch', status: 403 },
    );
  });

  it('looks no secret up for a request whose authentication does not parse', async () => {
    let lookups = 0;
    const counting: SecretLookup = () => {
      lookups++;
      return { secretAccessKey: SECRET };
    };
    for (const req of [
      unsigned({}),
      unsigned({ authorization: 'AWS4-HMAC-SHA256 Credential=a/b' }),
      unsigned({ authorization: 'AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=0' }),
    ]) {
      await rejection(verifySigV4(req, counting, NOW));
    }
    expect(lookups).toBe(0);
  });

  it('answers InvalidClientTokenId for an access key nobody issued', async () => {
    const req = await signedIamPost();
    const error = await rejection(verifySigV4(req, () => undefined, NOW));
    expect([error.code, error.status, error.message]).toEqual([
      'InvalidClientTokenId',
      403,
      'The security token included in the request is invalid.',
    ]);
  });

  it('answers SignatureDoesNotMatch when the secret is wrong', async () => {
    const req = await signedIamPost();
    const error = await rejection(verifySigV4(req, () => ({ secretAccessKey: `${SECRET}x` }), NOW));
    expect([error.code, error.status, error.message]).toEqual([
      'SignatureDoesNotMatch',
      403,
      SIGNATURE_MISMATCH,
    ]);
  });

  it('refuses a signature written in upper-case hex', async () => {
    const req = await signedIamPost();
    const authorization = String(req.headers['authorization']).replace(
      /Signature=(\w+)/,
      (_, s: string) => `Signature=${s.toUpperCase()}`,
    );
    await expectError(withHeaders(req, { authorization }), { code: 'SignatureDoesNotMatch', status: 403 });
  });

  it('answers "Signature expired" when X-Amz-Date is more than 15 minutes old', async () => {
    await expectError(
      await signedIamPost(),
      {
        code: 'SignatureDoesNotMatch',
        status: 403,
        message:
          'Signature expired: 20260301T120000Z is now earlier than 20260301T120001Z (20260301T121501Z - 15 min.)',
      },
      undefined,
      new Date('2026-03-01T12:15:01Z'),
    );
  });

  it('answers "Signature not yet current" when X-Amz-Date is more than 15 minutes ahead', async () => {
    await expectError(
      await signedIamPost(),
      {
        code: 'SignatureDoesNotMatch',
        status: 403,
        message:
          'Signature not yet current: 20260301T120000Z is still later than 20260301T115959Z (20260301T114459Z + 15 min.)',
      },
      undefined,
      new Date('2026-03-01T11:44:59Z'),
    );
  });

  it('accepts a signature exactly 15 minutes old, and honours a configured skew', async () => {
    const req = await signedIamPost();
    await expect(verifySigV4(req, lookup, new Date('2026-03-01T12:15:00Z'))).resolves.toBeDefined();
    await expectError(
      req,
      {
        code: 'SignatureDoesNotMatch',
        status: 403,
        message:
          'Signature expired: 20260301T120000Z is now earlier than 20260301T120001Z (20260301T120501Z - 5 min.)',
      },
      { maxSkewMs: 5 * 60_000 },
      new Date('2026-03-01T12:05:01Z'),
    );
  });

  it('expires a presigned URL once X-Amz-Expires has run out, and not before', async () => {
    const request = {
      method: 'GET',
      protocol: 'https:',
      hostname: 'sts.amazonaws.com',
      path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      headers: { host: 'sts.amazonaws.com' },
    };
    const req = received(await signer('sts').presign(request, { signingDate: NOW, expiresIn: 3600 }));
    await expect(verifySigV4(req, lookup, new Date('2026-03-01T12:59:59Z'))).resolves.toBeDefined();
    await expectError(
      req,
      {
        code: 'SignatureDoesNotMatch',
        status: 403,
        message:
          'Signature expired: 20260301T120000Z is now earlier than 20260301T120001Z (20260301T130001Z - 60 min.)',
      },
      undefined,
      new Date('2026-03-01T13:00:01Z'),
    );
  });

  it('refuses X-Amz-Expires beyond a week', async () => {
    const query =
      'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20260301%2Fus-east-1%2Fsts%2Faws4_request' +
      '&X-Amz-Date=20260301T120000Z&X-Amz-Expires=604801&X-Amz-SignedHeaders=host&X-Amz-Signature=00';
    await expectError(unsigned({}, query), {
      code: 'IncompleteSignature',
      status: 400,
      message: 'X-Amz-Expires must be less than a week (in seconds) that is 604800',
    });
  });

  it('refuses a body changed after signing when x-amz-content-sha256 was signed', async () => {
    const req = await signedIamPost();
    expect(req.headers['x-amz-content-sha256']).toBeDefined();
    const tampered = { ...req, body: new TextEncoder().encode('Action=ListUsers&Version=2010-05-09') };
    let lookups = 0;
    const error = await rejection(
      verifySigV4(
        tampered,
        (id, token) => {
          lookups++;
          return lookup(id, token);
        },
        NOW,
      ),
    );
    expect([error.code, error.status, error.message]).toEqual([
      'SignatureDoesNotMatch',
      403,
      SIGNATURE_MISMATCH,
    ]);
    expect(lookups).toBe(1);
  });

  it('refuses a body changed after signing without x-amz-content-sha256', async () => {
    const req = received(await signer('iam', undefined, false).sign(iamPost(), { signingDate: NOW }));
    expect(req.headers['x-amz-content-sha256']).toBeUndefined();
    await expect(verifySigV4(req, lookup, NOW)).resolves.toBeDefined();
    const tampered = {
      ...req,
      body: new TextEncoder().encode('Action=DeleteUser&UserName=alice&Version=2010-05-08'),
    };
    await expectError(tampered, { code: 'SignatureDoesNotMatch', status: 403, message: SIGNATURE_MISMATCH });
  });

  it('refuses a credential scope with a wrong terminator or a date other than X-Amz-Date', async () => {
    const authorization =
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260228/us-east-1/iam/aws5_request, SignedHeaders=host;x-amz-date, Signature=00';
    await expectError(unsigned({ authorization, 'x-amz-date': '20260301T120000Z' }), {
      code: 'SignatureDoesNotMatch',
      status: 403,
      message:
        "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. " +
        'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ' +
        "'20260228' != '20260301', from '20260301T120000Z'.",
    });
  });

  it('refuses a credential scope for another region or service when the caller names them', async () => {
    await expectError(
      await signedIamPost(),
      {
        code: 'SignatureDoesNotMatch',
        status: 403,
        message:
          "Credential should be scoped to a valid region, not 'us-east-1'. " +
          "Credential should be scoped to correct service: 'sts'.",
      },
      { region: 'eu-west-1', service: 'sts' },
    );
  });
});

describe('parseAuthorization', () => {
  it('reads the scope, signed headers and signature of an Authorization header', async () => {
    const parsed = parseAuthorization(await signedIamPost());
    expect(parsed).toMatchObject({
      presigned: false,
      accessKeyId: ACCESS_KEY_ID,
      credentialScope: '20260301/us-east-1/iam/aws4_request',
      region: 'us-east-1',
      service: 'iam',
      amzDate: '20260301T120000Z',
      signedHeaders: ['content-type', 'host', 'x-amz-content-sha256', 'x-amz-date'],
    });
    expect(parsed.signature).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('signing keys', () => {
  it("derives AWS's documented example keys", () => {
    // "Examples of how to derive a signing key for Signature Version 4" and the IAM example request.
    expect(deriveSigningKey(SECRET, '20120215', 'us-east-1', 'iam').toString('hex')).toBe(
      'f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d',
    );
    expect(deriveSigningKey(SECRET, '20150830', 'us-east-1', 'iam').toString('hex')).toBe(
      'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9',
    );
  });

  it('derives the same key as @smithy/signature-v4', async () => {
    const smithy = await getSigningKey(
      NodeSha256,
      { accessKeyId: 'x', secretAccessKey: SECRET },
      '20260301',
      'eu-west-1',
      'sts',
    );
    expect(deriveSigningKey(SECRET, '20260301', 'eu-west-1', 'sts').equals(Buffer.from(smithy))).toBe(true);
  });

  it('keeps at most its bound of secrets, dropping the one cached first, and a few scopes per secret', () => {
    const scopeOf = (scopeDate: string, region: string, service: string) => ({
      credentialScope: `${scopeDate}/${region}/${service}/aws4_request`,
      scopeDate,
      region,
      service,
    });
    const cache = new SigningKeyCache(2);
    const a = cache.get('a', scopeOf('20260301', 'us-east-1', 'iam'));
    cache.get('b', scopeOf('20260301', 'us-east-1', 'iam'));
    expect(cache.get('a', scopeOf('20260301', 'us-east-1', 'iam'))).toBe(a);
    cache.get('c', scopeOf('20260301', 'us-east-1', 'iam'));
    expect(cache.size).toBe(2);
    // 'a' went first: derived again, equal but not the cached buffer
    const again = cache.get('a', scopeOf('20260301', 'us-east-1', 'iam'));
    expect(again).not.toBe(a);
    expect(again.key.equals(a.key)).toBe(true);
    // one secret keeps a key per scope, each the right one
    const sts = cache.get('a', scopeOf('20260301', 'us-east-1', 'sts'));
    expect(sts.key.equals(deriveSigningKey('a', '20260301', 'us-east-1', 'sts'))).toBe(true);
    expect(cache.get('a', scopeOf('20260301', 'us-east-1', 'iam'))).toBe(again);
    expect(cache.get('a', scopeOf('20260301', 'us-east-1', 'sts'))).toBe(sts);
    for (const day of ['20260302', '20260303', '20260304', '20260305'])
      cache.get('a', scopeOf(day, 'us-east-1', 'iam'));
    expect(cache.get('a', scopeOf('20260301', 'us-east-1', 'iam'))).not.toBe(again);
    expect(cache.size).toBe(2);
  });
});
