// The Query endpoint accepts only signatures scoped to its own services (iam, sts), as AWS does: a
// request a client signed for another service (one that asks /_tessera/authorize to verify it, say)
// cannot be replayed here as an IAM or STS call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSigned } from '../example-service/signed-http.ts';
import { BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(BACKENDS)('Query signature scope (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => {
    await t.destroy();
  });

  const call = (service: string, body: string) =>
    sendSigned(t.url + '/', { method: 'POST', body, headers: FORM, service, credentials: t.root });

  it('answers a request signed for iam', async () => {
    const reply = await call('iam', 'Action=ListUsers&Version=2010-05-08');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<ListUsersResult>');
  });

  it('refuses an IAM call signed for another service', async () => {
    const reply = await call('notes', 'Action=CreateUser&Version=2010-05-08&UserName=replayed');
    expect(reply.status).toBe(403);
    expect(reply.body).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(reply.body).toContain('Credential should be scoped to correct service: &apos;iam&apos;.');
    const users = await call('iam', 'Action=ListUsers&Version=2010-05-08');
    expect(users.body).not.toContain('replayed');
  });

  it('refuses an STS call signed for another service', async () => {
    const reply = await call('tessera', 'Action=GetCallerIdentity&Version=2011-06-15');
    expect(reply.status).toBe(403);
    expect(reply.body).toContain('Credential should be scoped to correct service: &apos;sts&apos;.');
  });
});
