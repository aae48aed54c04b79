// File permissions of the data directory: a fresh start creates the directory 0700 and the SQLite
// database with its -wal and -shm files 0600; a data directory or database looser than that is
// reported at start with one warning line each.
import { CreateUserCommand } from '@aws-sdk/client-iam';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const mode = (p: string) => statSync(p).mode & 0o777;

describe('data directory and database file modes on SQLite', { timeout: 30_000 }, () => {
  let parent: string;
  let t: TestServer | undefined;
  let warn: MockInstance<typeof console.warn>;
  let umask: number;

  beforeEach(() => {
    parent = mkdtempSync(path.join(tmpdir(), 'tessera-modes-'));
    // the usual umask, under which files are created 0644 unless asked otherwise
    umask = process.umask(0o022);
    warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    await t?.destroy();
    t = undefined;
    warn.mockRestore();
    process.umask(umask);
    rmSync(parent, { recursive: true, force: true });
  });
  const warnings = () => warn.mock.calls.map((c: unknown[]) => c.map(String).join(' '));

  it('creates the data directory 0700 and tessera.db, -wal and -shm 0600 on a fresh start', async () => {
    const dataDir = path.join(parent, 'fresh', 'data');
    t = await startTestServer('sqlite', { config: { dataDir } });
    await t.iam().send(new CreateUserCommand({ UserName: 'written' }));
    const db = path.join(dataDir, 'tessera.db');
    expect(mode(dataDir).toString(8)).toBe('700');
    expect(mode(db).toString(8)).toBe('600');
    expect(mode(`${db}-wal`).toString(8)).toBe('600');
    expect(mode(`${db}-shm`).toString(8)).toBe('600');
    expect(warnings()).toEqual([]);
  });

  it('warns with one line when an existing data directory is readable by others', async () => {
    const dataDir = path.join(parent, 'data');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    t = await startTestServer('sqlite', { config: { dataDir } });
    expect(warnings()).toEqual([expect.stringContaining(`data directory ${dataDir} is mode 0755`)]);
    expect(warnings()[0]).toContain(`chmod 700 ${dataDir}`);
    expect(warnings()[0]).not.toContain('\n');
    // an operator's directory is reported, not changed
    expect(mode(dataDir).toString(8)).toBe('755');
  });

  it('warns once for each database file that is looser than 0600', async () => {
    const dataDir = path.join(parent, 'data');
    mkdirSync(dataDir, { mode: 0o700 });
    const db = path.join(dataDir, 'tessera.db');
    writeFileSync(db, '');
    chmodSync(db, 0o644);
    t = await startTestServer('sqlite', { config: { dataDir } });
    // SQLite gives -wal and -shm the database file's mode, so all three are reported
    expect(warnings()).toEqual([
      expect.stringContaining(`${db} is mode 0644`),
      expect.stringContaining(`${db}-wal is mode 0644`),
      expect.stringContaining(`${db}-shm is mode 0644`),
    ]);
  });
});
