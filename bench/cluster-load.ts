// `node --import tsx bench/cluster-load.ts`: load from a separate process (issue 16). autocannon, in a
// child process of its own, sends pre-signed STS GetCallerIdentity, IAM ListUsers, STS AssumeRole and
// POST /_tessera/authorize requests to Tessera on SQLite (one node), Tessera on one PostgreSQL (one node,
// then two nodes with the load split across both), moto, and a canned-reply stub; it prints a markdown
// section in bench/RESULTS.md's style (and writes it to --out), with each goal beside its figure. It owns
// this file and bench/cluster-load-*.ts; it writes nothing to bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../src/config/load.ts';
import { startServerProcess } from '../test/support/server-process.ts';
import { childPid, runLoadClient, type ClientResult } from './cluster-load-runner.ts';
import { cpuMs } from './process-cpu.ts';
import {
  accountOf,
  callerIdentity,
  makeFixture,
  OPERATIONS,
  type Operation,
  type OperationId,
} from './cluster-load-fixture.ts';
import { fresh, sendOnce, signRequest, type SignedRequest } from './cluster-load-request.ts';
import { describeMachine, median } from './report.ts';
import {
  BENCH_ROOT,
  ensureCompiled,
  motoVersion,
  startMoto,
  startStub,
  startTessera,
  type BenchServer,
} from './servers.ts';

type Target = 'sqlite' | 'pg' | 'moto' | 'stub';
const ALL_OPS = Object.keys(OPERATIONS) as OperationId[];
const ALL_TARGETS: Target[] = ['sqlite', 'pg', 'moto', 'stub'];

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    connections: { type: 'string', default: '32' },
    users: { type: 'string', default: '5000' },
    only: { type: 'string', default: ALL_OPS.join(',') },
    targets: { type: 'string', default: ALL_TARGETS.join(',') },
    out: { type: 'string' },
    /** Alternating GetCallerIdentity rounds of Tessera (SQLite), moto and the stub after the rest (0: none). */
    rounds: { type: 'string', default: '5' },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const DURATION_S = Number(args.duration);
const WARMUP_S = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const USERS = Number(args.users);
const ROUNDS = Number(args.rounds);
const ONLY = new Set(args.only.split(',') as OperationId[]);
const TARGETS = new Set(args.targets.split(',') as Target[]);
/** moto answers ListUsers with all 5,000 users in ~0.5 s a reply: at 32 connections none would finish in 5 s. */
const MOTO_LIST_CONNECTIONS = 2;
const TIMEOUT_S = 60;
for (const op of ONLY) if (!ALL_OPS.includes(op)) throw new Error(`--only: unknown operation ${op}`);
for (const t of TARGETS) if (!ALL_TARGETS.includes(t)) throw new Error(`--targets: unknown target ${t}`);

/** One server process to load: where it listens, and its pid for CPU time. */
interface Node {
  url: string;
  pid: number | undefined;
}

type Mode = 'keep-alive' | 'new-connection';

interface Row {
  op: OperationId;
  server: string;
  /** autocannon over keep-alive connections, or a new connection per request (moto). */
  mode: Mode;
  /** Client processes × connections each. */
  processes: number;
  connections: number;
  perNode: ClientResult[];
  requests: number;
  perSecond: number;
  non2xx: number;
  errors: number;
  /** Server CPU time (all server processes) per request, µs. */
  cpuUs: number;
  /** The client's CPU time (all its processes) per request, µs. */
  clientCpuUs: number;
  /** Reply checks that failed (empty when every sample was right). */
  wrong: string[];
}

const rows: Row[] = [];
const notes: string[] = [];
let longestReplayS = 0;

/** Sends `signed` once and checks the reply; a wrong one is recorded, not thrown, so the run goes on. */
async function sample(
  node: Node,
  signed: SignedRequest,
  operation: Operation,
  wrong: string[],
): Promise<void> {
  const { status, body } = await sendOnce(node.url, signed);
  const bad = operation.check(status, body);
  if (bad)
    wrong.push(`${node.url}, ${((Date.now() - signed.signedAt) / 1000).toFixed(0)} s after signing: ${bad}`);
  else longestReplayS = Math.max(longestReplayS, (Date.now() - signed.signedAt) / 1000);
}

