// `tessera serve`'s start-up lines about the root credentials: where the first start wrote them, where
// they still are on a later start, and, on a node whose data directory does not hold them (another
// node made the account), no path to a file that is not there.
import { mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { startServerProcess } from '../support/server-process.ts';
import { within } from '../support/polling.ts';

describe('the serve banner', () => {
  it('names the root-credentials file only where it is', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-banner-'));
    const config = {
      ...loadConfig({}, {}),
      dataDir,
      rootAccessKeyId: undefined,
      rootSecretAccessKey: undefined,
    };
    const file = path.join(dataDir, `root-credentials-${config.accountId}.json`);
    const bannerOf = async () => {
      const proc = await startServerProcess(config);
      try {
        await within(10_000, () => Promise.resolve(proc.stdout().includes('Root credentials')));
        return proc
          .stdout()
          .split('\n')
          .find((l) => l.startsWith('Root credentials'))!;
      } finally {
        await proc.kill();
      }
    };
    expect(await bannerOf()).toBe(`Root credentials written to ${file} (mode 0600)`);
    expect(await bannerOf()).toBe(`Root credentials: in ${file} from the first start`);
    renameSync(file, `${file}.elsewhere`);
    const line = await bannerOf();
    expect(line).not.toContain(file);
    expect(line).toContain('node that made the account');
  });
});
