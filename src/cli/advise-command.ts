// `tessera advise`: the advisor's findings for an account (or several, or every account of the store
// with --all-accounts), read from the store like the other offline commands (beside a running server
// or without one), as text, JSON or SARIF, with a posture score per account and a summary over them. Exit code 0 when no finding is at or above `--fail-on` (default high), 1 when
// one is, 2 on bad input (an unknown format, severity or account, a key age that is not a number).
import type { Command } from 'commander';
import {
  type AccountAdvice,
  adviseAccount,
  ADVICE_FORMATS,
  type AdviceFormat,
  type AdviceSeverity,
  formatAdvice,
  isSeverity,
} from '../analysis/index.ts';
import { loadConfig } from '../config/index.ts';
import { openStore } from '../store/index.ts';

export interface AdviseFlags {
  account: string[];
  allAccounts?: boolean;
  format: string;
  keyAgeDays: string;
  failOn: string;
  dataDir?: string;
  databaseUrl?: string;
}

class UsageError extends Error {}

const RANK: Readonly<Record<AdviceSeverity, number>> = { critical: 0, high: 1, medium: 2, low: 3 };
const collect = (value: string, previous: string[]) => [...previous, value];

function parseFlags(flags: AdviseFlags) {
  if (!(ADVICE_FORMATS as readonly string[]).includes(flags.format))
    throw new UsageError(`--format ${flags.format}: expected one of ${ADVICE_FORMATS.join(', ')}`);
  if (!isSeverity(flags.failOn))
    throw new UsageError(`--fail-on ${flags.failOn}: expected critical, high, medium or low`);
  const keyAgeDays = Number(flags.keyAgeDays);
  if (!/^\d+$/.test(flags.keyAgeDays) || !Number.isSafeInteger(keyAgeDays))
    throw new UsageError(`--key-age-days ${flags.keyAgeDays}: expected a whole number of days`);
  if (flags.allAccounts && flags.account.length > 0)
    throw new UsageError('--all-accounts and --account cannot be used together');
  for (const a of flags.account)
    if (!/^\d{12}$/.test(a)) throw new UsageError(`--account ${a}: expected a 12-digit account id`);
  return { format: flags.format as AdviceFormat, failOn: flags.failOn, keyAgeDays };
}

/** Runs the advisor from flags; returns what to print on stdout and stderr, and the exit code. */
export async function runAdviseCommand(
  flags: AdviseFlags,
  now = new Date(),
): Promise<{ output: string; error?: string; exitCode: number }> {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(flags);
  } catch (err) {
    if (err instanceof UsageError)
      return { output: '', error: `tessera advise: ${err.message}`, exitCode: 2 };
    throw err;
  }
  const given = Object.fromEntries(
    Object.entries({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl }).filter(
      ([, v]) => v !== undefined,
    ),
  );
  const config = loadConfig(given);
  const store = await openStore(config);
  try {
    const accountIds = flags.allAccounts
      ? (await store.read((r) => r.accounts.list())).map((a) => a.account_id)
      : flags.account.length > 0
        ? [...new Set(flags.account)]
        : [config.accountId];
    const advice: AccountAdvice[] = [];
    for (const accountId of accountIds) {
      const account = await store.read((r) => r.accounts.get(accountId));
      if (!account)
        return { output: '', error: `tessera advise: account ${accountId} does not exist`, exitCode: 2 };
      const { findings, score } = await adviseAccount(store, accountId, {
        now,
        options: { keyAgeDays: parsed.keyAgeDays },
      });
      advice.push({ accountId, findings, score });
    }
    const failing = advice.some((a) => a.findings.some((f) => RANK[f.severity] <= RANK[parsed.failOn]));
    return { output: formatAdvice(parsed.format, advice), exitCode: failing ? 1 : 0 };
  } finally {
    await store.close();
  }
}

export function registerAdvise(program: Command): void {
  program
    .command('advise')
    .description(
      "Findings on an account's IAM (roles over users, root use, old keys, MFA, broad rights) with fixes and a posture score",
    )
    .option('--account <id>', 'the account to advise on (repeatable) [the default account]', collect, [])
    .option('--all-accounts', 'advise on every account of the store (not with --account)')
    .option('--format <format>', 'text, json or sarif', 'text')
    .option('--key-age-days <n>', 'access keys older than this are due for rotation', '90')
    .option('--fail-on <severity>', 'exit 1 when a finding is at least this severe', 'high')
    .option('--data-dir <dir>', 'data directory [TESSERA_DATA_DIR]')
    .option('--database-url <url>', 'PostgreSQL URL [TESSERA_DATABASE_URL]')
    .exitOverride((err) => {
      // commander's own usage errors (unknown option, missing value) are bad input too
      process.exit(err.exitCode === 0 ? 0 : 2);
    })
    .action(async (flags: AdviseFlags) => {
      try {
        const { output, error, exitCode } = await runAdviseCommand(flags);
        if (output) console.log(output);
        if (error) console.error(error);
        process.exitCode = exitCode;
      } catch (err) {
        console.error(`tessera advise: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = 2;
      }
    });
}
