// An unexpected failure inside a handler (here the database failing mid-request) reaches the client
// as AWS's ServiceFailure: HTTP 500 with a request id, and nothing of the internal error.
import { CreateUserCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const SECRET_DETAIL = 'disk I/O error at /var/lib/tessera/secret-path.db';

describe.each(BACKENDS)('an internal failure on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.destroy());

  it('answers ServiceFailure 500 with a request id and without internal detail', async () => {
    const write = vi.spyOn(t.server.store, 'write').mockRejectedValueOnce(new Error(SECRET_DETAIL));
    try {
      let requestId: string | undefined;
      const e = await awsError(async () => {
        try {
          await t.iam().send(new CreateUserCommand({ UserName: 'doomed' }));
        } catch (err) {
          requestId = (err as { $metadata?: { requestId?: string } }).$metadata?.requestId;
          throw err;
        }
      });
      expect(e).toMatchObject({
        code: 'ServiceFailure',
        status: 500,
        message: 'The request processing has failed because of an unknown error, exception or failure.',
      });
      expect(e.message).not.toContain('disk');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      // The detail goes to the server's log, under the same request id, for the operator.
      const line = t.log.lines().find((l) => l.requestId === requestId);
      expect(line).toMatchObject({ level: 'error', status: 500, action: 'CreateUser' });
      expect(JSON.stringify(line)).toContain(SECRET_DETAIL);
    } finally {
      write.mockRestore();
    }
    // The failed write left nothing behind, and the server keeps serving.
    const gone = await awsError(() => t.iam().send(new GetUserCommand({ UserName: 'doomed' })));
    expect(gone).toMatchObject({ code: 'NoSuchEntity', status: 404 });
  });

  it('puts no internal detail in the raw error body either', async () => {
    const write = vi.spyOn(t.server.store, 'write').mockRejectedValueOnce(new Error(SECRET_DETAIL));
    try {
      const url = new URL(t.url);
      const body = 'Action=CreateUser&Version=2010-05-08&UserName=doomed2';
      const signer = new SignatureV4({
        credentials: t.root,
        region: 'us-east-1',
        service: 'iam',
        sha256: Sha256,
      });
      const signed = await signer.sign({
        method: 'POST',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: '/',
        headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body,
      });
      const res = await fetch(t.url, { method: 'POST', headers: signed.headers, body });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).toContain('<Code>ServiceFailure</Code>');
      expect(text).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId>/);
      expect(text).not.toContain('disk I/O');
      expect(text).not.toContain('secret-path');
      expect(text).not.toMatch(/at \w+ \(|\.ts:\d+/);
    } finally {
      write.mockRestore();
    }
  });
});
