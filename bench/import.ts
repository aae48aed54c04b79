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
import { describeMachine, writeSection } from './report.ts';

const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');
const ACCOUNT = '123456789012';
const USERS = 5_000;
const GROUPS = 100;
const POLICIES = 20;
const ROLES = 200;
const RUNS = 3;
const GOAL_SECONDS = 60;

const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(17, '0')}`;
const arn = (type: string, name: string, p = '/') => `arn:aws:iam::${ACCOUNT}:${type}${p}${name}`;
const date = (n: number) =>
  new Date(Date.UTC(2020, 0, 1) + n * 3_600_000).toISOString().replace('.000Z', '+00:00');
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

function user(i: number, tagVariant = 0) {
  const name = `user-${String(i).padStart(5, '0')}`;
  return {
    Path: '/staff/',
    UserName: name,
    UserId: id('AIDA', i),
    Arn: arn('user', name, '/staff/'),
    CreateDate: date(i),
    UserPolicyList: [
      {
        PolicyName: 'own-prefix',
        PolicyDocument: doc({
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: `arn:aws:s3:::home-bucket/${name}/*`,
        }),
      },
    ],
    GroupList: [`group-${i % GROUPS}`],
    AttachedManagedPolicies: [],
    Tags: [
      { Key: 'team', Value: `team-${i % 37}` },
      { Key: 'cost-center', Value: String(4000 + ((i + tagVariant) % 250)) },
    ],
  };
}

function group(g: number) {
  const name = `group-${g}`;
  return {
    Path: '/',
    GroupName: name,
    GroupId: id('AGPA', g),
    Arn: arn('group', name),
    CreateDate: date(g),
    GroupPolicyList: [
      {
        PolicyName: 'team-bucket',
        PolicyDocument: doc({ Effect: 'Allow', Action: 's3:*', Resource: `arn:aws:s3:::team-${g}-*` }),
      },
    ],
    AttachedManagedPolicies: [
      { PolicyName: `policy-${g % POLICIES}`, PolicyArn: arn('policy', `policy-${g % POLICIES}`) },
      ...(g % 10 === 0
        ? [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }]
        : []),
    ],
  };
}

function managedPolicy(p: number) {
  const name = `policy-${p}`;
  const version = (v: number, actions: string[]) => ({
    Document: doc({ Effect: 'Allow', Action: actions, Resource: '*' }),
    VersionId: `v${v}`,
    IsDefaultVersion: v === 2,
    CreateDate: date(p + v),
  });
  return {
    PolicyName: name,
    PolicyId: id('ANPA', p),
    Arn: arn('policy', name),
    Path: '/',
    DefaultVersionId: 'v2',
    AttachmentCount: GROUPS / POLICIES,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: date(p),
    UpdateDate: date(p + 2),
    PolicyVersionList: [
      version(2, [`lambda:InvokeFunction`, `sqs:SendMessage`, `dynamodb:GetItem`]),
      version(1, [`lambda:InvokeFunction`]),
    ],
  };
}

function role(r: number) {
  const name = `service-${r}`;
  const trust = doc({
    Effect: 'Allow',
    Principal: { Service: 'ec2.amazonaws.com' },
    Action: 'sts:AssumeRole',
  });
  return {
    Path: '/service/',
    RoleName: name,
    RoleId: id('AROA', r),
    Arn: arn('role', name, '/service/'),
    CreateDate: date(r),
    AssumeRolePolicyDocument: trust,
    InstanceProfileList: [
      {
        Path: '/service/',
        InstanceProfileName: name,
        InstanceProfileId: id('AIPA', r),
        Arn: arn('instance-profile', name, '/service/'),
        CreateDate: date(r),
        Roles: [
          { Path: '/service/', RoleName: name, RoleId: id('AROA', r), Arn: arn('role', name, '/service/') },
        ],
      },
    ],
    RolePolicyList: [
      {
        PolicyName: 'queue',
        PolicyDocument: doc({
          Effect: 'Allow',
          Action: 'sqs:*',
          Resource: `arn:aws:sqs:*:${ACCOUNT}:${name}-*`,
        }),
      },
    ],
    AttachedManagedPolicies: [],
    Tags: [{ Key: 'service', Value: name }],
    RoleLastUsed: {},
  };
}

function dumpText(users: number[], tagVariant: (i: number) => number): string {
  return JSON.stringify(
    {
      UserDetailList: users.map((i) => user(i, tagVariant(i))),
      GroupDetailList: Array.from({ length: GROUPS }, (_, g) => group(g)),
      RoleDetailList: Array.from({ length: ROLES }, (_, r) => role(r)),
      Policies: Array.from({ length: POLICIES }, (_, p) => managedPolicy(p)),
    },
    null,
    4,
  );
}

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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
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
