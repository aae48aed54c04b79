// `npm run bench`: Tessera against moto in one run, with the same AWS SDK v3 client code —
// STS GetCallerIdentity, creating 5,000 users, IAM ListUsers (first page of 100) on them, STS AssumeRole,
// and GetCallerIdentity and ListUsers signed with the temporary credentials AssumeRole returns — plus,
// for Tessera alone, its authorization API for other services (POST /_tessera/authorize); printed as a
// table and written to the `## Server` section of bench/RESULTS.md.
import type { IAMClient } from '@aws-sdk/client-iam';
import { CreateUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CALLER,
  REGION,
  SERVICE_USER,
  TEMPORARY_SESSION,
  assumeSession,
  keyFor,
  policy,
  roleSessionArn,
  setUpRole,
} from './bench-principals.ts';
import { runLoad, type LoadResult } from './load.ts';
import { sdkClients, type SdkClients } from './sdk-clients.ts';
import { consoleTable, describeMachine, markdownTable, writeServerSection, type Row } from './report.ts';
import { BENCH_ROOT, motoVersion, startMoto, startStub, startTessera, type BenchServer } from './servers.ts';
import { signedJsonClient, type SigningCredentials } from './signed-json.ts';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 4000);
const WARMUP_MS = 1000;
const USERS = Number(process.env.BENCH_USERS ?? 5000);
const CONCURRENCIES = [16, 1];
const CREATE_CONCURRENCY = 16;
const OP_STS = 'STS GetCallerIdentity';
const OP_CREATE = `IAM CreateUser ×${USERS}`;
const OP_LIST = `IAM ListUsers, MaxItems 100 of ${USERS} users`;
const OP_ASSUME = 'STS AssumeRole (by an IAM user, trust policy names the account)';
const OP_STS_TEMP = 'STS GetCallerIdentity, temporary credentials';
const OP_LIST_TEMP = `IAM ListUsers, MaxItems 100 of ${USERS} users, temporary credentials`;
const OP_AUTHORIZE = 'Tessera authorization API, principalArn question (no moto equivalent)';
const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');

type Clients = SdkClients;

function clientsFor(server: BenchServer, credentials: SigningCredentials = BENCH_ROOT): Clients {
  return sdkClients(server.url, credentials, Math.max(...CONCURRENCIES));
}

/** What the run observed besides the figures (printed under the table). */
const notes: string[] = [];

function recorder(server: BenchServer, rows: Row[]) {
  return (operation: string, concurrency: number, result: LoadResult) => {
    rows.push({ operation, concurrency, server: server.name, result });
    const err = result.firstError ? ` (first error: ${result.firstError})` : '';
    console.log(
      `  ${server.name} ${operation} c=${concurrency}: ${result.perSecond.toFixed(0)} req/s, ` +
        `p50 ${result.p50Ms.toFixed(1)} ms, ${result.errors} errors${err}`,
    );
  };
}

type Recorder = ReturnType<typeof recorder>;

/** `fn` at each concurrency after a warm-up, recorded as `operation`. */
async function throughput(operation: string, fn: () => Promise<unknown>, record: Recorder): Promise<void> {
  await runLoad(fn, { concurrency: 16, durationMs: WARMUP_MS });
  for (const c of CONCURRENCIES)
    record(operation, c, await runLoad(fn, { concurrency: c, durationMs: DURATION_MS }));
}

/** GetCallerIdentity at each concurrency, after a warm-up. */
async function benchCallerIdentity(sts: STSClient, record: Recorder, operation = OP_STS): Promise<void> {
  await throughput(operation, () => sts.send(new GetCallerIdentityCommand({})), record);
}

async function benchTemporaryCredentials(
  server: BenchServer,
  account: string,
  roleArn: string,
  caller: SigningCredentials,
  pageSize: number,
  record: Recorder,
): Promise<void> {
  const callerClients = clientsFor(server, caller);
  let session: Clients | undefined;
  try {
    const assume = (name: string) => assumeSession(callerClients.sts, roleArn, name);
    let n = 0;
    await throughput(OP_ASSUME, () => assume(`bench-${n++}`), record);

    session = clientsFor(server, await assume(TEMPORARY_SESSION));
    const { sts, iam } = session;
    const who = await sts.send(new GetCallerIdentityCommand({}));
    if (who.Arn !== roleSessionArn(account))
      notes.push(`${server.name} answers GetCallerIdentity with temporary credentials as ${who.Arn}.`);
    await benchCallerIdentity(sts, record, OP_STS_TEMP);
    await throughput(
      OP_LIST_TEMP,
      async () => {
        const page = await iam.send(new ListUsersCommand({ MaxItems: 100 }));
        if (page.Users?.length !== pageSize) throw new Error(`page of ${page.Users?.length} users`);
      },
      record,
    );
  } finally {
    callerClients.close();
    session?.close();
  }
}