/**
 * Loads `nodes` with `operation`, one client process per node at the same time: signed once per
 * node, sent and checked twice (the replay), a warm-up run, the timed run with each server's CPU time read
 * around it, and one more check.
 */
async function measure(
  server: string,
  op: OperationId,
  operation: Operation,
  nodes: Node[],
  connections: number,
  mode: Mode = 'keep-alive',
  into: Row[] = rows,
): Promise<Row> {
  const wrong: string[] = [];
  const signed = await Promise.all(nodes.map((n) => signRequest(n.url, operation.template)));
  for (const [i, n] of nodes.entries()) {
    await sample(n, signed[i]!, operation, wrong);
    await sample(n, signed[i]!, operation, wrong);
  }
  const options = { connections, timeoutS: TIMEOUT_S, mode };
  if (WARMUP_S > 0)
    await Promise.all(
      nodes.map((n, i) => runLoadClient(n.url, signed[i]!, { ...options, durationS: WARMUP_S })),
    );
  const timed = await Promise.all(nodes.map(async (n, i) => fresh(n.url, operation.template, signed[i]!)));
  const before = nodes.map((n) => cpuMs(n.pid));
  const perNode = await Promise.all(
    nodes.map((n, i) => runLoadClient(n.url, timed[i]!, { ...options, durationS: DURATION_S })),
  );
  const cpu = nodes.reduce((sum, n, i) => sum + cpuMs(n.pid) - before[i]!, 0);
  const clientCpu = perNode.reduce((sum, r) => sum + r.clientCpuMs, 0);
  for (const [i, n] of nodes.entries()) await sample(n, timed[i]!, operation, wrong);
  const requests = perNode.reduce((s, r) => s + r.requests, 0);
  const row: Row = {
    op,
    server,
    mode,
    processes: nodes.length,
    connections,
    perNode,
    requests,
    perSecond: perNode.reduce((s, r) => s + r.perSecond, 0),
    non2xx: perNode.reduce((s, r) => s + r.non2xx, 0),
    errors: perNode.reduce((s, r) => s + r.errors, 0),
    cpuUs: (cpu * 1000) / requests,
    clientCpuUs: (clientCpu * 1000) / requests,
    wrong,
  };
  into.push(row);
  console.log(
    `  ${server} ${op} ${mode} ${nodes.length}×${connections}: ${row.perSecond.toFixed(0)} req/s, ` +
      `p50 ${perNode.map((r) => r.p50Ms).join('/')} ms, p99 ${perNode.map((r) => r.p99Ms).join('/')} ms, ` +
      `${row.non2xx} non-2xx, ${row.errors} errors, ${row.cpuUs.toFixed(0)} µs server CPU/request, ` +
      `${row.clientCpuUs.toFixed(0)} µs client CPU/request` +
      (wrong.length ? `; WRONG: ${wrong[0]}` : ''),
  );
  return row;
}

async function measureAll(
  server: string,
  operations: Partial<Record<OperationId, Operation>>,
  nodes: Node[],
): Promise<void> {
  for (const op of ALL_OPS) {
    const operation = operations[op];
    if (!ONLY.has(op) || !operation) continue;
    await measure(server, op, operation, nodes, Math.max(1, Math.round(CONNECTIONS / nodes.length)));
  }
}

const nodeOf = (s: BenchServer, pid = s.pid): Node => ({ url: s.url, pid });

/** A server kept for the alternating rounds, with its GetCallerIdentity request and the client it is loaded by. */
interface RoundTarget {
  server: string;
  node: Node;
  operation: Operation;
  mode: Mode;
  stop(): Promise<void>;
}

/** The rounds' servers: Tessera (SQLite), moto and the stub, each kept from its own phase when rounds are asked for. */
const roundTargets: RoundTarget[] = [];
/** Each round's runs, in the order they ran. */
const roundRows: Row[][] = [];
const WANT_ROUNDS = ROUNDS > 0 && ONLY.has('gci') && TARGETS.has('sqlite') && TARGETS.has('moto');

