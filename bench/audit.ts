// `npm run bench:audit`: what the audit trail costs and how fast it reads. Part one runs `tessera serve`
// with the trail on and off, alternately (three times each), driving STS GetCallerIdentity and
// AssumeRole with the same SDK clients; the goal is audited ≥ 85% of unaudited. Part two stores
// 1,000,000 events in one account and measures LookupEvents latency by each lookup attribute (goal:
// p99 under 50 ms). Both are written to the `## Audit trail` section of bench/RESULTS.md.
import {
  CloudTrailClient,
  LookupEventsCommand,
  type LookupEventsCommandInput,
} from '@aws-sdk/client-cloudtrail';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore, type AuditEventRecord } from '../src/store/index.ts';
import { runLoad, type LoadResult } from './load.ts';
import { cpuMs } from './process-cpu.ts';
import { consoleTable, describeMachine, markdownTable, median, writeSection, type Row } from './report.ts';
import { BENCH_ROOT, startTessera, type BenchServer } from './servers.ts';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 4000);
const WARMUP_MS = 1000;
const CONCURRENCY = 16;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');
const OP_STS = 'STS GetCallerIdentity';
const OP_ASSUME = 'STS AssumeRole';

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

function client<T>(Ctor: new (config: object) => T, url: string, credentials: Credentials, agent: Agent): T {
  return new Ctor({
    endpoint: url,
    region: REGION,
    credentials,
    maxAttempts: 1,
    requestHandler: { httpAgent: agent },
  });
}

interface Measured {
  result: LoadResult;
  /** The server's CPU time per request, in µs: steadier than throughput on a shared machine. */
  cpuUsPerRequest: number;
}

async function measure(fn: () => Promise<unknown>, pid: number | undefined): Promise<Measured> {
  await runLoad(fn, { concurrency: CONCURRENCY, durationMs: WARMUP_MS });
  const before = cpuMs(pid);
  const result = await runLoad(fn, { concurrency: CONCURRENCY, durationMs: DURATION_MS });
  return { result, cpuUsPerRequest: ((cpuMs(pid) - before) * 1000) / result.requests };
}

/** One server run: GetCallerIdentity by the root and AssumeRole by a user, at concurrency 16. */
async function benchThroughput(server: BenchServer): Promise<{ sts: Measured; assume: Measured }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const iam = client(IAMClient, server.url, BENCH_ROOT, agent);
  const sts = client(STSClient, server.url, BENCH_ROOT, agent);
  try {
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'bench-role',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
          ],
        }),
      }),
    );
    await iam.send(new CreateUserCommand({ UserName: 'bench-caller' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'bench-caller',
        PolicyName: 'assume',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
        }),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'bench-caller' }))).AccessKey!;
    const caller = client(
      STSClient,
      server.url,
      { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! },
      agent,
    );
    const stsResult = await measure(() => sts.send(new GetCallerIdentityCommand({})), server.pid);
    let n = 0;
    const assume = await measure(
      () =>
        caller.send(
          new AssumeRoleCommand({
            RoleArn: `arn:aws:iam::${ACCOUNT}:role/bench-role`,
            RoleSessionName: `s${n++}`,
          }),
        ),
      server.pid,
    );

    caller.destroy();
    return { sts: stsResult, assume };
  } finally {
    iam.destroy();
    sts.destroy();
    agent.destroy();
  }
}

