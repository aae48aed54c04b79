// `tessera keys rotate`: adds a new session-token key; tokens sealed by older keys keep working
// until they expire (keys are pruned once their successor is older than the longest session). It adds
// new keys that sign GetWebIdentityToken's JWTs too; the issuers' JWKS keeps the previous ones while
// a token they signed may live.
import type { Command } from 'commander';
import { loadConfig } from '../config/index.ts';
import { openStore } from '../store/index.ts';
import { openSealer, rotateSessionKeys } from '../authn/index.ts';
import { rotateWebIdentityKeys } from '../sts/index.ts';

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
        const sealer = await openSealer(store, config.masterKey, config.dataDir);
        const id = await rotateSessionKeys(store, sealer, new Date());
        console.log(`New session key ${id} is now sealing new sessions.`);
        const signing = await rotateWebIdentityKeys(store, sealer, new Date());
        console.log(`New web identity token signing keys ${signing.join(', ')} now sign new tokens.`);
      } finally {
        await store.close();
      }
    });
}
