// Policy engine benchmark: median ns per decision and decisions per second for one small policy, a realistic
// principal (3 groups, 10 managed policies, ~60 statements with wildcards and conditions) and the worst case
// (20 policies at the 6,144-character managed-policy limit); compile time and memory per compiled policy; and,
// as the peer in the same run, the deliberately simple reference evaluator from the tests.
// Run: node --expose-gc --import tsx bench/policy.ts [name filter]
import { cpus, loadavg } from 'node:os';
import {
  authorize,
  clearCompiledPolicyCache,
  compilePolicyOrThrow,
  parsePolicy,
  policySizeWithoutWhitespace,
  validatePolicy,
} from '../src/policy/index.ts';
import type {
  CompiledPolicy,
  Policy,
  PolicySet,
  RequestInput,
  RequestPrincipal,
} from '../src/policy/index.ts';
import { referenceDecision } from '../test/policy/reference-evaluator.ts';

const ACCOUNT = '111122223333';
const principal: RequestPrincipal = {
  type: 'User',
  arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  account: ACCOUNT,
  username: 'alice',
  userId: 'AIDAEXAMPLEALICE00001',
  tags: { team: 'payments', env: 'prod' },
};

type Stmt = Record<string, unknown>;
const doc = (Statement: Stmt[]): string => JSON.stringify({ Version: '2012-10-17', Statement });

// ---- scenarios -----------------------------------------------------------------------------------------

const small = [doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }])];

const SERVICES = ['s3', 'ec2', 'dynamodb', 'sqs', 'sns', 'lambda', 'logs', 'kms', 'cloudwatch', 'iam'];
const VERBS = ['Get', 'List', 'Describe', 'Put', 'Create', 'Delete', 'Update', 'Tag'];

function realisticPolicies(): string[] {
  const policies: string[] = [];
  let n = 0;
  // 10 managed policies + 3 group inline + 1 user inline ≈ 60 statements.
  for (let p = 0; p < 14; p++) {
    const statements: Stmt[] = [];
    for (let s = 0; s < (p < 10 ? 4 : 6); s++, n++) {
      const service = SERVICES[(p + s) % SERVICES.length] as string;
      const verb = VERBS[(p * 3 + s) % VERBS.length] as string;
      const st: Stmt = {
        Sid: `S${n}`,
        Effect: n % 9 === 8 ? 'Deny' : 'Allow',
        Action:
          n % 4 === 0
            ? [`${service}:${verb}*`, `${service}:Describe*`]
            : `${service}:${verb}${['Item', 'Object', 'Queue', 'Function'][n % 4]}`,
        Resource:
          n % 5 === 0
            ? '*'
            : service === 's3'
              ? [`arn:aws:s3:::app-${n}-*`, `arn:aws:s3:::app-${n}-*/\${aws:username}/*`]
              : `arn:aws:${service}:*:${ACCOUNT}:*${n}*`,
      };
      if (n % 3 === 0)
        st['Condition'] = { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } };
      if (n % 7 === 0)
        st['Condition'] = {
          Bool: { 'aws:SecureTransport': 'true' },
          StringEquals: { 'aws:PrincipalTag/team': '${aws:PrincipalTag/team}' },
        };
      if (n % 11 === 0) st['Condition'] = { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.0.2.0/24'] } };
      statements.push(st);
    }
    policies.push(doc(statements));
  }
  return policies;
}

function worstCasePolicies(): string[] {
  const policies: string[] = [];
  for (let p = 0; p < 20; p++) {
    const statements: Stmt[] = [];
    let i = 0;
    for (;;) {
      const st: Stmt = {
        Sid: `P${p}S${i}`,
        Effect: 'Allow',
        Action: [`*:*Thing${i}*`, `svc${i}:*Get?Widget*`],
        NotResource: [`arn:aws:*:*:*:never-${p}-${i}-*`],
        Condition: {
          'ForAnyValue:StringLike': { 'aws:TagKeys': [`tag-${i}-*`, `other-*-${i}`] },
          StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/team': `team-${i}` },
        },
      };
      const next = doc([...statements, st]);
      if (policySizeWithoutWhitespace(next) > 6144) break;
      statements.push(st);
      i++;
    }
    policies.push(doc(statements));
  }
  return policies;
}

// ---- measurement ---------------------------------------------------------------------------------------

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/**
 * Times batches of decisions by wall clock and by this process's CPU time (user + system). On a shared
 * machine the CPU-time figure is the one that does not count time spent waiting for a core.
 */
function measure(
  run: () => void,
  batch: number,
  batches: number,
): { medianNs: number; cpuNs: number; perSecond: number } {
  for (let i = 0; i < batch * 5; i++) run(); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let b = 0; b < batches; b++) {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) run();
    wall.push(Number(process.hrtime.bigint() - t) / batch);
    const used = process.cpuUsage(c);
    cpu.push(((used.user + used.system) * 1000) / batch);
  }
  const m = median(wall);
  return { medianNs: m, cpuNs: median(cpu), perSecond: 1e9 / m };
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

interface Row {
  scenario: string;
  policies: number;
  statements: number;
  engineNs: number;
  engineCpuNs: number;
  enginePerSec: number;
  peerNs: number;
  compileUs: number;
  bytesPerPolicy: number | undefined;
}

