// The endpoint itself: routing, authentication failures, presigned GETs, dev mode and reset.
import { CreateUserCommand, GetUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError, BACKENDS, ROOT, startTestServer, type TestServer } from '../support/test-server.ts';

function xmlField(xml: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
}

describe.each(BACKENDS)('the endpoint on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.destroy());

  it('answers GetCallerIdentity for the account root', async () => {
    const id = await t.sts().send(new GetCallerIdentityCommand({}));
    expect(id).toMatchObject({
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:root',
      UserId: '123456789012',
    });
  });

  it('refuses a request without any signature with MissingAuthenticationToken', async () => {
    const res = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListUsers&Version=2010-05-08',
    });
    expect(res.status).toBe(403);
    const body = await res.text();
    expect(body).toContain('<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">');
    expect(xmlField(body, 'Code')).toBe('MissingAuthenticationToken');
    expect(xmlField(body, 'Type')).toBe('Sender');
    expect(xmlField(body, 'RequestId')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-amzn-requestid')).toBe(xmlField(body, 'RequestId'));
  });

  it('refuses an unknown access key with InvalidClientTokenId', async () => {
    const e = await awsError(() =>
      t
        .iam({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x'.repeat(40) })
        .send(new ListUsersCommand({})),
    );
    expect(e).toMatchObject({
      code: 'InvalidClientTokenId',
      status: 403,
      message: 'The security token included in the request is invalid.',
    });
  });

  it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    const e = await awsError(() =>
      t
        .sts({ accessKeyId: ROOT.accessKeyId, secretAccessKey: 'y'.repeat(40) })
        .send(new GetCallerIdentityCommand({})),
    );
    expect(e.code).toBe('SignatureDoesNotMatch');
    expect(e.status).toBe(403);
  });

  it('serves a presigned GET query-string request', async () => {
    const url = new URL(t.url);
    const signer = new SignatureV4({
      service: 'iam',
      region: 'us-east-1',
      credentials: ROOT,
      sha256: Sha256,
    });
    const signed = await signer.presign(
      {
        method: 'GET',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: '/',
        query: { Action: 'GetUser', Version: '2010-05-08', UserName: 'nobody' },
        headers: { host: url.host },
      },
      { expiresIn: 300 },
    );
    const qs = new URLSearchParams(signed.query as Record<string, string>).toString();
    const res = await fetch(`${t.url}/?${qs}`);
    const body = await res.text();
    expect(res.status).toBe(404);
    expect(xmlField(body, 'Code')).toBe('NoSuchEntity');
  });

  it('answers InvalidAction for an operation IAM does not have', async () => {
    const url = new URL(t.url);
    const signer = new SignatureV4({
      service: 'iam',
      region: 'us-east-1',
      credentials: ROOT,
      sha256: Sha256,
    });
    const body = 'Action=FlyToTheMoon&Version=2010-05-08';
    const req = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
    });
    const res = await fetch(t.url, { method: 'POST', headers: req.headers as Record<string, string>, body });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(xmlField(text, 'Code')).toBe('InvalidAction');
    expect(xmlField(text, 'Message')).toBe('Could not find operation FlyToTheMoon for version 2010-05-08');
  });

  it('has no reset route outside dev mode', async () => {
    const res = await fetch(`${t.url}/_tessera/reset`, { method: 'POST' });
    expect(res.status).toBe(404);
  });
});

describe('dev mode', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', { dev: true });
  });
  afterAll(() => t.destroy());

  it('accepts an unknown access key as the default account root', async () => {
    const dummy = { accessKeyId: 'test', secretAccessKey: 'test' };
    const id = await t.sts(dummy).send(new GetCallerIdentityCommand({}));
    expect(id.Arn).toBe('arn:aws:iam::123456789012:root');
    await t.iam(dummy).send(new CreateUserCommand({ UserName: 'from-dummy-keys' }));
    const got = await t.iam().send(new GetUserCommand({ UserName: 'from-dummy-keys' }));
    expect(got.User?.UserName).toBe('from-dummy-keys');
  });

  it('still verifies the signature of a known key', async () => {
    const e = await awsError(() =>
      t
        .sts({ accessKeyId: ROOT.accessKeyId, secretAccessKey: 'z'.repeat(40) })
        .send(new GetCallerIdentityCommand({})),
    );
    expect(e.code).toBe('SignatureDoesNotMatch');
  });

  it('empties all state on POST /_tessera/reset and keeps the root credentials working', async () => {
    const res = await fetch(`${t.url}/_tessera/reset`, { method: 'POST' });
    expect(res.status).toBe(200);
    const list = await t.iam().send(new ListUsersCommand({}));
    expect(list.Users).toEqual([]);
    const id = await t.sts().send(new GetCallerIdentityCommand({}));
    expect(id.Account).toBe('123456789012');
  });
});