/**
 * Runs one server's phase; the server is then kept for the rounds when the phase gives its
 * GetCallerIdentity target and rounds are asked for, and stopped otherwise (and on failure).
 */
async function phase(
  server: BenchServer,
  run: () => Promise<Omit<RoundTarget, 'stop'> | undefined>,
): Promise<void> {
  let kept = false;
  try {
    const target = await run();
    if (target && WANT_ROUNDS) {
      roundTargets.push({ ...target, stop: () => server.stop() });
      kept = true;
    }
  } finally {
    if (!kept) await server.stop();
  }
}

/**
 * GetCallerIdentity on Tessera (SQLite), moto and the stub in turn, ROUNDS times, the order reversed
 * every other round: this machine's speed drifts by tens of percent within minutes, so a ratio is
 * taken within each round, from runs seconds apart, and the median of the rounds' ratios is the figure.
 */
async function alternatingRounds(): Promise<void> {
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? roundTargets : [...roundTargets].reverse();
    const round: Row[] = [];
    for (const t of order) await measure(t.server, 'gci', t.operation, [t.node], CONNECTIONS, t.mode, round);
    roundRows.push(round);
  }
}

async function benchSqlite(): Promise<void> {
  const server = await startTessera();
  await phase(server, async () => {
    console.log(`Tessera (SQLite) at ${server.url}`);
    const fixture = await makeFixture(server.url, { users: USERS, authorizeApi: true });
    await measureAll('Tessera, 1 node (SQLite)', fixture.operations, [nodeOf(server)]);
    const gci = ONLY.has('gci') ? fixture.operations.gci : undefined;
    if (!gci) return undefined;
    // moto's client opens a connection per request (see benchMoto): the same client here, to compare like with like
    if (TARGETS.has('moto'))
      await measure('Tessera, 1 node (SQLite)', 'gci', gci, [nodeOf(server)], CONNECTIONS, 'new-connection');
    return { server: 'Tessera, 1 node (SQLite)', node: nodeOf(server), operation: gci, mode: 'keep-alive' };
  });
}

let postgresVersion = '';

/** Tessera on a fresh schema of one PostgreSQL: one node, then a second node beside it; the schema dropped after. */
async function benchPostgres(): Promise<void> {
  const schema = `cluster_load_${randomBytes(4).toString('hex')}`;
  const base = new URL(args.pg);
  const url = new URL(args.pg);
  url.searchParams.set('schema', schema);
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  postgresVersion = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!
    .server_version;
  // the nodes share one master key (it seals the access keys' secrets in the shared database)
  const env = { TESSERA_MASTER_KEY: randomBytes(32).toString('base64') };
  const started: { stop(): Promise<void> }[] = [];
  const startNode = async (): Promise<Node> => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-cluster-load-'));
    const config = {
      ...loadConfig({}, {}),
      dataDir,
      databaseUrl: url.toString(),
      rootAccessKeyId: BENCH_ROOT.accessKeyId,
      rootSecretAccessKey: BENCH_ROOT.secretAccessKey,
    };
    // the compiled server, as startTessera runs it
    ensureCompiled();
    const proc = await startServerProcess(config, 30_000, env, { compiled: true });
    started.push({
      async stop() {
        await proc.kill('SIGTERM');
        rmSync(dataDir, { recursive: true, force: true });
      },
    });
    return { url: proc.url, pid: proc.child.pid };
  };
  try {
    const first = await startNode();
    console.log(`Tessera (PostgreSQL ${postgresVersion}, schema ${schema}) at ${first.url}`);
    const fixture = await makeFixture(first.url, { users: USERS, authorizeApi: true });
    await measureAll('Tessera, 1 node (PostgreSQL)', fixture.operations, [first]);
    const second = await startNode();
    console.log(`  second node at ${second.url}`);
    // the second node sees the first's data through the shared database
    const answer = await sendOnce(
      second.url,
      await signRequest(second.url, fixture.operations.gci!.template),
    );
    if (fixture.operations.gci!.check(answer.status, answer.body))
      throw new Error(`second node: ${answer.status} ${answer.body.slice(0, 300)}`);
    await measureAll('Tessera, 2 nodes (PostgreSQL)', fixture.operations, [first, second]);
  } finally {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
}

