// Tessera's own parameters of a PostgreSQL URL (src/store/postgres/connection-options.ts): the pool's
// size (pool_max) and a connect timeout (connect_timeout), read, range-checked and kept from `pg`;
// a server that accepts a connection and never answers fails the open instead of hanging it, and a
// pool of two never holds more than two connections.
import { createServer, type Socket } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { postgresOptionsOf } from '../../src/store/postgres/connection-options.ts';
import { BACKENDS, dropData, testDatabaseUrl } from '../support/test-server.ts';
import { loadConfig } from '../../src/config/load.ts';

describe('PostgreSQL URL parameters', () => {
  it('default to a pool of 10 and a 10-second connect timeout', () => {
    expect(postgresOptionsOf('postgres://u@db:5432/d')).toEqual({
      connectionString: 'postgres://u@db:5432/d',
      schema: null,
      poolMax: 10,
      connectTimeoutMs: 10_000,
      startTimeoutMs: 30_000,
    });
  });

  it("are read and taken out of the URL, leaving pg's own parameters", () => {
    expect(
      postgresOptionsOf(
        'postgres://u:p@db:5432/d?sslmode=verify-full&schema=tessera&pool_max=25&connect_timeout=0&start_timeout=5&application_name=x',
      ),
    ).toEqual({
      connectionString: 'postgres://u:p@db:5432/d?sslmode=verify-full&application_name=x',
      schema: 'tessera',
      poolMax: 25,
      connectTimeoutMs: 0,
      startTimeoutMs: 5_000,
    });
  });

  it('are refused out of range, naming the parameter', () => {
    for (const [query, message] of [
      ['pool_max=0', 'pool_max must be a whole number from 1 to 1000'],
      ['pool_max=2.5', 'pool_max must be a whole number from 1 to 1000'],
      ['pool_max=', 'pool_max must be a whole number from 1 to 1000'],
      ['connect_timeout=-1', 'connect_timeout must be a whole number from 0 to 3600'],
      ['connect_timeout=ten', 'connect_timeout must be a whole number from 0 to 3600'],
      ['start_timeout=3601', 'start_timeout must be a whole number from 0 to 3600'],
      ['schema=Bad-Name', 'invalid schema name Bad-Name'],
    ])
      expect(() => postgresOptionsOf(`postgres://u@db/d?${query}`)).toThrow(message);
  });

  // without the timeout the open would wait for ever: the test's own limit fails it
  it(
    'bound the wait for a server that accepts a connection and never answers',
    { timeout: 20_000 },
    async () => {
      const sockets: Socket[] = [];
      const silent = createServer((s) => sockets.push(s));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const { port } = silent.address() as { port: number };
      try {
        const dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-pg-timeout-'));
        await expect(
          openStore({
            dataDir,
            databaseUrl: `postgres://u@127.0.0.1:${port}/d?connect_timeout=1&start_timeout=0`,
          }),
        ).rejects.toThrow('The request has failed due to a temporary failure of the server.');
      } finally {
        for (const s of sockets) s.destroy();
        silent.close();
      }
    },
  );
});

describe.each(BACKENDS.filter((b) => b === 'postgres'))('a pool_max on %s', (backend) => {
  it('holds the pool to that many connections under concurrent reads', async () => {
    const config = { ...loadConfig({}, {}), dataDir: mkdtempSync(path.join(tmpdir(), 'tessera-pool-')) };
    const base = testDatabaseUrl(backend)!;
    const sized = async (url: string) => {
      const store = await openStore({ dataDir: config.dataDir, databaseUrl: url });
      try {
        await Promise.all(
          Array.from({ length: 20 }, () => store.read((r) => r.accounts.get('123456789012'))),
        );
        return store.poolStats()!.total;
      } finally {
        await store.close();
      }
    };
    try {
      expect(await sized(`${base}&pool_max=2`)).toBeLessThanOrEqual(2);
      // the default pool opens more than two for the same reads
      expect(await sized(base)).toBeGreaterThan(2);
    } finally {
      await dropData({ ...config, databaseUrl: base });
    }
  });
});
