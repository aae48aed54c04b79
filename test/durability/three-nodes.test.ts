// Three nodes sharing one database behave as one service: a Deny attached through node A is enforced
// on nodes B and C within a second; a session A issued works on B and C; a session key rotated in on
// B opens on C at once, even before C's change feed has said so (C reloads its ring for a key it has
// not seen, at most once a second).
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteUserPolicyCommand,
  IAMClient,
  ListUsersCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateSessionKeys } from '../../src/authn/index.ts';
import { sessionKeyIdOf } from '../../src/authn/session-token.ts';
import { BACKENDS, startTestServer, type Credentials, type TestServer } from '../support/test-server.ts';
import { within } from '../support/polling.ts';

const ACCOUNT = '123456789012';
const doc = (Effect: 'Allow' | 'Deny') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect, Action: 'iam:ListUsers', Resource: '*' }] });

const client = (node: TestServer, credentials: Credentials) => ({
  iam: new IAMClient({ endpoint: node.url, region: 'us-east-1', credentials, maxAttempts: 1 }),
  sts: new STSClient({ endpoint: node.url, region: 'us-east-1', credentials, maxAttempts: 1 }),
});

describe.each(BACKENDS)('three nodes on one %s database', (backend) => {
  let a: TestServer;
  let b: TestServer;
  let c: TestServer;
  let alice: Credentials;

  beforeAll(async () => {
    a = await startTestServer(backend);
    b = await startTestServer(backend, { reuse: a.config });
    c = await startTestServer(backend, { reuse: a.config });
    const iam = a.iam();
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await iam.send(
      new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'read', PolicyDocument: doc('Allow') }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    alice = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  });
  afterAll(async () => {
    await c?.stop();
    await b?.stop();
    await a?.destroy();
  });

  const listUsers = async (node: TestServer, credentials = alice) => {
    try {
      await client(node, credentials).iam.send(new ListUsersCommand({}));
      return 'allowed';
    } catch (err) {
      return (err as { name: string }).name;
    }
  };

  it('enforces on B and C within a second a Deny attached through A, and its removal', async () => {
    // B and C have decided for alice before: her key and policies are cached there
    expect([await listUsers(b), await listUsers(c)]).toEqual(['allowed', 'allowed']);
    await a.iam().send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'no-listing',
        PolicyDocument: doc('Deny'),
      }),
    );
    await within(1_000, async () => (await listUsers(b)) === 'AccessDenied');
    await within(1_000, async () => (await listUsers(c)) === 'AccessDenied');
    await a.iam().send(new DeleteUserPolicyCommand({ UserName: 'alice', PolicyName: 'no-listing' }));
    await within(1_000, async () => (await listUsers(b)) === 'allowed');
    await within(1_000, async () => (await listUsers(c)) === 'allowed');
  });

  it('accepts on B and C a session issued by A', async () => {
    const issued = (await client(a, alice).sts.send(new GetSessionTokenCommand({}))).Credentials!;
    const session = {
      accessKeyId: issued.AccessKeyId!,
      secretAccessKey: issued.SecretAccessKey!,
      sessionToken: issued.SessionToken!,
    };
    for (const node of [b, c]) {
      const who = await client(node, session).sts.send(new GetCallerIdentityCommand({}));
      expect(who.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
      // as in AWS, a session of GetSessionToken without MFA may not call IAM: refused alike everywhere
      expect(await listUsers(node, session)).toBe('InvalidClientTokenId');
    }
  });

  it('opens on C at once a session sealed with a key rotated in on B', async () => {
    const rotated = await rotateSessionKeys(b.server.services.store, b.server.services.sealer, new Date());
    const ringOfB = b.server.services.sessionKeys!;
    await within(1_000, async () => ringOfB.signingKey().id === rotated);
    const issued = (await client(b, alice).sts.send(new GetSessionTokenCommand({}))).Credentials!;
    expect(sessionKeyIdOf(issued.SessionToken!)).toBe(rotated);
    const who = await client(c, {
      accessKeyId: issued.AccessKeyId!,
      secretAccessKey: issued.SecretAccessKey!,
      sessionToken: issued.SessionToken!,
    }).sts.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
  });
});
