// Import benchmark: `tessera import authz-details` on a generated dump shaped as the AWS CLI prints
// get-account-authorization-details — 5,000 users, each in a group, with an inline policy and tags; 100
// groups with an inline policy and a customer managed policy attached; 20 customer managed policies of
// 2 versions; 200 roles with a trust policy, an inline policy and an instance profile each. Timed on
// SQLite: the first import into an empty account (goal: under 60 s), the same dump again (nothing
// changes), and a newer dump (100 users gone, 100 new, every tenth with another tag). Every figure is the
// median of three runs, each on a fresh store.
// Run: npm run bench:import
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_QUOTAS } from '../src/config/defaults.ts';
import { importAuthorizationDetails, type ImportSummary } from '../src/domain/index.ts';
import { openStore } from '../src/store/index.ts';
import { dumpText, GROUPS, POLICIES, ROLES, USERS } from './authz-details-dump.ts';
import { describeMachine, median, writeSection } from './report.ts';

const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');
const RUNS = 3;
const GOAL_SECONDS = 60;

const first = dumpText(
  Array.from({ length: USERS }, (_, i) => i),
  () => 0,
);
// 100 users gone, 100 new ones, every tenth with another cost-center tag
const newer = dumpText(
  Array.from({ length: USERS }, (_, i) => (i < 100 ? USERS + i : i)),
  (i) => (i % 10 === 0 ? 1 : 0),
);

async function timed(
  store: Awaited<ReturnType<typeof openStore>>,
  text: string,
): Promise<{ seconds: number; summary: ImportSummary }> {
  const start = process.hrtime.bigint();
  const summary = await importAuthorizationDetails(store, text, { quotas: DEFAULT_QUOTAS, now: new Date() });
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, summary };
}

const machine = describeMachine('not used');
const times = { first: [] as number[], same: [] as number[], newer: [] as number[] };
let summaries: { first: ImportSummary; same: ImportSummary; newer: ImportSummary } | undefined;
for (let run = 0; run < RUNS; run++) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-bench-import-'));
  const store = await openStore({ dataDir });
  try {
    const a = await timed(store, first);
    const b = await timed(store, first);
    const c = await timed(store, newer);
    times.first.push(a.seconds);
    times.same.push(b.seconds);
    times.newer.push(c.seconds);
    summaries = { first: a.summary, same: b.summary, newer: c.summary };
    console.log(
      `run ${run + 1}: first ${a.seconds.toFixed(2)} s, same again ${b.seconds.toFixed(2)} s, newer ${c.seconds.toFixed(2)} s`,
    );
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
const s = summaries!;
if (s.first.users.created !== USERS || s.same.users.unchanged !== USERS || s.newer.users.removed !== 100)
  throw new Error(`unexpected import results: ${JSON.stringify(s)}`);

const mib = (text: string) => (Buffer.byteLength(text) / 2 ** 20).toFixed(1);
const row = (label: string, xs: number[], what: string) =>
  `| ${label} | ${median(xs).toFixed(2)} | ${what} |`;
const counts = (x: ImportSummary) =>
  `users ${x.users.created} created, ${x.users.updated} updated, ${x.users.unchanged} unchanged, ${x.users.removed} removed`;
const verdict = median(times.first) < GOAL_SECONDS ? 'met' : 'NOT met';
console.log(`first import: ${median(times.first).toFixed(2)} s (goal under ${GOAL_SECONDS} s: ${verdict})`);

await writeSection(
  RESULTS,
  '## Import',
  [
    '## Import',
    '',
    `Measured ${machine.date} with \`npm run bench:import\` (bench/import.ts) on ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}; load average ${machine.loadAverage} when the run began.`,
    '',
    `Importing a ${USERS.toLocaleString('en-US')}-user dump into an empty account on SQLite takes ${median(times.first).toFixed(1)} s (goal under ${GOAL_SECONDS} s: ${verdict}).`,
    '',
    '| Import | median s | What changed |',
    '| --- | ---: | --- |',
    row(`first, into an empty account (${mib(first)} MiB of JSON)`, times.first, counts(s.first)),
    row('the same dump again', times.same, counts(s.same)),
    row('a newer dump', times.newer, counts(s.newer)),
    '',
    `How: \`importAuthorizationDetails\` (what \`tessera import authz-details\` runs) in the benchmark's process on a SQLite store in a temporary directory, ${RUNS} runs each on a fresh store, the median shown. The dump is generated in the AWS CLI's shape: ${USERS.toLocaleString('en-US')} users (each in one of ${GROUPS} groups, with an inline policy and two tags), ${GROUPS} groups (an inline policy and a customer managed policy each, every tenth with ReadOnlyAccess), ${POLICIES} customer managed policies of two versions, ${ROLES} roles (a trust policy, an inline policy, tags, an instance profile each). Each import parses and checks the whole dump (every document by IAM's grammar) before its one store transaction, reads the account's current state in batches and writes only the difference; the newer dump drops 100 users, adds 100 and changes a tag of every tenth user.`,
  ].join('\n'),
);