/** Tessera's authorization API: may CALLER perform notes:GetNote, asked by a service allowed tessera:Authorize. */
async function benchAuthorizeApi(
  server: BenchServer,
  iam: IAMClient,
  account: string,
  record: Recorder,
): Promise<void> {
  const credentials = await keyFor(
    iam,
    SERVICE_USER,
    policy([{ Effect: 'Allow', Action: 'tessera:Authorize', Resource: '*' }]),
  );
  const client = signedJsonClient({
    url: server.url,
    service: 'tessera',
    region: REGION,
    credentials,
    maxSockets: Math.max(...CONCURRENCIES),
  });
  const question = {
    principalArn: `arn:aws:iam::${account}:user/${CALLER}`,
    action: 'notes:GetNote',
    resource: `arn:aws:notes:${REGION}:${account}:note/bench`,
    context: { 'aws:SourceIp': '10.1.2.3' },
  };
  try {
    await throughput(
      OP_AUTHORIZE,
      async () => {
        const { status, json } = await client.post('/_tessera/authorize', question);
        const decision = (json as { decision?: unknown }).decision;
        if (status !== 200 || decision !== 'Allow')
          throw new Error(`authorize answered ${status} ${JSON.stringify(json).slice(0, 300)}`);
      },
      record,
    );
  } finally {
    client.close();
  }
}

async function benchServer(server: BenchServer, opts: { authorizeApi: boolean }): Promise<Row[]> {
  const rows: Row[] = [];
  const record = recorder(server, rows);
  const { iam, sts, close } = clientsFor(server);
  try {
    await benchCallerIdentity(sts, record);
    const account = (await sts.send(new GetCallerIdentityCommand({}))).Account;
    if (!account) throw new Error(`${server.name}: GetCallerIdentity gave no account`);

    const create = (i: number) =>
      iam.send(new CreateUserCommand({ UserName: `bench-user-${String(i).padStart(5, '0')}` }));
    record(
      OP_CREATE,
      CREATE_CONCURRENCY,
      await runLoad(create, { concurrency: CREATE_CONCURRENCY, count: USERS }),
    );

    const firstPage = await iam.send(new ListUsersCommand({ MaxItems: 100 }));
    const pageSize = firstPage.Users?.length ?? 0;
    if (pageSize < 100) throw new Error(`${server.name}: ListUsers returned only ${pageSize} users`);
    if (pageSize !== 100)
      notes.push(
        `${server.name} ignores MaxItems on ListUsers: each reply carries all ${pageSize} users ` +
          `(IsTruncated ${firstPage.IsTruncated ?? false}).`,
      );
    const listUsers = async () => {
      const page = await iam.send(new ListUsersCommand({ MaxItems: 100 }));
      if (page.Users?.length !== pageSize) throw new Error(`page of ${page.Users?.length} users`);
    };
    await throughput(OP_LIST, listUsers, record);

    const { roleArn, caller } = await setUpRole(iam, account);
    await benchTemporaryCredentials(server, account, roleArn, caller, pageSize, record);
    if (opts.authorizeApi) await benchAuthorizeApi(server, iam, account, record);
  } finally {
    close();
  }
  return rows;
}

/** The client's own ceiling: the same STS client against a server that does no work. */
async function benchStub(server: BenchServer): Promise<Row[]> {
  const rows: Row[] = [];
  const { sts, close } = clientsFor(server);
  try {
    await benchCallerIdentity(sts, recorder(server, rows));
  } finally {
    close();
  }
  return rows;
}

