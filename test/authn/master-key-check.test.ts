// Every node and command of one database must use the same master key: one started with another key
// refuses to start with a plain explanation (not a cipher error), and `tessera keys rotate` run with
// another key seals nothing, on both backends.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/app.ts';
import { captureLog } from '../support/log-capture.ts';
import { runTessera } from '../support/tessera-cli.ts';
import { BACKENDS, startTestServer } from '../support/test-server.ts';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');
const MISMATCH = /is not the one this database's secrets were sealed with/;

describe.each(BACKENDS)('the master key on %s', (backend) => {
  it('is checked against the database before a node or a command seals anything', async () => {
    const t = await startTestServer(backend, { config: { masterKey: keyA } });
    try {
      const keyCount = async () => (await t.server.store.read((r) => r.sessionKeys.list())).length;
      const before = await keyCount();

      // a second node with another key: refused, saying why
      const wrong = { ...t.config, masterKey: keyB };
      await expect(startServer(wrong, { logDestination: captureLog() })).rejects.toThrow(MISMATCH);

      // the command with another key (from the environment, as an operator would run it)
      process.env.TESSERA_MASTER_KEY = keyB;
      const refused = await runTessera(['keys', 'rotate'], t.config.dataDir, t.config.databaseUrl ?? '');
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toMatch(MISMATCH);
      expect(refused.stderr).toContain('TESSERA_MASTER_KEY');
      expect(await keyCount()).toBe(before);

      // with the right key the command works and the node's ring still opens every key
      process.env.TESSERA_MASTER_KEY = keyA;
      const rotated = await runTessera(['keys', 'rotate'], t.config.dataDir, t.config.databaseUrl ?? '');
      expect(rotated.stderr).toBe('');
      expect(rotated.status).toBe(0);
      expect(await keyCount()).toBe(before + 1);
      const second = await startServer({ ...t.config }, { logDestination: captureLog() });
      await second.stop();
    } finally {
      delete process.env.TESSERA_MASTER_KEY;
      await t.destroy();
    }
  });
});
