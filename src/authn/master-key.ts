// The master key that seals secrets at rest: from TESSERA_MASTER_KEY, or generated once into the
// data directory with mode 0600; and the check, before anything is sealed with it, that it is the key
// this database's secrets were sealed with (every node and command of one database needs the same).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Sealer } from '../crypto/index.ts';
import { ensureDataDir, type Store } from '../store/index.ts';
import { SESSION_KEY_PURPOSE } from './session-key-ring.ts';

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

/**
 * The sealer for this database: the configured (or the data directory's) master key, checked against
 * a session key already sealed in the database. A different key throws a plain explanation instead
 * of a cipher error, before this node or command seals anything the others could not open.
 */
export async function openSealer(
  store: Store,
  configured: string | undefined,
  dataDir: string,
): Promise<Sealer> {
  const sealer = new Sealer(loadMasterKey(configured, dataDir));
  const [sealed] = await store.read((r) => r.sessionKeys.list());
  if (sealed === undefined) return sealer; // a new database: nothing sealed yet
  try {
    sealer.open(sealed.key_sealed, SESSION_KEY_PURPOSE);
  } catch {
    const source = configured
      ? 'TESSERA_MASTER_KEY'
      : `${path.join(dataDir, 'master.key')} (TESSERA_MASTER_KEY is not set)`;
    throw new Error(
      `The master key from ${source} is not the one this database's secrets were sealed with. ` +
        'Every node and every tessera command of one database must use the same TESSERA_MASTER_KEY.',
    );
  }
  return sealer;
}