async function benchMoto(): Promise<void> {
  const server = await startMoto();
  await phase(server, async () => {
    const node = nodeOf(server, childPid('moto.server'));
    console.log(`moto at ${server.url} (pid ${node.pid})`);
    const fixture = await makeFixture(server.url, { users: USERS, authorizeApi: false });
    if (fixture.pageSize !== 100)
      notes.push(
        `moto ignores MaxItems on ListUsers: each reply carries all ${fixture.pageSize} users ` +
          `(IsTruncated ${fixture.isTruncated}); it was loaded with ${MOTO_LIST_CONNECTIONS} connections, ` +
          'not ' +
          CONNECTIONS +
          ', so that replies (about half a second each) finish within the run.',
      );
    notes.push(
      "moto's server (Werkzeug) answers every request with `Connection: close`, which autocannon 9 does not " +
        'survive: each of its connections stalls after its first reply (about one reply per connection in a run). moto is ' +
        'therefore loaded by the same child process with a plain node:http loop per connection that opens a new ' +
        'connection for each request; Tessera GetCallerIdentity was run with that client too, for a like-for-like ratio.',
    );
    for (const op of ALL_OPS) {
      const operation = fixture.operations[op];
      if (!ONLY.has(op) || !operation) continue;
      const connections = op === 'listusers' ? MOTO_LIST_CONNECTIONS : CONNECTIONS;
      await measure('moto', op, operation, [node], connections, 'new-connection');
    }
    const gci = fixture.operations.gci;
    return gci && { server: 'moto', node, operation: gci, mode: 'new-connection' };
  });
}

async function benchStub(): Promise<void> {
  const server = await startStub();
  await phase(server, async () => {
    const node = nodeOf(server, childPid('stub-server.ts'));
    // the stub's canned reply names this account whoever asks
    const account = await accountOf(server.url);
    if (!ONLY.has('gci')) return undefined;
    const operation = callerIdentity(account);
    await measure('stub (canned reply)', 'gci', operation, [node], CONNECTIONS);
    return { server: 'stub (canned reply)', node, operation, mode: 'keep-alive' };
  });
}

// ---- report ----

const fmt = (n: number | undefined, digits = 0) =>
  n === undefined || !Number.isFinite(n)
    ? '–'
    : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The operation's name, with the number of users ListUsers runs over. */
const label = (op: OperationId) =>
  op === 'listusers' ? `${OPERATIONS[op]} of ${fmt(USERS)} users` : OPERATIONS[op];

const find = (op: OperationId, server: string, mode: Mode = 'keep-alive') =>
  rows.find((r) => r.op === op && r.server.startsWith(server) && r.mode === mode);

const client = (r: Row) =>
  r.mode === 'keep-alive'
    ? `autocannon, ${r.processes} × ${r.connections} conn`
    : `node:http, ${r.processes} × ${r.connections} conn, new one per request`;

