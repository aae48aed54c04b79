// IAM OpenID Connect providers over HTTP with the real AWS SDK v3 IAM client, on each storage backend:
// AWS's URL rules, client id and thumbprint limits, tags, and errors.
import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateOpenIDConnectProviderCommand,
  DeleteOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  ListOpenIDConnectProvidersCommand,
  ListOpenIDConnectProviderTagsCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand,
  TagOpenIDConnectProviderCommand,
  UntagOpenIDConnectProviderCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const GITHUB = 'https://token.actions.githubusercontent.com';
const GITHUB_ARN = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
const THUMB = '6938fd4d98bab03faadb97b34396831e3780aea1';

describe.each(BACKENDS)('OIDC providers on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.destroy());

  it('creates a provider named by its host and reads it back without the scheme', async () => {
    const iam = t.iam();
    const created = await iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: GITHUB,
        ClientIDList: ['sts.amazonaws.com'],
        ThumbprintList: [THUMB],
        Tags: [{ Key: 'team', Value: 'ci' }],
      }),
    );
    expect(created.OpenIDConnectProviderArn).toBe(GITHUB_ARN);
    expect(created.Tags).toEqual([{ Key: 'team', Value: 'ci' }]);
    const got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: GITHUB_ARN }));
    expect(got.Url).toBe('token.actions.githubusercontent.com');
    expect(got.ClientIDList).toEqual(['sts.amazonaws.com']);
    expect(got.ThumbprintList).toEqual([THUMB]);
    expect(got.CreateDate).toBeInstanceOf(Date);
    expect(got.Tags).toEqual([{ Key: 'team', Value: 'ci' }]);
    const list = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    expect(list.OpenIDConnectProviderList).toEqual([{ Arn: GITHUB_ARN }]);
  });

  it('accepts a provider without thumbprints and names it by host and path', async () => {
    const created = await t.iam().send(
      new CreateOpenIDConnectProviderCommand({
        Url: 'https://idp.example.com/realms/ci',
        ClientIDList: ['a'],
      }),
    );
    expect(created.OpenIDConnectProviderArn).toBe(
      'arn:aws:iam::123456789012:oidc-provider/idp.example.com/realms/ci',
    );
    const got = await t
      .iam()
      .send(
        new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: created.OpenIDConnectProviderArn }),
      );
    expect(got.Url).toBe('idp.example.com/realms/ci');
    expect(got.ThumbprintList ?? []).toEqual([]);
  });

  it('refuses a second provider for the same URL', async () => {
    const e = await awsError(() => t.iam().send(new CreateOpenIDConnectProviderCommand({ Url: GITHUB })));
    expect(e).toMatchObject({
      code: 'EntityAlreadyExists',
      status: 409,
      message: `Provider with url ${GITHUB} already exists.`,
    });
  });

  it.each([
    ['example.com', 'ValidationError', 'Invalid Open ID Connect Provider URL'],
    [
      'http://example.com',
      'InvalidInput',
      'Invalid Open ID Connect Provider URL. The URL must begin with https://.',
    ],
    [
      'http://127.0.0.1:9000',
      'InvalidInput',
      'Invalid Open ID Connect Provider URL. The URL must begin with https://.',
    ],
    ['https://example.com?foo=1', 'InvalidInput', 'Invalid Open ID Connect Provider URL.'],
    ['https://example.com#frag', 'InvalidInput', 'Invalid Open ID Connect Provider URL.'],
    ['https://example.com:8443', 'InvalidInput', 'Invalid Open ID Connect Provider URL.'],
    ['https://user:pass@example.com', 'InvalidInput', 'Invalid Open ID Connect Provider URL.'],
  ])('refuses the URL %s outside dev mode', async (Url, code, message) => {
    const e = await awsError(() => t.iam().send(new CreateOpenIDConnectProviderCommand({ Url })));
    expect(e).toMatchObject({ code, status: 400, message });
  });

  it('refuses more than 5 thumbprints and a thumbprint that is not hexadecimal', async () => {
    const six = ['1', '2', '3', '4', '5', '6'].map((d) => d.repeat(40));
    const e = await awsError(() =>
      t
        .iam()
        .send(
          new CreateOpenIDConnectProviderCommand({ Url: 'https://six.example.com', ThumbprintList: six }),
        ),
    );
    expect(e).toMatchObject({
      code: 'InvalidInput',
      status: 400,
      message: 'Thumbprint list must contain fewer than 5 entries.',
    });
    const bad = await awsError(() =>
      t.iam().send(
        new CreateOpenIDConnectProviderCommand({
          Url: 'https://hex.example.com',
          ThumbprintList: ['z'.repeat(40)],
        }),
      ),
    );
    expect(bad.code).toBe('InvalidInput');
    const short = await awsError(() =>
      t.iam().send(
        new CreateOpenIDConnectProviderCommand({
          Url: 'https://len.example.com',
          ThumbprintList: ['a'.repeat(39)],
        }),
      ),
    );
    expect(short.code).toBe('ValidationError');
  });

  it('refuses more than 100 client ids, at creation and when adding one', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `client-${i}`);
    const e = await awsError(() =>
      t
        .iam()
        .send(new CreateOpenIDConnectProviderCommand({ Url: 'https://many.example.com', ClientIDList: ids })),
    );
    expect(e).toMatchObject({
      code: 'LimitExceeded',
      status: 409,
      message: 'Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100',
    });
    const created = await t.iam().send(
      new CreateOpenIDConnectProviderCommand({
        Url: 'https://many.example.com',
        ClientIDList: ids.slice(0, 100),
      }),
    );
    const add = await awsError(() =>
      t.iam().send(
        new AddClientIDToOpenIDConnectProviderCommand({
          OpenIDConnectProviderArn: created.OpenIDConnectProviderArn,
          ClientID: 'one-too-many',
        }),
      ),
    );
    expect(add.code).toBe('LimitExceeded');
  });

  it('adds and removes client ids idempotently and replaces thumbprints', async () => {
    const iam = t.iam();
    const arn = GITHUB_ARN;
    await iam.send(
      new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'other' }),
    );
    await iam.send(
      new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'other' }),
    );
    let got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    expect(got.ClientIDList).toEqual(['sts.amazonaws.com', 'other']);
    await iam.send(
      new RemoveClientIDFromOpenIDConnectProviderCommand({
        OpenIDConnectProviderArn: arn,
        ClientID: 'other',
      }),
    );
    await iam.send(
      new RemoveClientIDFromOpenIDConnectProviderCommand({
        OpenIDConnectProviderArn: arn,
        ClientID: 'never-there',
      }),
    );
    await iam.send(
      new UpdateOpenIDConnectProviderThumbprintCommand({
        OpenIDConnectProviderArn: arn,
        ThumbprintList: ['A'.repeat(40), 'b'.repeat(40)],
      }),
    );
    got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    expect(got.ClientIDList).toEqual(['sts.amazonaws.com']);
    expect(got.ThumbprintList).toEqual(['a'.repeat(40), 'b'.repeat(40)]);
  });

  it('tags, lists and untags a provider', async () => {
    const iam = t.iam();
    await iam.send(
      new TagOpenIDConnectProviderCommand({
        OpenIDConnectProviderArn: GITHUB_ARN,
        Tags: [
          { Key: 'env', Value: 'prod' },
          { Key: 'TEAM', Value: 'platform' },
        ],
      }),
    );
    let tags = await iam.send(
      new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: GITHUB_ARN }),
    );
    expect(tags.Tags).toEqual([
      { Key: 'env', Value: 'prod' },
      { Key: 'TEAM', Value: 'platform' },
    ]);
    await iam.send(
      new UntagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: GITHUB_ARN, TagKeys: ['team'] }),
    );
    tags = await iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: GITHUB_ARN }));
    expect(tags.Tags).toEqual([{ Key: 'env', Value: 'prod' }]);
  });

  it('reports a missing provider with AWS error and deletes one with its tags', async () => {
    const iam = t.iam();
    const missing = 'arn:aws:iam::123456789012:oidc-provider/nowhere.example.com';
    const e = await awsError(() =>
      iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: missing })),
    );
    expect(e).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: `OpenIDConnect Provider not found for arn ${missing}`,
    });
    await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: GITHUB_ARN }));
    const gone = await awsError(() =>
      iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: GITHUB_ARN })),
    );
    expect(gone.code).toBe('NoSuchEntity');
    // deleting it again succeeds: the operation is idempotent (see the test below)
    await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: GITHUB_ARN }));
    // a new provider for the URL starts without the old one's tags
    await iam.send(new CreateOpenIDConnectProviderCommand({ Url: GITHUB }));
    const fresh = await iam.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: GITHUB_ARN }),
    );
    expect(fresh.Tags).toBeUndefined();
  });

  it('deletes a provider that does not exist without an error, as AWS documents', async () => {
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteOpenIDConnectProvider.html:
    // "This operation is idempotent; it does not fail or return an error if you call the
    // operation for a provider that does not exist."
    const iam = t.iam();
    const missing = 'arn:aws:iam::123456789012:oidc-provider/never.example.com/created';
    const out = await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: missing }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    // an ARN that is not an OIDC provider's is still rejected
    const bad = await awsError(() =>
      iam.send(
        new DeleteOpenIDConnectProviderCommand({
          OpenIDConnectProviderArn: 'arn:aws:iam::123456789012:role/not-a-provider',
        }),
      ),
    );
    expect(bad).toMatchObject({ code: 'InvalidInput', status: 400 });
  });
});

describe('OIDC providers in dev mode', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', { dev: true });
  });
  afterAll(() => t.destroy());

  it('accepts a plain-http issuer with a port on a loopback address only', async () => {
    const created = await t
      .iam()
      .send(new CreateOpenIDConnectProviderCommand({ Url: 'http://127.0.0.1:9000/ci' }));
    expect(created.OpenIDConnectProviderArn).toBe(
      'arn:aws:iam::123456789012:oidc-provider/127.0.0.1:9000/ci',
    );
    const e = await awsError(() =>
      t.iam().send(new CreateOpenIDConnectProviderCommand({ Url: 'http://example.com' })),
    );
    expect(e).toMatchObject({
      code: 'InvalidInput',
      message: 'Invalid Open ID Connect Provider URL. The URL must begin with https://.',
    });
  });
});
