// Escalation graph benchmark: `tessera graph` on a 5,000-user account — the dump bench/import.ts
// imports (bench/authz-details-dump.ts) with a few escalation paths planted in it (a user that can
// rewrite its own policy, sts:AssumeRole of an admin role, iam:PassRole to Lambda, another admin's
// access key, a role trusting one user) — imported into a SQLite store, then timed: building the graph
// (buildEscalationGraph), the paths to admin and the paths to one role (findPaths). Prints the nodes,
// edges and milliseconds of each step and the process's peak RSS, and writes the "## Graph" section of
// bench/RESULTS.md (each edge family's share of the build timed inside it). GRAPH_BENCH_USERS=1000 runs a
// smaller account; GRAPH_BENCH_WRITE=0 leaves RESULTS.md alone.
// Run: npm run bench:graph
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, buildEscalationGraph, EDGE_FAMILIES, findPaths } from '../src/analysis/graph/index.ts';
import { DEFAULT_QUOTAS } from '../src/config/defaults.ts';
import { importAuthorizationDetails } from '../src/domain/index.ts';
import { openStore } from '../src/store/index.ts';
import {
  ACCOUNT,
  arn,
  authorizationDetails,
  date,
  doc,
  GROUPS,
  id,
  POLICIES,
  ROLES,
  USERS,
} from './authz-details-dump.ts';
import { describeMachine, writeSection } from './report.ts';

const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');
const users = Number(process.env.GRAPH_BENCH_USERS ?? USERS);
const REGION = 'us-east-1';

/** A user of the planted paths: an inline policy of `statements`. */
function plantedUser(n: number, name: string, statements: unknown[]) {
  return {
    Path: '/',
    UserName: name,
    UserId: id('AIDAPLANT', n),
    Arn: arn('user', name),
    CreateDate: date(n),
    UserPolicyList: [{ PolicyName: 'planted', PolicyDocument: doc(...statements) }],
    GroupList: [],
    AttachedManagedPolicies: [],
    Tags: [],
  };
}

function plantedRole(n: number, name: string, trusted: object, statements: unknown[]) {
  return {
    Path: '/',
    RoleName: name,
    RoleId: id('AROAPLANT', n),
    Arn: arn('role', name),
    CreateDate: date(n),
    AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: trusted, Action: 'sts:AssumeRole' }),
    InstanceProfileList: [],
    RolePolicyList: [{ PolicyName: 'planted', PolicyDocument: doc(...statements) }],
    AttachedManagedPolicies: [],
    Tags: [],
    RoleLastUsed: {},
  };
}

const allow = (Action: string | string[], Resource = '*') => ({ Effect: 'Allow', Action, Resource });
const TARGET_ROLE = arn('role', 'payments');

function dump(): string {
  const d = authorizationDetails(
    Array.from({ length: users }, (_, i) => i),
    () => 0,
  );
  d.UserDetailList.push(
    // one step: rewrites its own inline policy
    plantedUser(1, 'self-editor', [allow('iam:PutUserPolicy', arn('user', 'self-editor'))]),
    // assumes an admin role
    plantedUser(2, 'ci', [allow('sts:AssumeRole', arn('role', 'ops-admin'))]),
    // passes an admin role to Lambda and runs it
    plantedUser(3, 'builder', [
      allow('iam:PassRole', arn('role', 'fn-admin')),
      allow(['lambda:CreateFunction', 'lambda:InvokeFunction']),
    ]),
    // makes an access key of an admin user
    plantedUser(4, 'helpdesk', [allow('iam:CreateAccessKey', arn('user', 'boss'))]),
    plantedUser(5, 'boss', [allow('*')]),
    // the one user the payments role trusts
    plantedUser(6, 'payments-dev', [allow('sts:AssumeRole', TARGET_ROLE)]),
  );
  d.RoleDetailList.push(
    plantedRole(1, 'ops-admin', { AWS: arn('user', 'ci') }, [allow('*')]),
    plantedRole(2, 'fn-admin', { Service: 'lambda.amazonaws.com' }, [allow('*')]),
    plantedRole(3, 'payments', { AWS: arn('user', 'payments-dev') }, [allow('dynamodb:*')]),
  );
  return JSON.stringify(d, null, 4);
}

