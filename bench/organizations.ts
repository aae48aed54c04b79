// Organizations benchmark: the cost of one authorization decision (Authorizer.decide: the principal's
// policies, the organization view, the engine) for a user of an account in no organization, against
// the same user and request in a member account governed by SCPs at three levels (root, OU, account)
// and an RCP, in the same run. The organization is built through the real Organizations API.
// Run: npm run bench:organizations
import {
  AcceptHandshakeCommand,
  AttachPolicyCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand,
  EnablePolicyTypeCommand,
  InviteAccountToOrganizationCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import {
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
  type User,
} from '@aws-sdk/client-iam';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/index.ts';
import { ensureAccount, type Principal } from '../src/domain/index.ts';
import { startServer } from '../src/server/index.ts';
import { describeMachine, median, writeSection } from './report.ts';

const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');
const OUTSIDE = '210000000001';
const MEMBER = '210000000002';
const ROOT = {
  accessKeyId: 'AKIABENCHORGROOT0001',
  secretAccessKey: 'benchrootsecretbenchrootsecretbenchroot0',
};
const rootOf = (account: string) => ({
  accessKeyId: `AKIABENCH${account.slice(1)}`,
  secretAccessKey: `benchsecret${account}`.padEnd(40, 'x'),
});
const DECISIONS = 20_000;
const RUNS = 5;
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });

const server = await startServer(
  {
    ...loadConfig({}, {}),
    port: 0,
    dataDir: mkdtempSync(path.join(tmpdir(), 'tessera-bench-orgs-')),
    rootAccessKeyId: ROOT.accessKeyId,
    rootSecretAccessKey: ROOT.secretAccessKey,
    dev: false,
  },
  { logDestination: new Writable({ write: (_c, _e, cb) => cb() }) },
);
const clients = (credentials: { accessKeyId: string; secretAccessKey: string }) => ({
  iam: new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 }),
  org: new OrganizationsClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 }),
});