function scenario(name: string, texts: string[], requests: RequestInput[], batch: number): Row {
  // Compile time: fresh compilations (cache cleared), median over repetitions.
  const compileTimes: number[] = [];
  for (let r = 0; r < 30; r++) {
    clearCompiledPolicyCache();
    const t = process.hrtime.bigint();
    for (const [i, text] of texts.entries()) compilePolicyOrThrow(text, { id: `p${i}` });
    compileTimes.push(Number(process.hrtime.bigint() - t) / texts.length / 1000);
  }
  // Memory per compiled policy: heap growth over many distinct compilations.
  let bytesPerPolicy: number | undefined;
  if ((globalThis as { gc?: () => void }).gc) {
    clearCompiledPolicyCache();
    gc();
    const before = process.memoryUsage().heapUsed;
    const keep: CompiledPolicy[] = [];
    const copies = Math.max(1, Math.floor(2000 / texts.length));
    for (let c = 0; c < copies; c++)
      for (const [i, text] of texts.entries())
        keep.push(compilePolicyOrThrow(`${text}${' '.repeat(c)}`, { id: `p${i}` }));
    gc();
    bytesPerPolicy = (process.memoryUsage().heapUsed - before) / keep.length;
    clearCompiledPolicyCache();
  }
  const compiled = texts.map((t, i) => compilePolicyOrThrow(t, { id: `p${i}` }));
  const set: PolicySet = { identity: compiled };
  let k = 0;
  const engine = measure(
    () => {
      authorize(set, requests[k++ % requests.length] as RequestInput);
    },
    batch,
    41,
  );
  const trees: Policy[] = texts.map((t) => {
    const r = parsePolicy(t);
    if (!r.ok) throw new Error('bench policy does not parse');
    return r.policy;
  });
  k = 0;
  const peer = measure(
    () => {
      referenceDecision({ identity: trees }, requests[k++ % requests.length] as RequestInput);
    },
    Math.max(10, Math.floor(batch / 50)),
    11,
  );
  return {
    scenario: name,
    policies: texts.length,
    statements: trees.reduce((n, t) => n + t.statements.length, 0),
    engineNs: engine.medianNs,
    engineCpuNs: engine.cpuNs,
    enginePerSec: engine.perSecond,
    peerNs: peer.medianNs,
    compileUs: median(compileTimes),
    bytesPerPolicy,
  };
}

const req = (action: string, resource: string, extra: Partial<RequestInput> = {}): RequestInput => ({
  action,
  resource,
  principal,
  globals: {
    currentTime: new Date('2026-01-01T00:00:00Z'),
    secureTransport: true,
    sourceIp: '10.1.2.3',
    requestedRegion: 'eu-west-1',
  },
  ...extra,
});

const realisticRequests: RequestInput[] = [
  req('s3:GetObject', `arn:aws:s3:::app-1-data/alice/report.csv`),
  req('dynamodb:GetItem', `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders12`),
  req('ec2:DescribeInstances', '*'),
  req('sqs:SendMessage', `arn:aws:sqs:eu-west-1:${ACCOUNT}:queue-3`),
  req('iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/bob`),
  req('lambda:InvokeFunction', `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:f`),
  req('kms:Decrypt', `arn:aws:kms:eu-west-1:${ACCOUNT}:key/k-1`),
  req('logs:PutLogEvents', `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:app:*`),
];

const only = process.argv[2];
const startLoad = loadavg()[0] ?? 0;
const all: [string, () => Row][] = [
  [
    'one small policy',
    () =>
      scenario('one small policy', small, [req('s3:GetObject', 'arn:aws:s3:::reports/2026/q1.pdf')], 20000),
  ],
  [
    'realistic principal',
    () => scenario('realistic principal', realisticPolicies(), realisticRequests, 5000),
  ],
  [
    'worst case (20 policies at the size limit)',
    () =>
      scenario(
        'worst case (20 policies at the size limit)',
        worstCasePolicies(),
        [
          req('svc1:GetWidget', `arn:aws:svc1:eu-west-1:${ACCOUNT}:widget/w`, {
            keys: { 'aws:TagKeys': ['x', 'y'] },
          }),
        ],
        200,
      ),
  ],
];
const rows = all.filter(([name]) => !only || name.includes(only)).map(([, run]) => run());

const cpu = cpus()[0]?.model ?? 'unknown';
console.log(`machine: ${cpus().length} CPUs, ${cpu}, node ${process.version}`);
console.log(
  `load average at the start: ${startLoad.toFixed(2)}, at the end: ${(loadavg()[0] ?? 0).toFixed(2)}`,
);
console.log(
  '| scenario | policies | statements | median ns/decision (wall) | median ns/decision (CPU time) | decisions/s (wall) | reference evaluator ns/decision (wall) | compile µs/policy | heap bytes/compiled policy |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.scenario} | ${r.policies} | ${r.statements} | ${Math.round(r.engineNs)} | ${Math.round(r.engineCpuNs)} | ${Math.round(r.enginePerSec).toLocaleString('en-US')} | ${Math.round(r.peerNs)} | ${r.compileUs.toFixed(1)} | ${r.bytesPerPolicy === undefined ? 'run with --expose-gc' : Math.round(r.bytesPerPolicy).toLocaleString('en-US')} |`,
  );
}

// Validation (the analyzer's findings, backed by the action catalogue): 1,000 realistic policies, the first
// pass paying for reading the catalogue's files, then warm passes.
if (!only || 'validate'.includes(only)) {
  const base = realisticPolicies();
  const texts = Array.from({ length: 1000 }, (_, i) =>
    (base[i % base.length] as string).replaceAll('"S', `"V${i}S`),
  );
  const pass = (): number => {
    const t0 = process.hrtime.bigint();
    let findings = 0;
    for (const t of texts) findings += validatePolicy(t, 'identity').length;
    if (findings === 0) throw new Error('expected findings');
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const cold = pass();
  const warm = median(Array.from({ length: 5 }, pass));
  console.log(
    `validatePolicy, 1,000 realistic policies: first pass ${cold.toFixed(1)} ms (reads the catalogue), then median ${warm.toFixed(1)} ms (${((warm * 1000) / texts.length).toFixed(1)} µs/policy)`,
  );
}