const rssMiB = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);
async function timed<T>(f: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await f();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

// each edge family's share of the build: its find() timed inside the one build
const familyMs = new Map<string, number>();
for (const family of EDGE_FAMILIES) {
  const find = family.find.bind(family);
  family.find = async (ctx) => {
    const { ms, value } = await timed(() => find(ctx));
    familyMs.set(family.kind, ms);
    return value;
  };
}

const machine = describeMachine('not used');
const dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-bench-graph-'));
const store = await openStore({ dataDir });
try {
  const text = dump();
  const imported = await timed(() =>
    importAuthorizationDetails(store, text, { quotas: DEFAULT_QUOTAS, now: new Date() }),
  );
  console.log(`import: ${imported.ms.toFixed(0)} ms (${users} + 6 users, ${ROLES} + 3 roles)`);
  const built = await timed(() =>
    buildEscalationGraph({ store }, { accountId: ACCOUNT, now: new Date(), region: REGION }),
  );
  const graph = built.value;
  const nodes = graph.nodes.size;
  const edges = graph.edges.length;
  const edgesOf = (kind: string) => graph.edges.filter((e) => e.kind === kind).length;
  console.log(
    `buildEscalationGraph: ${built.ms.toFixed(0)} ms, ${nodes} nodes, ${edges} edges, peak RSS ${rssMiB()} MiB`,
  );
  for (const [kind, ms] of familyMs) console.log(`  ${kind}: ${ms.toFixed(0)} ms, ${edgesOf(kind)} edges`);
  const toAdmin = await timed(() => findPaths(graph, ADMIN));
  console.log(
    `findPaths to admin: ${toAdmin.ms.toFixed(1)} ms, ${toAdmin.value.length} paths, peak RSS ${rssMiB()} MiB`,
  );
  const toRole = await timed(() => findPaths(graph, TARGET_ROLE));
  console.log(
    `findPaths to role/payments: ${toRole.ms.toFixed(1)} ms, ${toRole.value.length} paths, peak RSS ${rssMiB()} MiB`,
  );
  const starts = (ps: typeof toAdmin.value) =>
    ps.map((p) => graph.label(p.from).replace(/^user\/|^role\//, '')).join(', ');
  console.log(`  to admin from: ${starts(toAdmin.value)}`);
  console.log(`  to role/payments from: ${starts(toRole.value)}`);
  if (toAdmin.value.length < 5) throw new Error('the planted paths to admin were not all found');

  if (process.env.GRAPH_BENCH_WRITE !== '0')
    await writeSection(
      RESULTS,
      '## Graph',
      [
        '## Graph',
        '',
        `Measured ${machine.date} with \`npm run bench:graph\` (bench/graph.ts) on ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}; load average ${machine.loadAverage} when the run began.`,
        '',
        `The escalation graph of a ${users.toLocaleString('en-US')}-user account: ${nodes.toLocaleString('en-US')} nodes, ${edges.toLocaleString('en-US')} edges, built in ${(built.ms / 1000).toFixed(1)} s; peak RSS ${rssMiB()} MiB.`,
        '',
        '| Step | ms | Result |',
        '| --- | ---: | --- |',
        `| buildEscalationGraph | ${built.ms.toFixed(0)} | ${nodes} nodes, ${edges} edges |`,
        ...[...familyMs].map(
          ([kind, ms]) => `| of which edge family ${kind} | ${ms.toFixed(0)} | ${edgesOf(kind)} edges |`,
        ),
        `| findPaths to admin | ${toAdmin.ms.toFixed(1)} | ${toAdmin.value.length} paths |`,
        `| findPaths to role/payments | ${toRole.ms.toFixed(1)} | ${toRole.value.length} paths |`,
        '',
        `How: the dump bench/import.ts imports (bench/authz-details-dump.ts: ${users.toLocaleString('en-US')} users, ${GROUPS} groups, ${POLICIES} customer managed policies, ${ROLES} roles) with six users and three roles added for planted paths — a user allowed iam:PutUserPolicy on itself, a user that assumes an admin role, one that passes an admin role to Lambda and runs it, one allowed iam:CreateAccessKey on an admin user, an admin user, and a role trusting one user — imported into a SQLite store in a temporary directory; then \`buildEscalationGraph\` and \`findPaths\` (what \`tessera graph\` runs) once each in the benchmark's process. Each edge family's time is its part of that one build. Peak RSS is the process's maximum resident set (getrusage), the import included.`,
      ].join('\n'),
    );
} finally {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
}
