// `tessera audit tail`'s reading of the trail: the latest events as lines (oldest first), filters by
// account, user and denial, and --follow printing events recorded afterwards, the batched ones too.
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  GetUserCommand,
  IAMClient,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tailEvents, tailLine } from '../../src/audit/tail.ts';
import { BACKENDS, startTestServer, type Credentials, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';

describe.each(BACKENDS)('audit tail on %s', (backend) => {
  let t: TestServer;
  let frank: Credentials;
  beforeAll(async () => {
    t = await startTestServer(backend);
    await t.iam().send(new CreateUserCommand({ UserName: 'frank' }));
    const key = (await t.iam().send(new CreateAccessKeyCommand({ UserName: 'frank' }))).AccessKey!;
    frank = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    const asFrank = new IAMClient({
      endpoint: t.url,
      region: 'us-east-1',
      credentials: frank,
      maxAttempts: 1,
    });
    await asFrank.send(new ListUsersCommand({})).catch(() => undefined);
    await t.server.services.audit!.flush();
  });
  afterAll(() => t.destroy());

  const collect = async (filter: Parameters<typeof tailEvents>[1], initial = 20) => {
    const lines: string[] = [];
    await tailEvents(t.server.store, filter, (l) => lines.push(l), { initial });
    return lines;
  };

  it('prints the latest events oldest first, one readable line each', async () => {
    const lines = await collect({ accountId: ACCOUNT });
    expect(lines.map((l) => l.split('  ')[2])).toEqual([
      'iam:CreateUser',
      'iam:CreateAccessKey',
      'iam:ListUsers',
    ]);
    expect(lines[0]).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  ${ACCOUNT}  iam:CreateUser  arn:aws:iam::${ACCOUNT}:root  from 127\\.0\\.0\\.1  OK$`,
      ),
    );
    expect(lines[2]).toContain(`arn:aws:iam::${ACCOUNT}:user/frank`);
    expect(lines[2]).toContain('AccessDenied: User: arn:aws:iam::123456789012:user/frank is not authorized');
    expect(await collect({ accountId: ACCOUNT }, 1)).toEqual([lines[2]]);
  });

  it('filters by user, by denial and by account', async () => {
    expect((await collect({ user: 'frank' })).map((l) => l.split('  ')[2])).toEqual(['iam:ListUsers']);
    expect((await collect({ denied: true })).length).toBe(1);
    expect(await collect({ accountId: '000000000000' })).toEqual([]);
  });

  it('follows: prints events recorded after it started, batched ones included, each once', async () => {
    const lines: string[] = [];
    const stop = new AbortController();
    const following = tailEvents(t.server.store, { accountId: ACCOUNT }, (l) => lines.push(l), {
      initial: 0,
      follow: true,
      intervalMs: 50,
      signal: stop.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await t.iam().send(new CreateUserCommand({ UserName: 'grace' }));
    await t.iam().send(new GetUserCommand({ UserName: 'grace' }));
    await t.server.services.audit!.flush();
    for (let i = 0; i < 100 && lines.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 150));
    stop.abort();
    await following;
    expect(lines.map((l) => l.split('  ')[2])).toEqual(['iam:CreateUser', 'iam:GetUser']);
  });

  it('writes the line from the record alone', async () => {
    const [r] = await t.server.store.read((repos) =>
      repos.auditEvents.lookup({
        accountId: ACCOUNT,
        attribute: { key: 'EventName', value: 'CreateAccessKey' },
        limit: 1,
      }),
    );
    expect(tailLine(r!)).toContain('iam:CreateAccessKey');
    expect(tailLine(r!)).not.toContain(frank.secretAccessKey);
  });
});