/** A user allowed what the benchmark asks, and a role it may assume, in `account`. */
async function principalIn(account: string): Promise<{ principal: Principal; trust: string }> {
  await ensureAccount(server.store, server.services.sealer, account, new Date(), rootOf(account));
  const { iam } = clients(rootOf(account));
  const user: User = (await iam.send(new CreateUserCommand({ UserName: 'alice' }))).User!;
  await iam.send(
    new PutUserPolicyCommand({
      UserName: 'alice',
      PolicyName: 'work',
      PolicyDocument: doc(
        { Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' },
        { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${account}:role/*` },
      ),
    }),
  );
  const trust = doc({
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${account}:root` },
    Action: 'sts:AssumeRole',
  });
  await iam.send(new CreateRoleCommand({ RoleName: 'target', AssumeRolePolicyDocument: trust }));
  return {
    principal: {
      type: 'user',
      accountId: account,
      arn: user.Arn!,
      id: user.UserId!,
      userName: 'alice',
      path: '/',
    },
    trust,
  };
}

const outside = await principalIn(OUTSIDE);
const member = await principalIn(MEMBER);

// the organization: SCPs on the root, an OU and the account; an RCP on the root
const { org } = clients(ROOT);
const orgId = (await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }))).Organization!.Id!;
const rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
for (const PolicyType of ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'] as const)
  await org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType }));
const ou = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'workloads' })))
  .OrganizationalUnit!.Id!;
const handshake = (
  await org.send(new InviteAccountToOrganizationCommand({ Target: { Id: MEMBER, Type: 'ACCOUNT' } }))
).Handshake!.Id!;
await clients(rootOf(MEMBER)).org.send(new AcceptHandshakeCommand({ HandshakeId: handshake }));
await org.send(
  new MoveAccountCommand({ AccountId: MEMBER, SourceParentId: rootId, DestinationParentId: ou }),
);
const policy = async (
  Type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY',
  content: string,
  target: string,
) => {
  const id = (
    await org.send(
      new CreatePolicyCommand({ Name: `p-${target}-${Type}`, Description: '', Type, Content: content }),
    )
  ).Policy!.PolicySummary!.Id!;
  await org.send(new AttachPolicyCommand({ PolicyId: id, TargetId: target }));
};
await policy(
  'SERVICE_CONTROL_POLICY',
  doc({ Effect: 'Deny', Action: 'iam:DeleteAccountPasswordPolicy', Resource: '*' }),
  rootId,
);
await policy(
  'SERVICE_CONTROL_POLICY',
  doc({
    Effect: 'Deny',
    Action: 'iam:*',
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
  }),
  ou,
);
await policy(
  'SERVICE_CONTROL_POLICY',
  doc({ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }),
  MEMBER,
);
await policy(
  'RESOURCE_CONTROL_POLICY',
  doc({
    Effect: 'Deny',
    Principal: '*',
    Action: 'sts:AssumeRole',
    Resource: '*',
    Condition: {
      StringNotEqualsIfExists: { 'aws:PrincipalOrgID': orgId },
      Bool: { 'aws:PrincipalIsAWSService': 'false' },
    },
  }),
  rootId,
);

const request = { now: new Date(), sourceIp: '127.0.0.1', secureTransport: false, region: 'us-east-1' };
const questions = (p: { principal: Principal; trust: string }) => ({
  listUsers: {
    principal: p.principal,
    action: 'iam:ListUsers',
    resource: `arn:aws:iam::${p.principal.accountId}:user/`,
    request,
  },
  assumeRole: {
    principal: p.principal,
    action: 'sts:AssumeRole',
    resource: `arn:aws:iam::${p.principal.accountId}:role/target`,
    resourcePolicy: { document: p.trust, id: 'trust', required: true },
    request,
  },
});

async function nsPerDecision(
  q: Parameters<typeof server.services.authorizer.decide>[0],
  expect: string,
): Promise<number> {
  const authorizer = server.services.authorizer;
  for (let i = 0; i < 2_000; i++) await authorizer.decide(q);
  const start = process.hrtime.bigint();
  let decision = '';
  for (let i = 0; i < DECISIONS; i++) decision = (await authorizer.decide(q)).decision;
  const ns = Number(process.hrtime.bigint() - start) / DECISIONS;
  if (decision !== expect) throw new Error(`${q.action}: expected ${expect}, got ${decision}`);
  return ns;
}

const cases = [
  ['iam:ListUsers', 'listUsers', 'SCPs at three levels'],
  ['sts:AssumeRole (trust policy)', 'assumeRole', 'SCPs at three levels and an RCP'],
] as const;
const machine = describeMachine('not used');
const rows: string[] = [];
const ratios: string[] = [];
for (const [label, key, governed] of cases) {
  const base: number[] = [];
  const org: number[] = [];
  // alternate the two so that load on the machine falls on both alike
  for (let r = 0; r < RUNS; r++) {
    base.push(await nsPerDecision(questions(outside)[key], 'Allow'));
    org.push(await nsPerDecision(questions(member)[key], 'Allow'));
  }
  const ratio = median(org) / median(base);
  rows.push(`| ${label} | no organization | ${Math.round(median(base))} |`);
  rows.push(`| ${label} | member account: ${governed} | ${Math.round(median(org))} |`);
  ratios.push(`${label} ${ratio.toFixed(2)}×`);
  console.log(
    `${label}: ${Math.round(median(base))} ns without, ${Math.round(median(org))} ns with (${ratio.toFixed(2)}×)`,
  );
}
await server.stop();
rmSync(server.services.config.dataDir, { recursive: true, force: true });

await writeSection(
  RESULTS,
  '## Organizations',
  [
    '## Organizations',
    '',
    `Measured ${machine.date} with \`npm run bench:organizations\` (bench/organizations.ts) on ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}; load average ${machine.loadAverage} when the run began.`,
    '',
    `Cost of a decision with organization policies, as a multiple of the same decision without: ${ratios.join(', ')} (goal ≤ 1.5×).`,
    '',
    '| Request | Principal | median ns/decision |',
    '| --- | --- | ---: |',
    ...rows,
    '',
    `How: one \`tessera serve\` in the benchmark's process (SQLite). The same user (an inline policy allowing iam:Get*/List* and sts:AssumeRole on its account's roles) and the same requests exist in an account outside any organization and in a member account under an OU. The organization, built through the Organizations API, has SCPs enabled with FullAWSAccess on every level plus a deny-list SCP on the root, on the OU (a condition on aws:RequestedRegion) and on the account, and RCPs enabled with RCPFullAWSAccess plus a deny RCP on the root (conditions on aws:PrincipalOrgID and aws:PrincipalIsAWSService). Each figure is the median of ${RUNS} runs of ${DECISIONS.toLocaleString('en-US')} calls of Authorizer.decide (after 2,000 warm-up calls), the two principals alternating; every answer is checked to be Allow. Caches are warm, as on a serving node: the figures are the per-request cost of loading nothing, with the organization view (levels compiled once per account, dropped by the change feed) read from memory.`,
  ].join('\n'),
);
