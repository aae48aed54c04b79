// SIGTERM under load: the node stops taking connections, lets requests in flight finish (here one
// whose body is still arriving when the signal comes), flushes buffered data, closes the store and
// exits 0; nothing acknowledged is lost. With a drain time it first answers not ready while serving on.
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/defaults.ts';
import { startServerProcess } from '../support/server-process.ts';
import { BACKENDS, dropData, ROOT, startTestServer, testDatabaseUrl } from '../support/test-server.ts';

const CONCURRENCY = 8;
const SIGNAL_AFTER_ACKS = 40;

/** Sends a signed CreateUser whose body arrives in two parts; resolves with status and body. */
async function slowCreateUser(url: string, userName: string) {
  const u = new URL(url);
  const body = `Action=CreateUser&Version=2010-05-08&UserName=${userName}`;
  const signer = new SignatureV4({ credentials: ROOT, region: 'us-east-1', service: 'iam', sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: u.hostname,
    port: Number(u.port),
    path: '/',
    headers: {
      host: u.host,
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
    },
    body,
  });
  const req = request({
    host: u.hostname,
    port: Number(u.port),
    method: 'POST',
    path: '/',
    headers: signed.headers,
  });
  const answered = once(req, 'response').then(async (args) => {
    const res = args[0] as IncomingMessage;
    let text = '';
    for await (const chunk of res) text += String(chunk);
    return { status: res.statusCode, text };
  });
  req.write(body.slice(0, 20));
  return {
    answered,
    finish: () => req.end(body.slice(20)),
  };
}

describe.each(BACKENDS)('SIGTERM under load on %s', (backend) => {
  it('finishes requests in flight, flushes last-used data and loses nothing acknowledged', async () => {
    const config: Config = {
      ...loadConfig({}, {}),
      port: 0,
      dataDir: mkdtempSync(path.join(tmpdir(), 'tessera-term-')),
      databaseUrl: testDatabaseUrl(backend),
      rootAccessKeyId: ROOT.accessKeyId,
      rootSecretAccessKey: ROOT.secretAccessKey,
    };
    try {
      const proc = await startServerProcess(config);
      const clientOf = <C>(Client: new (c: object) => C, credentials = ROOT) =>
        new Client({ endpoint: proc.url, region: 'us-east-1', credentials, maxAttempts: 1 });
      const iam = clientOf(IAMClient);
      await iam.send(new CreateUserCommand({ UserName: 'late' }));
      const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'late' }))).AccessKey!;
      const late = clientOf(STSClient, {
        accessKeyId: key.AccessKeyId!,
        secretAccessKey: key.SecretAccessKey!,
      });

      const acknowledged: string[] = [];
      const statuses: number[] = [];
      let next = 0;
      let stopping = false;
      let triggered = false;
      let signalled: Promise<unknown> | undefined;
      let slow: Awaited<ReturnType<typeof slowCreateUser>> | undefined;
      const exited = once(proc.child, 'exit');
      const worker = async () => {
        while (!stopping) {
          const name = `term${String(next++).padStart(4, '0')}`;
          try {
            const out = await iam.send(new CreateUserCommand({ UserName: name }));
            acknowledged.push(name);
            statuses.push(out.$metadata.httpStatusCode ?? 0);
          } catch (err) {
            const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
            if (status) statuses.push(status);
            if (signalled) stopping = true; // the node has gone: connection refused or closed
          }
          if (acknowledged.length >= SIGNAL_AFTER_ACKS && !triggered) {
            triggered = true;
            slow = await slowCreateUser(proc.url, 'in-flight');
            await late.send(new GetCallerIdentityCommand({})); // a use only the shutdown flush records
            await new Promise((r) => setTimeout(r, 50));
            proc.child.kill('SIGTERM');
            signalled = new Promise((r) => setTimeout(r, 300)).then(() => slow!.finish());
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      await signalled;
      const answer = await slow!.answered;
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('<UserName>in-flight</UserName>');
      const [code, signal] = (await exited) as [number | null, string | null];
      expect({ code, signal, stderr: proc.stderr() }).toEqual({ code: 0, signal: null, stderr: '' });
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      iam.destroy();

      const restarted = await startTestServer(backend, { reuse: config });
      try {
        for (const name of [...acknowledged, 'in-flight'])
          await restarted.iam().send(new GetUserCommand({ UserName: name }));
        const used = await restarted
          .iam()
          .send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.AccessKeyId! }));
        expect(used.AccessKeyLastUsed?.LastUsedDate).toBeInstanceOf(Date);
        expect(used.AccessKeyLastUsed?.ServiceName).toBe('sts');
      } finally {
        await restarted.stop();
      }
    } finally {
      await dropData(config);
    }
  });
});

describe.each(BACKENDS)('SIGTERM with a drain time on %s', (backend) => {
  it('answers not ready but serves new connections for the drain time, each answer closing its connection, then stops listening', async () => {
    const t = await startTestServer(backend);
    const { hostname, port } = new URL(t.url);
    const get = (p: string) =>
      new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
        const req = request({ host: hostname, port: Number(port), path: p, agent: false }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += String(c)));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }),
          );
        });
        req.on('error', reject);
        req.end();
      });
    try {
      expect((await get('/_tessera/ready')).status).toBe(200);
      const started = Date.now();
      const stopping = t.server.shutdown(5_000, 1_500);
      const ready = await get('/_tessera/ready');
      expect(ready).toMatchObject({ status: 503, connection: 'close' });
      expect(ready.body).toContain('shutting down');
      // a signed call on a new connection is still served in full
      const sts = new STSClient({ endpoint: t.url, region: 'us-east-1', credentials: ROOT, maxAttempts: 1 });
      expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(t.config.accountId);
      await stopping;
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
      await expect(get('/_tessera/ready')).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await t.server.stop().catch(() => undefined);
      await dropData(t.config);
    }
  });
});
