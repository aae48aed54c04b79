// A store opened for one describe block on one backend, in a fresh data directory (a schema of its
// own on PostgreSQL), closed and dropped after the block.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../../src/config/defaults.ts';
import { loadConfig } from '../../src/config/load.ts';
import { openStore, type KyselyStore } from '../../src/store/index.ts';
import { dropData, testDatabaseUrl, type Backend } from './test-server.ts';

export interface StoreFixture {
  readonly config: Config;
  /** The open store (from beforeAll on). */
  readonly store: KyselyStore;
}

export function useStore(backend: Backend, prefix: string): StoreFixture {
  const config = {
    ...loadConfig({}, {}),
    dataDir: mkdtempSync(path.join(tmpdir(), `tessera-${prefix}-`)),
    databaseUrl: testDatabaseUrl(backend),
  };
  let store: KyselyStore | undefined;
  beforeAll(async () => {
    store = await openStore(config);
  });
  afterAll(async () => {
    await store?.close();
    await dropData(config);
  });
  return {
    config,
    get store() {
      if (store === undefined) throw new Error('the store opens in beforeAll');
      return store;
    },
  };
}
