// `tessera audit`: the audit trail from the command line. `tail` prints events as they are recorded;
// `public-keys` prints the keys that verify each account's digest files; `verify` checks the delivered
// log and digest files as `aws cloudtrail validate-logs` checks a trail's (the work is in
// src/audit/verify-logs.ts) and exits non-zero on any problem.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  accountsInDirectory,
  formatVerifyResult,
  hasProblems,
  type PublicKeyEntry,
  publicKeyList,
  verifyLogs,
} from '../audit/index.ts';
import { auditLogDirOf, loadConfig } from '../config/index.ts';
import { openStore } from '../store/index.ts';
import { addAuditTail } from './audit-tail.ts';

interface StoreFlags {
  dataDir?: string;
  databaseUrl?: string;
}

function configOf(flags: StoreFlags) {
  return loadConfig({
    ...(flags.dataDir !== undefined ? { dataDir: flags.dataDir } : {}),
    ...(flags.databaseUrl !== undefined ? { databaseUrl: flags.databaseUrl } : {}),
  });
}

function parseTime(value: string, flag: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new Error(`${flag} must be a time such as 2026-01-08T05:21:42Z`);
  return at;
}

function addPublicKeys(audit: Command): void {
  audit
    .command('public-keys')
    .description("Print the public keys that verify each account's digest files (PEM and fingerprint)")
    .option('--account <id>', 'only this account')
    .option(
      '--json',
      "print CloudTrail ListPublicKeys' JSON instead (for `tessera audit verify --public-keys`)",
    )
    .option('--data-dir <dir>', 'data directory [TESSERA_DATA_DIR]')
    .option('--database-url <url>', 'PostgreSQL URL [TESSERA_DATABASE_URL]')
    .action(async (flags: StoreFlags & { account?: string; json?: boolean }) => {
      const store = await openStore(configOf(flags));
      try {
        const keys = await store.read((r) => r.auditDelivery.signingKeys(flags.account));
        if (flags.json) {
          const accounts = [...new Set(keys.map((k) => k.accountId))];
          const list = accounts.flatMap(
            (a) => publicKeyList(keys.filter((k) => k.accountId === a)).PublicKeyList,
          );
          process.stdout.write(JSON.stringify({ PublicKeyList: list }, null, 2) + '\n');
          return;
        }
        if (keys.length === 0) {
          console.log('No signing keys yet: an account gets its key pair with its first digest file.');
          return;
        }
        for (const k of keys) {
          console.log(`Account ${k.accountId}  Fingerprint ${k.keyId}  Since ${k.createdAt}`);
          process.stdout.write(k.publicKeyPem.endsWith('\n') ? k.publicKeyPem : k.publicKeyPem + '\n');
        }
      } finally {
        await store.close();
      }
    });
}

interface VerifyFlags extends StoreFlags {
  account?: string;
  from?: string;
  to?: string;
  dir?: string;
  publicKeys?: string;
  verbose?: boolean;
}

function addVerify(audit: Command): void {
  audit
    .command('verify')
    .description(
      'Check the delivered log and digest files as `aws cloudtrail validate-logs` does: signatures, hashes, the digest chain; exits 1 on any problem',
    )
    .option('--account <id>', 'only this account (default: every account with files in the directory)')
    .option('--from <time>', 'check digests from this UTC time (default: the oldest)')
    .option('--to <time>', 'check digests up to this UTC time (default: now)')
    .option('--dir <dir>', 'the delivery directory [TESSERA_AUDIT_LOG_DIR, default <data dir>/audit-logs]')
    .option(
      '--public-keys <file>',
      'verify with the keys in this file (ListPublicKeys JSON, from `tessera audit public-keys --json` or GET /_tessera/audit/public-keys) instead of the store',
    )
    .option('--verbose', 'also list every valid file')
    .option('--data-dir <dir>', 'data directory [TESSERA_DATA_DIR]')
    .option('--database-url <url>', 'PostgreSQL URL [TESSERA_DATABASE_URL]')
    .action(async (flags: VerifyFlags) => {
      const config = configOf(flags);
      const dir = flags.dir ?? auditLogDirOf(config);
      const from = flags.from !== undefined ? parseTime(flags.from, '--from') : undefined;
      const to = flags.to !== undefined ? parseTime(flags.to, '--to') : new Date();
      const keysFile =
        flags.publicKeys !== undefined
          ? (JSON.parse(readFileSync(flags.publicKeys, 'utf8')) as { PublicKeyList?: PublicKeyEntry[] })
              .PublicKeyList
          : undefined;
      // without a keys file, the store gives the keys and each chain's newest digest
      const store = keysFile ? undefined : await openStore(config);
      try {
        const states = store ? await store.read((r) => r.auditDelivery.states(flags.account)) : [];
        const accounts =
          flags.account !== undefined
            ? [flags.account]
            : [...new Set([...(await accountsInDirectory(dir)), ...states.map((s) => s.accountId)])].sort();
        if (accounts.length === 0) console.log(`No delivered audit logs in ${dir}`);
        for (const accountId of accounts) {
          const head = states.find((s) => s.accountId === accountId)?.lastDigestObject;
          const publicKeys =
            keysFile ??
            publicKeyList(await store!.read((r) => r.auditDelivery.signingKeys(accountId))).PublicKeyList;
          const result = await verifyLogs({
            dir,
            accountId,
            region: config.region,
            publicKeys,
            ...(from ? { from } : {}),
            to,
            ...(head ? { head: { digestS3Object: head } } : {}),
          });
          const { out, err } = formatVerifyResult(result, { dir, verbose: flags.verbose === true });
          process.stdout.write(out);
          process.stderr.write(err);
          if (hasProblems(result)) process.exitCode = 1;
        }
      } finally {
        await store?.close();
      }
    });
}

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('The audit trail: tail it, verify its delivered files');
  addAuditTail(audit);
  addPublicKeys(audit);
  addVerify(audit);
}
