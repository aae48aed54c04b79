// The master key that seals secrets at rest: from TESSERA_MASTER_KEY, or generated once into the
// data directory with mode 0600.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureDataDir } from '../store/index.ts';

export function loadMasterKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return decode(configured, 'TESSERA_MASTER_KEY');
  const file = path.join(dataDir, 'master.key');
  if (existsSync(file)) return decode(readFileSync(file, 'utf8').trim(), file);
  ensureDataDir(dataDir);
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

function decode(text: string, where: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${where}: the master key must be 32 bytes, base64-encoded`);
  return key;
}
