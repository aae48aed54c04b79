// `tessera graph`: who can become whom in an account — the shortest path from each principal (or one)
// to admin or to a role, each step with the permissions that enable it, read from the store like the
// other offline commands (beside a running server or without one), as text, JSON, Graphviz DOT or SVG.
// Exit code 0 when no path reaches the target, 1 when one does (so CI can fail on it), 2 on bad input.
import type { Command } from 'commander';
import {
  ADMIN,
  buildEscalationGraph,
  type EscalationGraph,
  findPaths,
  formatGraphReport,
  GRAPH_FORMATS,
  type GraphFormat,
} from '../analysis/index.ts';
import { loadConfig } from '../config/index.ts';
import { openStore } from '../store/index.ts';

export interface GraphFlags {
  account?: string;
  whoCanReach: string;
  from?: string;
  format: string;
  dataDir?: string;
  databaseUrl?: string;
}

class UsageError extends Error {}

function parseFlags(flags: GraphFlags): { format: GraphFormat } {
  if (!(GRAPH_FORMATS as readonly string[]).includes(flags.format))
    throw new UsageError(`--format ${flags.format}: expected one of ${GRAPH_FORMATS.join(', ')}`);
  if (flags.account !== undefined && !/^\d{12}$/.test(flags.account))
    throw new UsageError(`--account ${flags.account}: expected a 12-digit account id`);
  return { format: flags.format as GraphFormat };
}

/** A principal of the graph named by ARN, or by name in the graph's account (of the given kinds). */
function principalNamed(
  graph: EscalationGraph,
  text: string,
  kinds: readonly ('user' | 'role')[],
  flag: string,
): string {
  const byArn = graph.nodes.get(text);
  if (byArn && byArn.kind !== 'admin' && kinds.includes(byArn.kind)) return byArn.id;
  const named = graph.principals.filter(
    (p) => p.accountId === graph.accountId && kinds.includes(p.kind) && p.name === text,
  );
  const what = kinds.join(' or ');
  if (named.length === 0)
    throw new UsageError(`${flag} ${text}: no ${what} of that name or ARN in account ${graph.accountId}`);
  if (named.length > 1)
    throw new UsageError(`${flag} ${text}: both a user and a role have that name; give its ARN`);
  return named[0]!.id;
}

/** Builds the graph from flags; returns what to print on stdout and stderr, and the exit code. */
export async function runGraphCommand(
  flags: GraphFlags,
  now = new Date(),
): Promise<{ output: string; error?: string; exitCode: number }> {
  const usage = (err: unknown) => {
    if (err instanceof UsageError) return { output: '', error: `tessera graph: ${err.message}`, exitCode: 2 };
    throw err;
  };
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(flags);
  } catch (err) {
    return usage(err);
  }
  const given = Object.fromEntries(
    Object.entries({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl }).filter(
      ([, v]) => v !== undefined,
    ),
  );
  const config = loadConfig(given);
  const accountId = flags.account ?? config.accountId;
  const store = await openStore(config);
  try {
    const account = await store.read((r) => r.accounts.get(accountId));
    if (!account) return usage(new UsageError(`account ${accountId} does not exist`));
    const graph = await buildEscalationGraph({ store }, { accountId, now, region: config.region });
    let target: string;
    let from: string[] | undefined;
    try {
      target =
        flags.whoCanReach === ADMIN
          ? ADMIN
          : principalNamed(graph, flags.whoCanReach, ['role'], '--who-can-reach');
      if (flags.from !== undefined) from = [principalNamed(graph, flags.from, ['user', 'role'], '--from')];
    } catch (err) {
      return usage(err);
    }
    const paths = findPaths(graph, target, from ? { from } : {});
    return {
      output: formatGraphReport(parsed.format, { graph, target, paths }),
      exitCode: paths.length > 0 ? 1 : 0,
    };
  } finally {
    await store.close();
  }
}

export function registerGraph(program: Command): void {
  program
    .command('graph')
    .description(
      'Who can become whom: the shortest paths to admin (or to a role) by role assumption, PassRole, policy edits and credentials; exit 1 when one exists',
    )
    .option('--account <id>', 'the account to analyse [the default account]')
    .option('--who-can-reach <target>', '"admin", or a role (name or ARN)', ADMIN)
    .option('--from <principal>', 'only paths from this user or role (name or ARN)')
    .option('--format <format>', 'text, json, dot (Graphviz) or svg (drawn without Graphviz)', 'text')
    .option('--data-dir <dir>', 'data directory [TESSERA_DATA_DIR]')
    .option('--database-url <url>', 'PostgreSQL URL [TESSERA_DATABASE_URL]')
    .exitOverride((err) => {
      // commander's own usage errors (unknown option, missing value) are bad input too
      process.exit(err.exitCode === 0 ? 0 : 2);
    })
    .action(async (flags: GraphFlags) => {
      try {
        const { output, error, exitCode } = await runGraphCommand(flags);
        if (output) console.log(output);
        if (error) console.error(error);
        process.exitCode = exitCode;
      } catch (err) {
        console.error(`tessera graph: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = 2;
      }
    });
}