/** Stores `count` synthetic events of one account, spread over 30 days, through the store's own repository. */
async function seedEvents(
  dataDir: string,
  count: number,
): Promise<{ user: string; key: string; event: string }> {
  const store = await openStore({ dataDir });
  const names = ['CreateUser', 'GetUser', 'ListUsers', 'AttachUserPolicy', 'AssumeRole', 'GetCallerIdentity'];
  const end = Date.now();
  const span = 30 * 86_400_000;
  let sample = { user: '', key: '', event: '' };
  try {
    const CHUNK = 5000;
    for (let i = 0; i < count; i += CHUNK) {
      const batch: AuditEventRecord[] = [];
      for (let j = i; j < Math.min(count, i + CHUNK); j++) {
        const user = `user-${String(j % 2000).padStart(4, '0')}`;
        const key = `AKIA${String(j % 2000).padStart(16, '0')}`;
        const name = names[j % names.length]!;
        const at = new Date(end - span + Math.floor((j / count) * span));
        const eventId = randomUUID();
        batch.push({
          accountId: ACCOUNT,
          eventId,
          eventTime: at.toISOString(),
          eventSource:
            name === 'AssumeRole' || name === 'GetCallerIdentity' ? 'sts.amazonaws.com' : 'iam.amazonaws.com',
          eventName: name,
          readOnly: !name.startsWith('Create') && !name.startsWith('Attach'),
          username: user,
          accessKeyId: key,
          errorCode: j % 50 === 0 ? 'AccessDenied' : null,
          record: JSON.stringify({
            eventVersion: '1.11',
            userIdentity: { type: 'IAMUser', userName: user, accessKeyId: key, accountId: ACCOUNT },
            eventTime: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
            eventName: name,
            eventID: eventId,
            requestParameters: { userName: `target-${j % 500}` },
          }),
          resources: [{ type: 'AWS::IAM::User', name: `target-${j % 500}` }],
        });
        if (j === Math.floor(count / 2)) sample = { user, key, event: eventId };
      }
      await store.writeRecords((repos) => repos.auditEvents.insert(batch));
      if ((i / CHUNK) % 40 === 0) process.stdout.write(`  ${i + batch.length} events stored\r`);
    }
    process.stdout.write('\n');
  } finally {
    await store.close();
  }
  return sample;
}

