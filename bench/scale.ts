// Scale benchmark (issue 16): N accounts × (users + roles, each with policies and tags) loaded through the
// store (bench/scale-load.ts), then one `tessera serve` on that data: its start-up time, its resident
// memory after every user has signed a request and a sample of roles has been assumed, its cache hit rates,
// ListUsers/ListRoles page latency in a big account, and GetCallerIdentity/AssumeRole throughput in a big
// account against a fresh one on the same node. On SQLite and/or PostgreSQL; prints a markdown section
// for bench/RESULTS.md (and writes it to --out when given).
// Run: node --import tsx bench/scale.ts [--accounts 100] [--users 5000] [--roles 1000] [--backend sqlite|postgres|both] [--out file]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadMasterKey } from '../src/authn/index.ts';
import { loadConfig } from '../src/config/load.ts';
import { Sealer } from '../src/crypto/index.ts';
import { openStore } from '../src/store/index.ts';
import { startServerProcess, type ServerProcess } from '../test/support/server-process.ts';
import { runLoad, type LoadResult } from './load.ts';
import { cpuMs } from './process-cpu.ts';
import { describeMachine, median } from './report.ts';
import { loadAccount, roleName, userName, type AccountKeys } from './scale-load.ts';
import { queryClient, type QueryClient, type QueryCredentials } from './scale-signer.ts';
import { BENCH_ROOT, ensureCompiled } from './servers.ts';

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100' },
    users: { type: 'string', default: '5000' },
    roles: { type: 'string', default: '1000' },
    backend: { type: 'string', default: 'both' },
    out: { type: 'string' },
  },
});
const ACCOUNTS = Number(args.accounts);
const USERS = Number(args.users);
const ROLES = Number(args.roles);
const BACKENDS: Backend[] = args.backend === 'both' ? ['sqlite', 'postgres'] : [args.backend as Backend];
if (![ACCOUNTS, USERS, ROLES].every((n) => Number.isInteger(n) && n >= 1) || USERS < 16)
  throw new Error('--accounts, --users (at least 16) and --roles are positive integers');
if (!BACKENDS.every((b) => b === 'sqlite' || b === 'postgres'))
  throw new Error('--backend is sqlite, postgres or both');

type Backend = 'sqlite' | 'postgres';

const REGION = 'us-east-1';
const PG_SERVER = 'postgres://postgres@127.0.0.1:5432/test';
const CONCURRENCY = 16;
const ASSUME_SAMPLE = Math.min(10_000, ACCOUNTS * USERS);
const LIST_MS = 2000;
const THROUGHPUT_MS = 5000;
const WARMUP_MS = 1000;
const ROUNDS = 5;
/** Callers per account in the throughput runs: one per worker. */
const CALLERS = CONCURRENCY;
const GOAL = { startSeconds: 10, rssMiB: 1024, listP99Ms: 20, ratio: 0.9 };

const accountIdOf = (a: number) => String(500_000_000_000 + a);
const FRESH_ACCOUNT = '599999999999';

interface BackendResult {
  backend: Backend;
  loadSeconds: number;
  startSeconds: number;
  sweep: LoadResult;
  assume: LoadResult;
  rssMiB: number;
  hwmMiB: number;
  /** Audit events in memory when VmRSS was read, and VmRSS and that queue after 3 s more. */
  auditQueued: number;
  settled: { rssMiB: number; auditQueued: number };
  caches: Record<string, { hit: number; miss: number; entries?: number }>;
  lists: { label: string; result: LoadResult }[];
  ratios: {
    op: string;
    big: number;
    fresh: number;
    bigCpu: number;
    freshCpu: number;
  }[];
}

function log(line: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

/** VmRSS and VmHWM of a process, in MiB (Linux). */
function memoryMiB(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** Runs `fn` for each account with at most `parallel` at once. */
async function eachAccount<T>(count: number, parallel: number, fn: (a: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const a = next++;
        out[a] = await fn(a);
      }
    }),
  );
  return out;
}

