// `tessera audit tail [--follow] [--account ID] [--user NAME] [--denied]`: the audit trail as readable
// lines, read from the store (so it follows every node's events), newest last.
import type { Command } from 'commander';
import { tailEvents } from '../audit/index.ts';
import { loadConfig } from '../config/index.ts';
import { openStore } from '../store/index.ts';

interface TailFlags {
  follow?: boolean;
  account?: string;
  user?: string;
  denied?: boolean;
  lines?: string;
  dataDir?: string;
  databaseUrl?: string;
}

export function addAuditTail(audit: Command): void {
  audit
    .command('tail')
    .description('Print the latest events, one line each; with --follow, keep printing new ones')
    .option('-f, --follow', 'keep printing events as they are recorded')
    .option('--account <id>', 'only this account')
    .option(
      '--user <name>',
      'only this user name, role session name or `root` (as LookupEvents matches Username)',
    )
    .option('--denied', 'only refused calls (AccessDenied)')
    .option('-n, --lines <n>', 'how many of the latest events to print first', '20')
    .option('--data-dir <dir>', 'data directory [TESSERA_DATA_DIR]')
    .option('--database-url <url>', 'PostgreSQL URL [TESSERA_DATABASE_URL]')
    .action(async (flags: TailFlags) => {
      const config = loadConfig({
        ...(flags.dataDir !== undefined ? { dataDir: flags.dataDir } : {}),
        ...(flags.databaseUrl !== undefined ? { databaseUrl: flags.databaseUrl } : {}),
      });
      const initial = Number(flags.lines);
      if (!Number.isInteger(initial) || initial < 0) throw new Error('--lines must be a whole number');
      const store = await openStore(config);
      const stop = new AbortController();
      process.once('SIGINT', () => stop.abort());
      process.once('SIGTERM', () => stop.abort());
      try {
        await tailEvents(
          store,
          {
            ...(flags.account !== undefined ? { accountId: flags.account } : {}),
            ...(flags.user !== undefined ? { user: flags.user } : {}),
            ...(flags.denied ? { denied: true } : {}),
          },
          (line) => process.stdout.write(line + '\n'),
          { initial, follow: flags.follow === true, signal: stop.signal },
        );
      } finally {
        await store.close();
      }
    });
}