async function benchLookup(rows: Row[]): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-bench-audit-'));
  try {
    const seeding = performance.now();
    const sample = await seedEvents(dataDir, EVENTS);
    console.log(`  seeded ${EVENTS} events in ${((performance.now() - seeding) / 1000).toFixed(0)} s`);
    const server = await startTessera({ name: `Tessera, ${EVENTS} events`, dataDir });
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    const ct = client(CloudTrailClient, server.url, BENCH_ROOT, agent);
    const attr = (AttributeKey: string, AttributeValue: string): LookupEventsCommandInput => ({
      LookupAttributes: [{ AttributeKey: AttributeKey as 'Username', AttributeValue }],
    });
    const firstPage = await ct.send(new LookupEventsCommand({}));
    const queries: [string, LookupEventsCommandInput][] = [
      ['newest 50, no attribute', {}],
      ['second page (NextToken)', { NextToken: firstPage.NextToken }],
      ['Username (1 in 2,000 users)', attr('Username', sample.user)],
      ['AccessKeyId', attr('AccessKeyId', sample.key)],
      ['EventName', attr('EventName', 'AttachUserPolicy')],
      ['EventId', attr('EventId', sample.event)],
      ['ReadOnly false', attr('ReadOnly', 'false')],
      ['ResourceName (1 in 500)', attr('ResourceName', 'target-123')],
      ['ResourceType', attr('ResourceType', 'AWS::IAM::User')],
      [
        'EventSource, last day',
        {
          ...attr('EventSource', 'sts.amazonaws.com'),
          StartTime: new Date(Date.now() - 86_400_000),
        },
      ],
    ];
    try {
      for (const [label, input] of queries) {
        const fn = async () => {
          const out = await ct.send(new LookupEventsCommand(input));
          if (!out.Events?.length) throw new Error(`${label}: no events`);
        };
        await runLoad(fn, { concurrency: 1, durationMs: 500 });
        const result = await runLoad(fn, { concurrency: 1, durationMs: Math.max(2000, DURATION_MS / 2) });
        rows.push({ operation: `LookupEvents: ${label}`, concurrency: 1, server: server.name, result });
        console.log(
          `  LookupEvents ${label}: p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms`,
        );
      }
    } finally {
      ct.destroy();
      agent.destroy();
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const machine = describeMachine('not used');
  console.log(`Audit benchmark: ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}`);
  const runs: Record<
    'on' | 'off',
    { sts: number[]; assume: number[]; stsCpu: number[]; assumeCpu: number[]; rows: Row[] }
  > = {
    on: { sts: [], assume: [], stsCpu: [], assumeCpu: [], rows: [] },
    off: { sts: [], assume: [], stsCpu: [], assumeCpu: [], rows: [] },
  };
  for (const mode of ['on', 'off', 'on', 'off', 'on', 'off'] as const) {
    const name = mode === 'on' ? 'Tessera, audit on' : 'Tessera, audit off';
    const server = await startTessera({ name, env: { TESSERA_AUDIT: mode === 'on' ? 'true' : 'false' } });
    try {
      const r = await benchThroughput(server);
      const m = runs[mode];
      m.sts.push(r.sts.result.perSecond);
      m.assume.push(r.assume.result.perSecond);
      m.stsCpu.push(r.sts.cpuUsPerRequest);
      m.assumeCpu.push(r.assume.cpuUsPerRequest);
      m.rows.push(
        { operation: OP_STS, concurrency: CONCURRENCY, server: name, result: r.sts.result },
        { operation: OP_ASSUME, concurrency: CONCURRENCY, server: name, result: r.assume.result },
      );
      console.log(
        `  ${name}: GetCallerIdentity ${r.sts.result.perSecond.toFixed(0)}/s (${r.sts.cpuUsPerRequest.toFixed(0)} µs CPU each), ` +
          `AssumeRole ${r.assume.result.perSecond.toFixed(0)}/s (${r.assume.cpuUsPerRequest.toFixed(0)} µs CPU each)`,
      );
    } finally {
      await server.stop();
    }
  }
  const ratio = (k: 'sts' | 'assume') => median(runs.on[k]) / median(runs.off[k]);
  const cpuRatio = (k: 'stsCpu' | 'assumeCpu') => median(runs.off[k]) / median(runs.on[k]);
  const throughputRows = [...runs.on.rows, ...runs.off.rows].sort((a, b) =>
    a.operation.localeCompare(b.operation),
  );
  const lookupRows: Row[] = [];
  await benchLookup(lookupRows);
  const all = [...throughputRows, ...lookupRows];
  console.log('\n' + consoleTable(all));
  const worstP99 = Math.max(...lookupRows.map((r) => r.result.p99Ms));
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  const us = (k: 'stsCpu' | 'assumeCpu', mode: 'on' | 'off') => median(runs[mode][k]).toFixed(0);
  const summary =
    `Audited ÷ unaudited throughput (median of three runs each): GetCallerIdentity ${pct(ratio('sts'))}, ` +
    `AssumeRole ${pct(ratio('assume'))} (goal ≥ 85%). ` +
    `By the server's CPU time per request (steadier on a shared machine): GetCallerIdentity ` +
    `${us('stsCpu', 'off')} → ${us('stsCpu', 'on')} µs (${pct(cpuRatio('stsCpu'))}), AssumeRole ` +
    `${us('assumeCpu', 'off')} → ${us('assumeCpu', 'on')} µs (${pct(cpuRatio('assumeCpu'))}). ` +
    `LookupEvents with ${EVENTS.toLocaleString('en-US')} stored events: worst p99 ${worstP99.toFixed(1)} ms (goal < 50 ms).`;
  console.log('\n' + summary);
  const finalLoad = describeMachine('not used').loadAverage;
  await writeSection(
    RESULTS,
    '## Audit trail',
    [
      '## Audit trail',
      '',
      `Measured ${machine.date} with \`npm run bench:audit\` (bench/audit.ts) on ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.ramGiB} GiB, Node ${machine.node}, ${machine.os}; load average ${machine.loadAverage} when the run began, ${finalLoad} when it ended.`,
      '',
      summary,
      '',
      markdownTable(all),
      '',
      `How: \`tessera serve\` on SQLite runs four times, with the audit trail on, off, on, off (\`TESSERA_AUDIT\`), each driven by the same AWS SDK v3 clients at concurrency ${CONCURRENCY} for ${DURATION_MS / 1000} s after a ${WARMUP_MS / 1000} s warm-up: GetCallerIdentity signed by the root's key, AssumeRole by an IAM user allowed it (a new session name each call). With the trail on, each call's event is queued and written in batches (every 250 ms) by the server itself. The throughput ratio compares the medians of the three runs of each mode; the CPU figure is the server process's user + system time during the timed window (from /proc) divided by the requests it answered, which the client's share of the machine and other work on it disturb much less than throughput. For LookupEvents, ${EVENTS.toLocaleString('en-US')} events of one account (2,000 users and keys, 500 target users, 6 event names, spread over 30 days) are stored through the store's own repository, then one caller asks each query in turn for ${Math.max(2, DURATION_MS / 2000)} s (the newest 50 events matching one attribute, as the CLI asks).`,
    ].join('\n'),
  );
}

await main();