async function load(
  dataDir: string,
  databaseUrl: string | undefined,
): Promise<{ seconds: number; accounts: AccountKeys[]; fresh: AccountKeys }> {
  const store = await openStore({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
  const sealer = new Sealer(loadMasterKey(undefined, dataDir));
  try {
    const started = performance.now();
    let done = 0;
    // SQLite writes one transaction at a time; PostgreSQL overlaps several accounts' round trips
    const accounts = await eachAccount(ACCOUNTS, store.dialect === 'postgres' ? 6 : 1, async (a) => {
      const keys = await loadAccount(store, sealer, accountIdOf(a), { users: USERS, roles: ROLES });
      if (++done % Math.max(1, Math.floor(ACCOUNTS / 10)) === 0 || done === ACCOUNTS)
        log(`  loaded ${done}/${ACCOUNTS} accounts (${((performance.now() - started) / 1000).toFixed(0)} s)`);
      return keys;
    });
    const seconds = (performance.now() - started) / 1000;
    const fresh = await loadAccount(store, sealer, FRESH_ACCOUNT, { users: CALLERS, roles: 1 });
    return { seconds, accounts, fresh };
  } finally {
    await store.close();
  }
}

const userArn = (accountId: string, i: number) => `arn:aws:iam::${accountId}:user/${userName(i)}`;

async function callerIdentity(
  client: QueryClient,
  creds: QueryCredentials,
  expectArn: string,
): Promise<void> {
  const r = await client.send('sts', creds, { Action: 'GetCallerIdentity', Version: '2011-06-15' });
  if (r.status !== 200 || !r.body.includes(`<Arn>${expectArn}</Arn>`))
    throw new Error(`GetCallerIdentity answered ${r.status}: ${r.body.slice(0, 300)}`);
}

async function assumeRole(client: QueryClient, creds: QueryCredentials, roleArn: string, session: string) {
  const r = await client.send('sts', creds, {
    Action: 'AssumeRole',
    Version: '2011-06-15',
    RoleArn: roleArn,
    RoleSessionName: session,
  });
  if (r.status !== 200 || !r.body.includes('<AccessKeyId>ASIA'))
    throw new Error(`AssumeRole answered ${r.status}: ${r.body.slice(0, 300)}`);
}

/** The hit and miss counts (and entries) of each cache, from the node's Prometheus metrics. */
async function cacheStats(url: string): Promise<BackendResult['caches']> {
  const text = await (await fetch(`${url}/_tessera/metrics`)).text();
  const caches: BackendResult['caches'] = {};
  for (const m of text.matchAll(/^tessera_(\w+)_cache_lookups_total\{result="(hit|miss)"\} (\S+)$/gm)) {
    const c = (caches[m[1]!] ??= { hit: 0, miss: 0 });
    c[m[2] as 'hit' | 'miss'] = Number(m[3]);
  }
  for (const m of text.matchAll(/^tessera_cache_entries\{cache="(\w+)"\} (\S+)$/gm)) {
    const name =
      m[1] === 'access_keys'
        ? 'access_key'
        : m[1] === 'principal_policies'
          ? 'principal_policy'
          : m[1] === 'compiled_policies'
            ? 'compiled_policy'
            : m[1]!;
    (caches[name] ??= { hit: NaN, miss: NaN }).entries = Number(m[2]);
  }
  return caches;
}

/** The audit events the node holds in memory for the trail's next batch (tessera_audit_queued_events). */
async function auditQueue(url: string): Promise<number> {
  const text = await (await fetch(`${url}/_tessera/metrics`)).text();
  const m = /^tessera_audit_queued_events (\S+)$/m.exec(text);
  if (!m) throw new Error('tessera_audit_queued_events is missing from /_tessera/metrics');
  return Number(m[1]);
}

/** ListUsers / ListRoles, MaxItems 100: the first page and a middle one (its Marker found by walking). */
async function benchLists(client: QueryClient, big: AccountKeys): Promise<BackendResult['lists']> {
  const out: BackendResult['lists'] = [];
  for (const [action, idTag, total] of [
    ['ListUsers', 'UserId', USERS],
    ['ListRoles', 'RoleId', ROLES],
  ] as const) {
    const page = async (marker?: string) => {
      const r = await client.send('iam', big.root, {
        Action: action,
        Version: '2010-05-08',
        MaxItems: '100',
        ...(marker ? { Marker: marker } : {}),
      });
      const n = r.body.split(`<${idTag}>`).length - 1;
      if (r.status !== 200 || n !== Math.min(100, total))
        throw new Error(`${action} answered ${r.status} with ${n} entries: ${r.body.slice(0, 300)}`);
      return /<Marker>([^<]+)<\/Marker>/.exec(r.body)?.[1];
    };
    let middle: string | undefined;
    let marker = await page();
    const pages = Math.ceil(total / 100);
    for (let p = 1; p < Math.floor(pages / 2) && marker; p++) marker = await page(marker);
    if (pages >= 3) middle = marker;
    for (const [label, m] of [
      ['first page', undefined],
      ...(middle ? [[`middle page (Marker after ${Math.floor(pages / 2) * 100})`, middle] as const] : []),
    ] as const) {
      await runLoad(() => page(m), { concurrency: 1, durationMs: 300 });
      const result = await runLoad(() => page(m), { concurrency: 1, durationMs: LIST_MS });
      out.push({ label: `${action}, MaxItems 100, ${label}`, result });
      log(
        `  ${action} ${label}: p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, ${result.errors} errors${result.firstError ? ` (${result.firstError})` : ''}`,
      );
    }
  }
  return out;
}

/** GetCallerIdentity and AssumeRole at concurrency 16, in the big account and the fresh one, alternately. */
async function benchRatios(
  client: QueryClient,
  pid: number,
  big: AccountKeys,
  fresh: AccountKeys,
): Promise<BackendResult['ratios']> {
  const ops = {
    GetCallerIdentity: (acct: AccountKeys) => (i: number) =>
      callerIdentity(client, acct.userKeys[i % CALLERS]!, userArn(acct.accountId, i % CALLERS)),
    AssumeRole: (acct: AccountKeys) => (i: number) =>
      assumeRole(
        client,
        acct.userKeys[i % CALLERS]!,
        `arn:aws:iam::${acct.accountId}:role/${roleName(0)}`,
        `t${i}`,
      ),
  };
  const out: BackendResult['ratios'] = [];
  for (const [op, make] of Object.entries(ops)) {
    const runs = {
      big: [] as number[],
      fresh: [] as number[],
      bigCpu: [] as number[],
      freshCpu: [] as number[],
    };
    for (let round = 0; round < ROUNDS; round++)
      // each account goes first in alternate rounds, so that neither always runs on a warmer node
      for (const which of round % 2 === 0 ? (['big', 'fresh'] as const) : (['fresh', 'big'] as const)) {
        const fn = make(which === 'big' ? big : fresh);
        await runLoad(fn, { concurrency: CONCURRENCY, durationMs: WARMUP_MS });
        const cpu0 = cpuMs(pid);
        const r = await runLoad(fn, { concurrency: CONCURRENCY, durationMs: THROUGHPUT_MS });
        const cpu = ((cpuMs(pid) - cpu0) * 1000) / r.requests;
        if (r.errors) throw new Error(`${op} in the ${which} account: ${r.errors} errors (${r.firstError})`);
        runs[which].push(r.perSecond);
        runs[which === 'big' ? 'bigCpu' : 'freshCpu'].push(cpu);
        log(
          `  ${op}, ${which} account: ${r.perSecond.toFixed(0)} req/s, ${cpu.toFixed(0)} µs server CPU each`,
        );
      }
    out.push({
      op,
      big: median(runs.big),
      fresh: median(runs.fresh),
      bigCpu: median(runs.bigCpu),
      freshCpu: median(runs.freshCpu),
    });
  }
  return out;
}

async function runBackend(backend: Backend): Promise<BackendResult> {
  log(`${backend}: loading ${ACCOUNTS} accounts × (${USERS} users + ${ROLES} roles)`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-bench-scale-'));
  const schema = `scale_${process.pid}_${Date.now().toString(36)}`;
  const databaseUrl = backend === 'postgres' ? `${PG_SERVER}?schema=${schema}` : undefined;
  let server: ServerProcess | undefined;
  try {
    // compiled first: a compile must not count in the start-up time
    ensureCompiled();
    const loaded = await load(dataDir, databaseUrl);
    log(`${backend}: loaded in ${loaded.seconds.toFixed(1)} s`);

    const config = {
      ...loadConfig({}, {}),
      dataDir,
      ...(databaseUrl ? { databaseUrl } : {}),
      rootAccessKeyId: BENCH_ROOT.accessKeyId,
      rootSecretAccessKey: BENCH_ROOT.secretAccessKey,
    };
    const spawned = performance.now();
    server = await startServerProcess(config, 120_000, {}, { compiled: true });
    const startSeconds = (performance.now() - spawned) / 1000;
    const pid = server.child.pid!;
    log(`${backend}: serving at ${server.url} after ${startSeconds.toFixed(2)} s`);

    const client = queryClient(server.url, { region: REGION, maxSockets: CONCURRENCY });
    try {
      const { accounts, fresh } = loaded;
      const sweep = await runLoad(
        (k) => {
          const acct = accounts[Math.floor(k / USERS)]!;
          const i = k % USERS;
          return callerIdentity(client, acct.userKeys[i]!, userArn(acct.accountId, i));
        },
        { concurrency: CONCURRENCY, count: ACCOUNTS * USERS },
      );
      log(
        `${backend}: every user signed GetCallerIdentity: ${sweep.requests} in ${sweep.seconds.toFixed(0)} s (${sweep.perSecond.toFixed(0)} req/s), ${sweep.errors} errors${sweep.firstError ? ` (${sweep.firstError})` : ''}`,
      );
      const assume = await runLoad(
        (k) => {
          const acct = accounts[k % ACCOUNTS]!;
          const i = Math.floor(k / ACCOUNTS);
          return assumeRole(
            client,
            acct.userKeys[i % USERS]!,
            `arn:aws:iam::${acct.accountId}:role/${roleName(i % ROLES)}`,
            `scale-${k}`,
          );
        },
        { concurrency: CONCURRENCY, count: ASSUME_SAMPLE },
      );
      log(
        `${backend}: AssumeRole sample: ${assume.requests} in ${assume.seconds.toFixed(0)} s, ${assume.errors} errors${assume.firstError ? ` (${assume.firstError})` : ''}`,
      );
      const mem = memoryMiB(pid);
      const caches = await cacheStats(server.url);
      const auditQueued = await auditQueue(server.url);
      log(
        `${backend}: VmRSS ${mem.rss.toFixed(0)} MiB (peak ${mem.hwm.toFixed(0)} MiB), ${auditQueued} audit events queued; caches ${JSON.stringify(caches)}`,
      );

      // the buffered last-used and audit writes of the sweep settle before latency is measured
      await new Promise((r) => setTimeout(r, 3000));
      const settled = { rssMiB: memoryMiB(pid).rss, auditQueued: await auditQueue(server.url) };
      log(
        `${backend}: 3 s later: VmRSS ${settled.rssMiB.toFixed(0)} MiB, ${settled.auditQueued} audit events queued`,
      );
      const big = accounts[Math.floor(ACCOUNTS / 2)]!;
      const lists = await benchLists(client, big);
      const ratios = await benchRatios(client, pid, big, fresh);
      return {
        backend,
        loadSeconds: loaded.seconds,
        startSeconds,
        sweep,
        assume,
        rssMiB: mem.rss,
        hwmMiB: mem.hwm,
        auditQueued,
        settled,
        caches,
        lists,
        ratios,
      };
    } finally {
      client.close();
    }
  } finally {
    await server?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl) {
      const admin = new pg.Client({ connectionString: PG_SERVER });
      await admin.connect();
      try {
        await admin.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await admin.end();
      }
    }
  }
}

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const met = (ok: boolean) => (ok ? 'met' : '**missed**');
const hitRate = (c: { hit: number; miss: number } | undefined) =>
  c && c.hit + c.miss > 0
    ? `${pct(c.hit / (c.hit + c.miss))} (${c.hit.toLocaleString('en-US')} hits, ${c.miss.toLocaleString('en-US')} misses)`
    : '–';

function markdown(
  results: BackendResult[],
  machine: ReturnType<typeof describeMachine>,
  endLoad: string,
): string {
  const names = results.map((r) => (r.backend === 'sqlite' ? 'SQLite' : 'PostgreSQL'));
  const rows: string[][] = [];
  const row = (measure: string, goal: string, cell: (r: BackendResult) => string) =>
    rows.push([measure, goal, ...results.map(cell)]);
  const principals = ACCOUNTS * (USERS + ROLES);
  row(
    `Load ${principals.toLocaleString('en-US')} principals through the store`,
    'minutes',
    (r) => `${r.loadSeconds.toFixed(0)} s (${(principals / r.loadSeconds).toFixed(0)} principals/s)`,
  );
  row(
    'Start-up: spawn to listening line',
    `< ${GOAL.startSeconds} s`,
    (r) => `${r.startSeconds.toFixed(2)} s, ${met(r.startSeconds < GOAL.startSeconds)}`,
  );
  row(
    `Every user signs GetCallerIdentity once (${(ACCOUNTS * USERS).toLocaleString('en-US')} requests)`,
    '–',
    (r) =>
      `${r.sweep.seconds.toFixed(0)} s, ${r.sweep.perSecond.toFixed(0)} req/s, p99 ${r.sweep.p99Ms.toFixed(1)} ms, ${r.sweep.errors} errors`,
  );
  row(
    `AssumeRole sample (${ASSUME_SAMPLE.toLocaleString('en-US')} roles, every account)`,
    '–',
    (r) =>
      `${r.assume.perSecond.toFixed(0)} req/s, p99 ${r.assume.p99Ms.toFixed(1)} ms, ${r.assume.errors} errors`,
  );
  row(
    'Resident memory (VmRSS) after both',
    `< ${GOAL.rssMiB} MiB`,
    (r) =>
      `${r.rssMiB.toFixed(0)} MiB, ${met(r.rssMiB < GOAL.rssMiB)} (${r.auditQueued.toLocaleString('en-US')} audit events queued)`,
  );
  row(
    'Resident memory 3 s later',
    '–',
    (r) =>
      `${r.settled.rssMiB.toFixed(0)} MiB (${r.settled.auditQueued.toLocaleString('en-US')} audit events queued)`,
  );
  row('Peak resident memory (VmHWM)', '–', (r) => `${r.hwmMiB.toFixed(0)} MiB`);
  for (const [cache, label] of [
    ['access_key', 'Access-key cache hit rate (entries)'],
    ['principal_policy', "Principals' policy cache hit rate (entries)"],
    ['compiled_policy', 'Compiled-policy cache hit rate (entries)'],
  ] as const)
    row(
      label,
      '–',
      (r) =>
        `${hitRate(r.caches[cache])}; ${r.caches[cache]?.entries?.toLocaleString('en-US') ?? '–'} entries`,
    );
  for (const [i, list] of results[0]!.lists.entries())
    row(`${list.label}: p50 / p99`, `p99 < ${GOAL.listP99Ms} ms`, (r) => {
      const x = r.lists[i]!.result;
      return `${x.p50Ms.toFixed(1)} / ${x.p99Ms.toFixed(1)} ms (${x.requests} requests), ${met(x.p99Ms < GOAL.listP99Ms)}`;
    });
  for (const [i, ratio] of results[0]!.ratios.entries()) {
    row(`${ratio.op}: big ÷ fresh account throughput`, `≥ ${pct(GOAL.ratio)}`, (r) => {
      const x = r.ratios[i]!;
      return `${pct(x.big / x.fresh)} (${x.big.toFixed(0)} vs ${x.fresh.toFixed(0)} req/s), ${met(x.big / x.fresh >= GOAL.ratio)}`;
    });
    row(`${ratio.op}: server CPU per request, big vs fresh`, '–', (r) => {
      const x = r.ratios[i]!;
      return `${x.bigCpu.toFixed(0)} vs ${x.freshCpu.toFixed(0)} µs (${pct(x.freshCpu / x.bigCpu)})`;
    });
  }
  const table = [
    `| Measure | Goal | ${names.join(' | ')} |`,
    `| --- | --- | ${names.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
  const run = `node --import tsx bench/scale.ts --accounts ${ACCOUNTS} --users ${USERS} --roles ${ROLES} --backend ${args.backend}`;
  return [
    results.length === 1 ? `## Scale (${names[0]})` : '## Scale',
    '',
    `Measured ${machine.date} with \`${run}\` (bench/scale.ts) on ${machine.cpus} CPUs (\`nproc\` = ${machine.cpus}; ${machine.cpuModel}), ${machine.ramGiB} GiB RAM, ${machine.os}; Node ${machine.node}; load average ${machine.loadAverage} when the run began, ${endLoad} when it ended.`,
    '',
    `${ACCOUNTS} accounts × (${USERS.toLocaleString('en-US')} users + ${ROLES.toLocaleString('en-US')} roles) = ${principals.toLocaleString('en-US')} principals.`,
    '',
    ...table,
    '',
    `How: each account is created by \`ensureAccount\` (what \`tessera accounts create\` runs) and filled through the store's repositories (\`Store.write\`, ${250} principals per transaction; one account at a time on SQLite, six at once on PostgreSQL): ${5} customer managed policies; users with two tags, an inline policy (even-numbered) or an attached customer managed policy (odd-numbered), and an access key whose secret is sealed under the master key as CreateAccessKey seals it; roles with a trust policy naming the account, an inline policy and two tags. The load time is that of the ${ACCOUNTS} accounts (the fresh account of the last rows, ${CALLERS} users and a role, is made after it). Then \`tessera serve\` starts as its own process on that data (SQLite file, or a schema of its own in the PostgreSQL at 127.0.0.1:5432, dropped afterwards), with the default settings (audit trail on, cache bound TESSERA_CACHE_ENTRIES = 100,000, request log at info); start-up is from spawning \`node dist/cli/main.js serve\` (what \`npm start\` runs) to its "Tessera listening" line. Every user then signs one GetCallerIdentity with its own key (${CONCURRENCY} concurrent callers, each reply checked to name that user), then ${ASSUME_SAMPLE.toLocaleString('en-US')} AssumeRole calls spread over every account (user i assumes role i mod ${ROLES} of its account; the trust policy names the account root and the user's policy allows sts:AssumeRole), and the node's VmRSS is read from /proc and its cache counters from /_tessera/metrics (\`tessera_*_cache_lookups_total\`, \`tessera_cache_entries\`). ListUsers and ListRoles are asked by the root of account ${accountIdOf(Math.floor(ACCOUNTS / 2))} by one caller for ${LIST_MS / 1000} s each after a warm-up, the middle page through the Marker the previous page gave. The throughput rows run GetCallerIdentity and AssumeRole (a new session name each) at concurrency ${CONCURRENCY} for ${THROUGHPUT_MS / 1000} s after a ${WARMUP_MS / 1000} s warm-up, ${CALLERS} users of the big account against ${CALLERS} users of a fresh account on the same node, alternately ${ROUNDS} times (each first in every other round), the medians compared; the server's CPU time per request (from /proc) is steadier than throughput on a shared machine. The client signs with @smithy/signature-v4 (the SDK's signer) and sends over a keep-alive node:http agent, in the benchmark's process, sharing the ${machine.cpus} CPUs with the server.`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const machine = describeMachine('not used');
  log(
    `Scale benchmark: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.ramGiB} GiB, Node ${machine.node}, load ${machine.loadAverage}`,
  );
  const results: BackendResult[] = [];
  for (const backend of BACKENDS) results.push(await runBackend(backend));
  const text = markdown(results, machine, os.loadavg()[0]!.toFixed(2));
  console.log('\n' + text);
  if (args.out) writeFileSync(args.out, text);
}

await main();
