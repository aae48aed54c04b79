// `tessera keys rotate`: adds a new session-token key; tokens sealed by older keys keep working
// until they expire (keys are pruned once their successor is older than the longest session).
import type { Command } from 'commander';
import { loadConfig } from '../config/index.ts';
import { openStore } from '../store/index.ts';
import { Sealer } from '../crypto/index.ts';
import { loadMasterKey, rotateSessionKeys } from '../authn/index.ts';

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('Manage the keys that seal session tokens');
  keys
    .command('rotate')
    .description('Start sealing new session tokens with a new key; old sessions stay valid')
    .option('--data-dir <dir>', 'data directory [TESSERA_DATA_DIR]')
    .option('--database-url <url>', 'PostgreSQL URL [TESSERA_DATABASE_URL]')
    .action(async (flags: { dataDir?: string; databaseUrl?: string }) => {
      const given = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
      const config = loadConfig(given);
      const store = await openStore(config);
      try {
        const id = await rotateSessionKeys(
          store,
          new Sealer(loadMasterKey(config.masterKey, config.dataDir)),
          new Date(),
        );
        console.log(`New session key ${id} is now sealing new sessions.`);
      } finally {
        await store.close();
      }
    });
}
