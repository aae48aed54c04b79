// An SCP change made through one node governs requests on another node sharing the database as soon
// as the change feed carries it (LISTEN/NOTIFY on PostgreSQL, the polled feed on SQLite): attached,
// the next requests are refused; detached, allowed again.
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgFixture, type OrgFixture } from '../support/org-fixture.ts';
import { within } from '../support/polling.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const MEMBER = '222222222222';
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });

describe.each(BACKENDS)('SCP changes across nodes on %s', (backend) => {
  let a: TestServer;
  let b: TestServer;
  let f: OrgFixture;
  let admin: Credentials;

  beforeAll(async () => {
    a = await startTestServer(backend);
    b = await startTestServer(backend, { reuse: a.config });
    f = await orgFixture(a);
    await f.enable('SERVICE_CONTROL_POLICY');
    const root = await f.member(MEMBER);
    const iam = a.iam(root);
    await iam.send(new CreateUserCommand({ UserName: 'admin' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'admin',
        PolicyName: 'admin',
        PolicyDocument: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'admin' }))).AccessKey!;
    admin = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  });
  afterAll(async () => {
    await b.stop();
    await a.destroy();
  });

  it('a deny attached through node A is enforced on node B within a second, and lifted likewise', async () => {
    const onB = new IAMClient({ endpoint: b.url, region: 'us-east-1', credentials: admin, maxAttempts: 1 });
    let n = 0;
    const createOnB = async () => {
      try {
        await onB.send(new CreateUserCommand({ UserName: `u${n++}` }));
        return 'allowed';
      } catch (err) {
        return (err as { name: string; message: string }).message;
      }
    };
    // node B has decided for this account before, so its view is cached
    expect(await createOnB()).toBe('allowed');
    const deny = await f.policy('SERVICE_CONTROL_POLICY', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' }],
    });
    await f.attach(deny, MEMBER);
    await within(1000, async () => (await createOnB()).includes('explicit deny in a service control policy'));
    const refused = await awsError(() => onB.send(new CreateUserCommand({ UserName: 'refused' })));
    expect(refused.code).toBe('AccessDenied');
    await f.detach(deny, MEMBER);
    await within(1000, async () => (await createOnB()) === 'allowed');
  });
});
