// `tessera import authz-details FILE.json [--account ID] [--scp FILE …]`: loads what
// `aws iam get-account-authorization-details` printed into an account, directly in the store (beside a
// running server, which learns of it through the change feed). A progress line on a terminal
// (stderr), a summary at the end (stdout; `--json` for the summary as JSON). Exit code 0 once
// imported, 1 when nothing was (the reason names the entity and the field).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../config/index.ts';
import {
  type EntityCounts,
  ImportError,
  importAuthorizationDetails,
  type ImportProgress,
  type ImportSummary,
  type ScpFile,
} from '../domain/index.ts';
import { openStore } from '../store/index.ts';

interface ImportFlags {
  account?: string;
  scp: string[];
  json?: boolean;
  replace?: boolean;
  dataDir?: string;
  databaseUrl?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

const read = (file: string): string => readFileSync(file === '-' ? 0 : file, 'utf8');

/** A progress line redrawn in place at most ten times a second, on a terminal only. */
export function progressLine(stream: Pick<NodeJS.WriteStream, 'isTTY' | 'write'>): {
  update: ImportProgress;
  clear(): void;
} {
  if (!stream.isTTY) return { update: () => undefined, clear: () => undefined };
  let last = 0;
  let shown = false;
  return {
    update({ phase, done, total }) {
      const now = Date.now();
      if (now - last < 100 && done !== total) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[2Kimporting ${phase}: ${done}/${total}`);
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}

const LABELS: [keyof ImportSummary & string, string][] = [
  ['users', 'users'],
  ['groups', 'groups'],
  ['roles', 'roles'],
  ['instanceProfiles', 'instance profiles'],
  ['policies', 'customer managed policies'],
];

const policyName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/** The summary as people read it. */
export function describeSummary(s: ImportSummary): string {
  const lines = [
    `Imported the IAM of AWS account ${s.dumpAccountId} into account ${s.accountId}` +
      `${s.accountCreated ? ' (created, without root keys)' : ''}.`,
  ];
  const width = Math.max(...LABELS.map(([, label]) => label.length));
  for (const [key, label] of LABELS) {
    const c = s[key] as EntityCounts;
    lines.push(
      `  ${label.padEnd(width)} ${String(c.total).padStart(6)}  ` +
        `(${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.removed} removed)`,
    );
  }
  if (s.instancesRemoved > 0)
    lines.push(`  ${s.instancesRemoved} instance(s) removed with the instance profile they carried`);
  const aws = s.awsManagedPolicies;
  if (aws.known.length > 0)
    lines.push(`AWS managed policies Tessera has: ${aws.known.map(policyName).join(', ')}`);
  if (aws.fromDump.length > 0)
    lines.push(`AWS managed policies stored from the dump: ${aws.fromDump.map(policyName).join(', ')}`);
  if (aws.placeholders.length > 0)
    lines.push(
      `Placeholders that allow nothing (AWS managed policies neither in the dump nor known to Tessera): ` +
        aws.placeholders.join(', '),
    );
  if (s.quotasRaised.length > 0)
    lines.push(
      `Quotas raised for account ${s.accountId}, because the AWS account had more than Tessera's: ` +
        s.quotasRaised.map((q) => `${q.quota} ${q.from} → ${q.to}`).join(', '),
    );
  if (s.organization) {
    const o = s.organization;
    lines.push(
      `SCPs: account ${s.accountId} in organization ${o.orgId}${o.created ? ' (created)' : ''}, ` +
        `management account ${o.managementAccountId} (synthetic, no credentials):`,
    );
    o.levels.forEach((l, i) =>
      lines.push(
        `  level ${i + 1}: ${l.targetType === 'ROOT' ? 'root' : 'OU'} ${l.targetId} holds ${l.policyId} (${l.file})`,
      ),
    );
  }
  if (s.documentsNamingDumpAccount > 0)
    lines.push(
      `Note: ${s.documentsNamingDumpAccount} policy document(s) still name account ${s.dumpAccountId} ` +
        '(documents are kept as AWS has them; only the entities moved)',
    );
  return lines.join('\n');
}

export function registerImport(program: Command): void {
  const group = program.command('import').description('Import IAM data from a real AWS account');
  group
    .command('authz-details')
    .description(
      'Load what `aws iam get-account-authorization-details` printed into an account (made if needed); ' +
        're-importing updates what changed and removes what is gone',
    )
    .argument('<file>', 'the JSON file (- reads standard input)')
    .option('--account <id>', "the account to import into (default: the dump's)")
    .option(
      '--scp <file>',
      'service control policy, one per organization level from the root down (repeatable)',
      collect,
      [],
    )
    .option('--replace', 'allow the import to remove what the dump does not hold (an exact copy)')
    .option('--json', 'print the summary as JSON')
    .option('--data-dir <dir>', 'data directory [TESSERA_DATA_DIR]')
    .option('--database-url <url>', 'PostgreSQL URL [TESSERA_DATABASE_URL]')
    .action(async (file: string, flags: ImportFlags) => {
      const config = loadConfig(
        Object.fromEntries(
          Object.entries({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl }).filter(
            (e): e is [string, string] => e[1] !== undefined,
          ),
        ),
      );
      const progress = progressLine(process.stderr);
      let text: string;
      let scps: ScpFile[];
      try {
        text = read(file);
        scps = flags.scp.map((name) => ({ name, content: read(name) }));
      } catch (err) {
        console.error(`tessera import authz-details: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = 1;
        return;
      }
      const store = await openStore(config);
      try {
        const summary = await importAuthorizationDetails(store, text, {
          ...(flags.account !== undefined ? { accountId: flags.account } : {}),
          scps,
          quotas: config.quotas,
          now: new Date(),
          onProgress: progress.update,
          refuseRemovals: flags.replace !== true,
        });
        progress.clear();
        console.log(flags.json ? JSON.stringify(summary, null, 2) : describeSummary(summary));
      } catch (err) {
        progress.clear();
        // a problem in the dump is said with the file's name; one in the flags (--account, --scp) is not
        const where = err instanceof ImportError && !err.where.startsWith('--') ? `${file}: ` : '';
        console.error(
          `tessera import authz-details: ${where}${err instanceof Error ? err.message : String(err)}`,
        );
        console.error('Nothing was imported.');
        process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