async function main(): Promise<void> {
  const started = performance.now();
  const moto = motoVersion();
  const machine = describeMachine(moto);
  console.log(
    `Benchmark: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.ramGiB} GiB, Node ${machine.node}, moto ${moto}`,
  );
  const rows: Row[] = [];
  for (const [start, bench] of [
    [startTessera, (s: BenchServer) => benchServer(s, { authorizeApi: true })],
    [startMoto, (s: BenchServer) => benchServer(s, { authorizeApi: false })],
    [startStub, benchStub],
  ] as const) {
    const server = await start();
    console.log(`${server.name} at ${server.url}`);
    try {
      rows.push(...(await bench(server)));
    } finally {
      await server.stop();
    }
  }
  // Group the table by operation and concurrency, so each pair of rows compares the two servers.
  const order = (r: Row) => `${rows.findIndex((x) => x.operation === r.operation)}:${1e6 - r.concurrency}`;
  rows.sort((a, b) => order(a).localeCompare(order(b), undefined, { numeric: true }));
  console.log('\n' + consoleTable(rows));

  const section = [
    '## Server',
    '',
    `Measured ${machine.date} with \`npm run bench\` (bench/run.ts) on ${machine.cpus} CPUs (\`nproc\` = ${machine.cpus}; ${machine.cpuModel}), ` +
      `${machine.ramGiB} GiB RAM, ${machine.os}; Node ${machine.node}; moto ${machine.moto}.`,
    '',
    markdownTable(rows),
    '',
    ...notes.map((n) => `Observed: ${n}`),
    ...(notes.length ? [''] : []),
    'How: the servers run one after another, each in its own process on 127.0.0.1 — Tessera as ' +
      '`tessera serve` on SQLite (WAL, `synchronous = FULL`) in a temp directory, moto as ' +
      '`python3 -m moto.server` — and each is driven by the same AWS SDK v3 clients from one Node process ' +
      '(keep-alive agent, SigV4-signed, no retries; root credentials unless said otherwise). Throughput runs ' +
      `last ${DURATION_MS / 1000} s after a ${WARMUP_MS / 1000} s warm-up at concurrency 16. The CreateUser ` +
      `row is the creation of ${USERS} users by ${CREATE_CONCURRENCY} concurrent callers (req/s = users per ` +
      `second); ListUsers then asks for the first page (MaxItems 100) of those ${USERS} users.`,
    '',
    `AssumeRole: the caller is one of those users (${CALLER}) with its own access key (AWS refuses ` +
      `AssumeRole by an account root); the role's trust policy names the account root (\`arn:aws:iam::ACCOUNT:root\`), ` +
      "so, as on AWS, the caller's own policy must allow sts:AssumeRole on the role, which it does. Each call " +
      'has a new RoleSessionName and default DurationSeconds. The "temporary credentials" rows sign with the ' +
      'access key id, secret and session token of one AssumeRole session; the role may iam:ListUsers. What ' +
      'the two servers do per request is not the same, and that is part of the comparison: Tessera verifies ' +
      "every SigV4 signature, evaluates the caller's identity policy and the role's trust policy with its " +
      'policy engine and seals a session token (AES-256-GCM) on AssumeRole, opens that token (no database ' +
      "read) and authorizes ListUsers against the role's policy on each temporary-credential request; moto, " +
      'as run here, checks neither trust policies nor permissions (its IAM enforcement is off unless ' +
      '`INITIAL_NO_AUTH_ACTION_COUNT` is set, and even then it does not evaluate trust policies) and does ' +
      'not verify signatures, so it answers AssumeRole for any caller and any trust policy (the role need not ' +
      'even exist). moto keeps every session in a list and finds a temporary key by scanning it, so its ' +
      'temporary-credential rows also pay for the sessions the AssumeRole rows created just before.',
    '',
    'Authorization API (Tessera only; moto has nothing like it): `POST /_tessera/authorize` with a ' +
      `principalArn question (may user ${CALLER} perform notes:GetNote on a note ARN, with aws:SourceIp in ` +
      `the context), signed with SigV4 for the service \`tessera\` by another user (${SERVICE_USER}) whose ` +
      'policy allows tessera:Authorize; each answer is checked to be 200 with decision Allow. It is the call ' +
      "another service makes before serving each of its own requests. Its client is the SDK's SigV4 signer " +
      'over a keep-alive node:http agent with a JSON reply, lighter than the SDK clients of the other rows.',
    '',
    'How to read: req/s at concurrency 1 is one caller waiting for each reply (latency-bound: ~1000 / p50 ms); ' +
      'at concurrency 16 it is the throughput of the server and the client sharing the CPUs. The "stub" rows ' +
      'drive a server that returns a canned GetCallerIdentity reply without any work: they are the ceiling of ' +
      'the client itself on this machine, so a server close to them is limited by the client (SDK signing and ' +
      'parsing), not by its own speed. The client shares the machine with the server under test, and the ' +
      `machine was shared with other work (load average ${machine.loadAverage} when the run began, ` +
      `${os.loadavg()[0]!.toFixed(2)} when it ended, on ${machine.cpus} CPUs), so figures from one run to ` +
      'the next can differ by a factor of two; they compare the servers in one run, they are not a capacity ' +
      'rating.',
    '',
  ].join('\n');
  await writeServerSection(RESULTS, section);
  console.log(
    `\nWrote the Server section of ${RESULTS} (${((performance.now() - started) / 1000).toFixed(0)} s in all)`,
  );
}

await main();
