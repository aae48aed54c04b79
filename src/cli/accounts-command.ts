// `tessera accounts create|set-quotas|set-root-password|list`: manages accounts directly in the store.
import type { Command } from 'commander';
import { loadConfig, parseQuotaOverrides, quotasFor } from '../config/index.ts';
import { openStore } from '../store/index.ts';
import { hashPassword } from '../crypto/index.ts';
import { openSealer } from '../authn/index.ts';
import { ensureAccount, newAccountId } from '../domain/index.ts';

export function registerAccounts(program: Command): void {
  const accounts = program.command('accounts').description('Manage accounts');
  accounts
    .command('create')
    .description('Create an account with its own root credentials (printed once, as JSON)')
    .option('--account-id <id>', 'the 12-digit account id (random when omitted)')
    .option('--data-dir <dir>', 'data directory [TESSERA_DATA_DIR]')
    .option('--database-url <url>', 'PostgreSQL URL [TESSERA_DATABASE_URL]')
    .action(async (flags: { accountId?: string; dataDir?: string; databaseUrl?: string }) => {
      const config = loadConfig(definedOnly({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl }));
      const accountId = flags.accountId ?? newAccountId();
      if (!/^\d{12}$/.test(accountId)) throw new Error('an account id is 12 digits');
      const store = await openStore(config);
      try {
        const sealer = await openSealer(store, config.masterKey, config.dataDir);
        const creds = await ensureAccount(store, sealer, accountId, new Date());
        if (!creds) {
          console.error(`account ${accountId} already exists`);
          process.exitCode = 1;
          return;
        }
        console.log(
          JSON.stringify(
            {
              AccountId: creds.accountId,
              AccessKeyId: creds.accessKeyId,
              SecretAccessKey: creds.secretAccessKey,
            },
            null,
            2,
          ),
        );
      } finally {
        await store.close();
      }
    });
  accounts
    .command('set-quotas')
    .description(
      'Override quotas for one account (JSON object, e.g. \'{"rolesPerAccount":2000}\'); merged with earlier overrides',
    )
    .argument('<account-id>', 'the 12-digit account id')
    .argument('<json>', 'quota overrides; a value of null removes that override')
    .option('--data-dir <dir>', 'data directory [TESSERA_DATA_DIR]')
    .option('--database-url <url>', 'PostgreSQL URL [TESSERA_DATABASE_URL]')
    .action(async (accountId: string, json: string, flags: { dataDir?: string; databaseUrl?: string }) => {
      const config = loadConfig(definedOnly({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl }));
      const store = await openStore(config);
      try {
        const account = await store.read((r) => r.accounts.get(accountId));
        if (!account) throw new Error(`account ${accountId} does not exist`);
        const current = account.quotas ? (JSON.parse(account.quotas) as Record<string, number>) : {};
        const given = JSON.parse(json) as Record<string, number | null>;
        const removed = Object.keys(given).filter((k) => given[k] === null);
        const kept = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== null));
        const merged: Record<string, number> = {
          ...current,
          ...parseQuotaOverrides(JSON.stringify(kept), 'quotas'),
        };
        for (const k of removed) delete merged[k];
        await store.write(accountId, (r) =>
          r.accounts.setQuotas(accountId, Object.keys(merged).length ? JSON.stringify(merged) : null),
        );
        console.log(
          JSON.stringify(
            { AccountId: accountId, Quotas: quotasFor(config.quotas, JSON.stringify(merged)) },
            null,
            2,
          ),
        );
      } catch (err) {
        console.error(err instanceof Error ? err.message : String(err));
        process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
  accounts
    .command('set-root-password')
    .description(
      "Give an account's root a console password, read from standard input, with the identifier it signs in with",
    )
    .argument('<account-id>', 'the 12-digit account id')
    .option('--sign-in-name <name>', 'what the root signs in with (default root@<account-id>)')
    .option('--data-dir <dir>', 'data directory [TESSERA_DATA_DIR]')
    .option('--database-url <url>', 'PostgreSQL URL [TESSERA_DATABASE_URL]')
    .action(
      async (accountId: string, flags: { signInName?: string; dataDir?: string; databaseUrl?: string }) => {
        const config = loadConfig(definedOnly({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl }));
        const store = await openStore(config);
        try {
          const password = (await readStdin()).replace(/\r?\n$/, '');
          const problem = rootPasswordProblem(password);
          if (problem) throw new Error(problem);
          const account = await store.read((r) => r.accounts.get(accountId));
          if (!account) throw new Error(`account ${accountId} does not exist`);
          const name = (flags.signInName ?? `root@${accountId}`).trim().toLowerCase();
          const taken = await store.read((r) => r.consoleSessions.rootPassword(name));
          if (taken && taken.account_id !== accountId)
            throw new Error(`the sign-in name ${name} belongs to account ${taken.account_id}`);
          const hash = await hashPassword(password);
          await store.writeRecords((r) =>
            r.consoleSessions.setRootPassword({
              account_id: accountId,
              sign_in_name: name,
              password_hash: hash,
              set_at: new Date().toISOString(),
            }),
          );
          console.log(`The root of ${accountId} signs in to /console/ as ${name}.`);
        } catch (err) {
          console.error(err instanceof Error ? err.message : String(err));
          process.exitCode = 1;
        } finally {
          await store.close();
        }
      },
    );
  accounts
    .command('list')
    .description('List accounts')
    .option('--data-dir <dir>', 'data directory [TESSERA_DATA_DIR]')
    .option('--database-url <url>', 'PostgreSQL URL [TESSERA_DATABASE_URL]')
    .action(async (flags: { dataDir?: string; databaseUrl?: string }) => {
      const config = loadConfig(definedOnly({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl }));
      const store = await openStore(config);
      try {
        for (const a of await store.read((r) => r.accounts.list())) console.log(a.account_id);
      } finally {
        await store.close();
      }
    });
}

function definedOnly(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined));
}

/** AWS's rules for a root password: 8 to 128 characters, three of upper case, lower case, digits, symbols. */
function rootPasswordProblem(password: string): string | undefined {
  if (password.length < 8 || password.length > 128)
    return 'A root password has 8 to 128 characters (give it on standard input).';
  const kinds = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((k) => k.test(password)).length;
  return kinds < 3
    ? 'A root password mixes at least three of upper case letters, lower case letters, digits and symbols.'
    : undefined;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
