// `tessera roles revoke-sessions ROLE`: denies every session of a role issued up to now, with the
// inline policy AWSRevokeOlderSessions the IAM console attaches ("Revoke active sessions"). The
// command returns once its cut-off (the next whole second) has passed, so a session issued after it
// returns is not denied.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { loadConfig, quotasFor } from '../config/index.ts';
import { openStore } from '../store/index.ts';
import { revokeOlderSessions } from '../sts/index.ts';

export function registerRoles(program: Command): void {
  const roles = program.command('roles').description('Manage roles');
  roles
    .command('revoke-sessions')
    .description('Deny all sessions of ROLE issued up to now (policy AWSRevokeOlderSessions)')
    .argument('<role>', 'the role name')
    .option('--account-id <id>', 'the account owning the role [the default account]')
    .option('--data-dir <dir>', 'data directory [TESSERA_DATA_DIR]')
    .option('--database-url <url>', 'PostgreSQL URL [TESSERA_DATABASE_URL]')
    .action(
      async (roleName: string, flags: { accountId?: string; dataDir?: string; databaseUrl?: string }) => {
        const given = Object.fromEntries(
          Object.entries({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl }).filter(
            ([, v]) => v !== undefined,
          ),
        );
        const config = loadConfig(given);
        const accountId = flags.accountId ?? config.accountId;
        const store = await openStore(config);
        try {
          const account = await store.read((r) => r.accounts.get(accountId));
          if (!account) throw new Error(`account ${accountId} does not exist`);
          const quotas = quotasFor(config.quotas, account.quotas);
          const cutoff = await store.write(accountId, (repos) =>
            revokeOlderSessions(repos, accountId, roleName, new Date(), quotas),
          );
          // sessions record whole seconds: wait for the cut-off, so new sessions work when we return
          const wait = Date.parse(cutoff) - Date.now();
          if (wait > 0) await sleep(wait);
          console.log(`Sessions of role ${roleName} issued before ${cutoff} are now denied.`);
        } catch (err) {
          console.error(err instanceof Error ? err.message : String(err));
          process.exitCode = 1;
        } finally {
          await store.close();
        }
      },
    );
}
