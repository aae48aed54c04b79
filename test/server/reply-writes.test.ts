// Each reply leaves in one write: status line, headers and body reach the socket together, for
// successes and errors of the Query, JSON and authorization endpoints (counted at the socket's
// write entry point, on the server's side of the connection only).
import net from 'node:net';
import { GetUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type WriteGeneric = (this: net.Socket, ...args: unknown[]) => unknown;
const proto = net.Socket.prototype as unknown as { _writeGeneric: WriteGeneric };

describe('replies on the wire', () => {
  let t: TestServer;
  let serverWrites = 0;
  const original = proto._writeGeneric;

  beforeAll(async () => {
    t = await startTestServer('sqlite');
    proto._writeGeneric = function (this: net.Socket, ...args: unknown[]) {
      // a socket the server accepted carries its server; the SDK's own sockets have null there
      if ((this as net.Socket & { server?: unknown }).server != null) serverWrites++;
      return original.apply(this, args);
    };
  });
  afterAll(async () => {
    proto._writeGeneric = original;
    await t.destroy();
  });

  async function writesFor(call: () => Promise<unknown>): Promise<number> {
    await call().catch(() => undefined); // keep-alive connection open, handlers warm
    const before = serverWrites;
    await call().catch(() => undefined);
    return serverWrites - before;
  }

  it('writes a success in one write', async () => {
    const sts = t.sts();
    const iam = t.iam();
    expect(await writesFor(() => sts.send(new GetCallerIdentityCommand({})))).toBe(1);
    expect(await writesFor(() => iam.send(new ListUsersCommand({})))).toBe(1);
  });

  it('writes an error in one write', async () => {
    const iam = t.iam();
    const error = await iam.send(new GetUserCommand({ UserName: 'nobody' })).catch((e: unknown) => e);
    expect((error as { name?: string }).name).toBe('NoSuchEntityException');
    expect(await writesFor(() => iam.send(new GetUserCommand({ UserName: 'nobody' })))).toBe(1);
  });

  it('writes a health answer in one write', async () => {
    expect(await writesFor(() => fetch(`${t.url}/_tessera/ready`).then((r) => r.text()))).toBe(1);
  });
});