function table(): string {
  const lines = [
    '| Operation | Server | Client | Requests | req/s | p50 ms | p99 ms | non-2xx | Errors | Server CPU µs/request | Client CPU µs/request |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const op of ALL_OPS)
    for (const r of rows.filter((x) => x.op === op))
      lines.push(
        `| ${label(op)} | ${r.server} | ${client(r)} | ${r.requests} | ` +
          `${fmt(r.perSecond)} | ${r.perNode.map((p) => p.p50Ms).join(' / ')} | ` +
          `${r.perNode.map((p) => p.p99Ms).join(' / ')} | ${r.non2xx} | ${r.errors} | ${fmt(r.cpuUs)} | ${fmt(r.clientCpuUs)} |`,
      );
  return lines.join('\n');
}

const verdict = (ok: boolean | undefined) =>
  ok === undefined ? 'not measured' : ok ? '**met**' : '**missed**';

/** "X req/s = N× moto (goal ≥ G×): met", by throughput and by server CPU per request. */
function versusMoto(op: OperationId, goal: number): string {
  const t = find(op, 'Tessera, 1 node (SQLite)');
  const m = find(op, 'moto', 'new-connection');
  if (!t || !m) return `${label(op)}: not measured against moto.`;
  const ratio = t.perSecond / m.perSecond;
  const same = find(op, 'Tessera, 1 node (SQLite)', 'new-connection');
  const sameRatio = same ? same.perSecond / m.perSecond : undefined;
  return (
    `${label(op)}: Tessera (SQLite) ${fmt(t.perSecond)} req/s, moto ${fmt(m.perSecond, 1)} req/s = ` +
    `**${fmt(ratio, 1)}×** (goal ≥ ${goal}×: ${verdict(ratio >= goal)})` +
    (same && sameRatio !== undefined
      ? `; with moto's client (a new connection per request) Tessera ${fmt(same.perSecond)} req/s = ` +
        `**${fmt(sameRatio, 1)}×** (${verdict(sameRatio >= goal)})`
      : '') +
    `; by server CPU per request ${fmt(m.cpuUs)} µs ÷ ${fmt(t.cpuUs)} µs = ${fmt(m.cpuUs / t.cpuUs, 1)}×.`
  );
}

/** The alternating rounds' ratios, each taken within one round, and their medians with the goals' verdicts. */
function roundsSummary(): string[] {
  const within = (prefix: string) => (round: Row[]) => round.find((r) => r.server.startsWith(prefix));
  const ratios = (a: string, b: string, f: (x: Row, y: Row) => number) =>
    roundRows.flatMap((round) => {
      const x = within(a)(round);
      const y = within(b)(round);
      return x && y ? [f(x, y)] : [];
    });
  const list = (xs: number[], digits: number, unit: string) =>
    xs.map((x) => fmt(x, digits) + unit).join(', ');
  const out: string[] = [];
  const byRate = ratios('Tessera', 'moto', (t, m) => t.perSecond / m.perSecond);
  const byCpu = ratios('Tessera', 'moto', (t, m) => m.cpuUs / t.cpuUs);
  if (byRate.length)
    out.push(
      `**Alternating rounds** (${roundRows.length} rounds of ${DURATION_S} s GetCallerIdentity runs on Tessera (SQLite), ` +
        `moto and the stub one after another, the order reversed every other round; each ratio is taken within a round): ` +
        `Tessera ÷ moto by req/s ${list(byRate, 1, '×')}, median **${fmt(median(byRate), 1)}×** ` +
        `(goal ≥ 60×: ${verdict(median(byRate) >= 60)}); by server CPU per request ${list(byCpu, 1, '×')}, ` +
        `median ${fmt(median(byCpu), 1)}×. Tessera's runs: ` +
        roundRows
          .flatMap((round) => {
            const t = within('Tessera')(round);
            return t ? [`${fmt(t.perSecond)} req/s at ${fmt(t.cpuUs)} µs`] : [];
          })
          .join(', ') +
        '.',
    );
  const byStub = ratios('Tessera', 'stub', (t, st) => (100 * t.perSecond) / st.perSecond);
  if (byStub.length)
    out.push(
      `Tessera ÷ the stub in the same rounds: ${list(byStub, 0, '%')}, median **${fmt(median(byStub))}%** ` +
        `(goal ≥ 70%: ${verdict(median(byStub) >= 70)}).`,
    );
  return out;
}

function goals(): string[] {
  const out = [...roundsSummary(), versusMoto('gci', 60), versusMoto('listusers', 30)];
  const assume = rows.filter(
    (r) => r.op === 'assumerole' && r.server.startsWith('Tessera') && r.mode === 'keep-alive',
  );
  if (assume.length)
    out.push(
      'STS AssumeRole per node (goal ≥ 5,000/s): ' +
        assume
          .map((r) => {
            const perNode = r.perSecond / r.processes;
            return (
              `${r.server} ${fmt(perNode)}/s per node (${verdict(perNode >= 5000)}; ` +
              `its CPU time per request, ${fmt(r.cpuUs)} µs, would allow ${fmt(1e6 / r.cpuUs)}/s on a core of its own)`
            );
          })
          .join('; ') +
        '.',
    );
  const temporary = find('gcisession', 'Tessera, 1 node (SQLite)');
  const rootKey = find('gci', 'Tessera, 1 node (SQLite)');
  const motoTemporary = find('gcisession', 'moto', 'new-connection');
  if (temporary && rootKey)
    out.push(
      `GetCallerIdentity with temporary credentials (no goal of its own): Tessera (SQLite) ${fmt(temporary.perSecond)} ` +
        `req/s, ${fmt(temporary.cpuUs)} µs server CPU per request against ${fmt(rootKey.cpuUs)} µs with the root key` +
        (motoTemporary
          ? `; moto ${fmt(motoTemporary.perSecond, 1)} req/s = ${fmt(temporary.perSecond / motoTemporary.perSecond, 1)}×`
          : '') +
        '.',
    );
  const t = find('gci', 'Tessera, 1 node (SQLite)');
  const s = find('gci', 'stub');
  if (t && s) {
    const pct = (100 * t.perSecond) / s.perSecond;
    out.push(
      `GetCallerIdentity, Tessera (SQLite) ÷ the canned-reply stub: ${fmt(t.perSecond)} ÷ ${fmt(s.perSecond)} req/s = ` +
        `**${fmt(pct)}%** (goal ≥ 70%: ${verdict(pct >= 70)}); server CPU per request ${fmt(t.cpuUs)} µs against ` +
        `the stub's ${fmt(s.cpuUs)} µs.`,
    );
  }
  const scaling = ALL_OPS.flatMap((op) => {
    const one = find(op, 'Tessera, 1 node (PostgreSQL)');
    const two = find(op, 'Tessera, 2 nodes (PostgreSQL)');
    return one && two ? [`${label(op)} ${fmt(two.perSecond / one.perSecond, 2)}×`] : [];
  });
  if (scaling.length)
    out.push(`Two nodes ÷ one node on the same PostgreSQL (no goal): ${scaling.join(', ')}.`);
  return out;
}

function autocannonVersion(): string {
  const pkg = JSON.parse(
    readFileSync(new URL('../node_modules/autocannon/package.json', import.meta.url), 'utf8'),
  ) as {
    version: string;
  };
  return pkg.version;
}

function memoryGiB(): string {
  return (os.totalmem() / 2 ** 30).toFixed(1);
}

async function main(): Promise<void> {
  const started = performance.now();
  const moto = TARGETS.has('moto') ? motoVersion() : 'not run';
  const machine = describeMachine(moto);
  const uname = execFileSync('uname', ['-sr'], { encoding: 'utf8' }).trim();
  console.log(
    `Cluster load: ${machine.cpus} CPUs (${machine.cpuModel}), ${memoryGiB()} GiB, Node ${machine.node}, ` +
      `load average ${machine.loadAverage}; ${DURATION_S} s runs after ${WARMUP_S} s warm-up, ${CONNECTIONS} connections`,
  );
  if (TARGETS.has('sqlite')) await benchSqlite();
  if (TARGETS.has('pg')) await benchPostgres();
  if (TARGETS.has('moto')) await benchMoto();
  if (TARGETS.has('stub')) await benchStub();
  try {
    if (roundTargets.length >= 2) await alternatingRounds();
  } finally {
    for (const t of roundTargets) await t.stop().catch(() => undefined);
  }
  const loadEnd = os.loadavg()[0]!.toFixed(2);
  const seconds = (performance.now() - started) / 1000;
  const wrong = rows.flatMap((r) => r.wrong.map((w) => `${r.server}, ${r.op}: ${w}`));
  const failed = rows.filter((r) => r.non2xx || r.errors);

  const section = [
    '## Load from a separate process',
    '',
    `Measured ${machine.date} with \`node --import tsx bench/cluster-load.ts\` (bench/cluster-load.ts) on ` +
      `${machine.cpus} CPUs (\`nproc\` = ${machine.cpus}; ${machine.cpuModel}), ${memoryGiB()} GiB RAM, ${uname}; ` +
      `Node ${machine.node}; autocannon ${autocannonVersion()}; moto ${moto}` +
      (postgresVersion ? `; PostgreSQL ${postgresVersion}` : '') +
      `; load average ${machine.loadAverage} when the run began, ${loadEnd} when it ended (${fmt(seconds)} s in all).`,
    '',
    ...goals(),
    '',
    table(),
    '',
    failed.length
      ? `Not every reply was 2xx: ${failed.map((r) => `${r.server} ${r.op} ${r.non2xx} non-2xx, ${r.errors} errors`).join('; ')}.`
      : 'Every reply of every run was 2xx, with no socket error or timeout.',
    wrong.length
      ? `Wrong sample replies: ${wrong.join('; ')}.`
      : `Every sample reply was right (GetCallerIdentity names the account; ListUsers carries the whole page; AssumeRole ` +
        `returns Credentials with an ASIA key and a session token; the authorization API answers Allow), and every ` +
        `pre-signed request was accepted again unchanged, up to ${fmt(longestReplayS)} s after it was signed.`,
    ...notes.map((n) => `Observed: ${n}`),
    '',
    `How: each request is built and signed once with the AWS SDK's SigV4 signer (@smithy/signature-v4) — ` +
      'GetCallerIdentity and ListUsers (MaxItems 100) by the root key, AssumeRole by an IAM user whose policy ' +
      'allows sts:AssumeRole on a role whose trust policy names the account (one fixed RoleSessionName), and the ' +
      'authorization API question (may that user perform notes:GetNote, with aws:SourceIp) by a second user ' +
      'allowed tessera:Authorize — and autocannon, run through its API in a child process of its own ' +
      '(bench/cluster-load-client.ts), sends it unchanged over keep-alive connections: a signed request stays valid within the 15-minute ' +
      'clock-skew window (it is signed again for each run, and again if a run began more than 10 minutes after ' +
      'its signature). Before each run the request is sent twice and its reply checked, once more after it. ' +
      `Each run is ${WARMUP_S} s of warm-up, then ${DURATION_S} s timed, at ${CONNECTIONS} connections in all; with two ` +
      `nodes, two autocannon processes (${Math.round(CONNECTIONS / 2)} connections each) load one node each at the same ` +
      'time and their requests and rates are summed (p50 and p99 are shown per node; autocannon reports whole ' +
      `milliseconds). ${USERS} users exist on each server. Tessera runs as \`tessera serve\`, compiled (dist/, as \`npm start\` runs it), with its default ` +
      'settings (audit trail on): on SQLite in a temp directory (WAL, as `npm run bench`), or on a fresh schema of ' +
      'one local PostgreSQL (dropped afterwards), first one node, then a second node started beside it on the same ' +
      'data, sharing its master key; moto as `python3 -m moto.server`; the stub is bench/stub-server.ts, a bare ' +
      'node:http server returning a canned GetCallerIdentity reply, which measures what autocannon itself can ' +
      'drive here. moto checks no signature and no permission (see the Server section), and is loaded with a new connection per request (see Observed).' +
      (roundRows.length
        ? ` Then Tessera (SQLite), moto and the stub, each kept running from its own phase, were loaded with ` +
          `GetCallerIdentity in turn for ${roundRows.length} rounds (the alternating rounds above; their runs are not in the ` +
          'table): the other ratios compare runs made minutes apart.'
        : ''),
    '',
    `How to read: the machine has ${machine.cpus} cores, and the server process(es), autocannon (one core at most ` +
      'each), PostgreSQL and other work on the machine all compete for them: req/s is what the pair reached ' +
      'together, not a capacity rating, and two nodes on two cores cannot double one node (each node and its ' +
      "autocannon share the same two cores). The server CPU column — each server process's user + system time " +
      'over the timed run (from /proc/<pid>/stat), divided by the requests it answered — is steadier: 1,000,000 ÷ ' +
      'it is what one core given wholly to one node could answer. For PostgreSQL nodes it leaves out the ' +
      "database's own processes. The client CPU column is the client processes' own CPU time over the same " +
      'run, per request: what the load generator took from the same two cores.',
    '',
  ].join('\n');
  console.log('\n' + section);
  if (args.out) writeFileSync(args.out, section);
  if (failed.length || wrong.length) process.exitCode = 1;
}

await main();
