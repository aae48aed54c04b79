// Policy engine benchmark: median ns per decision and decisions per second for one small policy, a realistic
// principal (3 groups, 10 managed policies, ~60 statements with wildcards and conditions) and the worst case
// (20 policies at the 6,144-character managed-policy limit); compile time and memory per compiled policy; and,
// as the peer in the same run, the deliberately simple reference evaluator from the tests. Then the cost of a
// decision against the number of policies (1 to 20) and statements (1 to 440), with statements the action
// index narrows and with statements that defeat it; and pathological wildcard patterns (many `*`, `?` runs)
// against resources up to the 2,048-character ARN limit, in time and in the matcher's counted steps.
// Run: node --expose-gc --import tsx bench/policy.ts [name filter]  (filters: a scenario, "validate",
// "scaling", "patterns")
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
import { matchSteps } from '../src/policy/glob-pattern.ts';
import { referenceDecision } from '../test/policy/reference-evaluator.ts';
import { median } from './report.ts';

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
const startedAt = new Date();
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
console.log(
  `machine: ${cpus().length} CPUs, ${cpu}, node ${process.version}; started ${startedAt.toISOString()}`,
);
console.log(
  `load average at the start: ${startLoad.toFixed(2)}, after the scenarios: ${(loadavg()[0] ?? 0).toFixed(2)}`,
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

// ---- scaling: policies × statements ------------------------------------------------------------------

/**
 * Times `run` in batches of about 20 ms (calibrated; CPU time is accounted in ticks of a few ms), 11 of them
 * after a warm-up: median ns per call by wall clock and by CPU time. Short enough for the many cells of the
 * scaling tables.
 */
function measureQuick(run: () => void): { wallNs: number; cpuNs: number } {
  let batch = 1;
  for (;;) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) run();
    const ns = Number(process.hrtime.bigint() - t);
    if (ns >= 2e7 || batch >= 1 << 22) break;
    batch = Math.max(batch * 2, Math.ceil((batch * 2e7) / Math.max(ns, 1)));
  }
  const m = measure(run, batch, 11);
  return { wallNs: m.medianNs, cpuNs: m.cpuNs };
}

const POLICY_COUNTS = [1, 2, 5, 10, 20];
const STATEMENT_COUNTS = [1, 10, 50, 100, 220, 440];

/**
 * Statement i of an indexable set: one service of ten, a literal action (every fourth also `Describe*` of its
 * service), a resource pattern with a wildcard, a condition on every third. A request's action reaches
 * only the statements of its service.
 */
function indexableStatement(i: number): Stmt {
  const service = SERVICES[i % SERVICES.length] as string;
  const verb = VERBS[i % VERBS.length] as string;
  const st: Stmt = {
    Sid: `I${i}`,
    Effect: i % 9 === 8 ? 'Deny' : 'Allow',
    Action:
      i % 4 === 0 ? [`${service}:${verb}Thing${i}`, `${service}:Describe*`] : `${service}:${verb}Thing${i}`,
    Resource: `arn:aws:${service}:*:${ACCOUNT}:thing-${i % 37}-*`,
  };
  if (i % 3 === 0)
    st['Condition'] = { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } };
  return st;
}

/** Statement i of a set the action index cannot narrow: service wildcards, NotResource, two conditions. */
function unindexableStatement(i: number): Stmt {
  return {
    Sid: `U${i}`,
    Effect: 'Allow',
    Action: [`*:*Thing${i}*`, `svc${i}:*Get?Widget*`],
    NotResource: [`arn:aws:*:*:*:never-${i}-*`],
    Condition: {
      'ForAnyValue:StringLike': { 'aws:TagKeys': [`tag-${i}-*`, `other-*-${i}`] },
      StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/team': `team-${i}` },
    },
  };
}

/** `statements` statements spread as evenly as can be over `policies` policies, in order. */
function spread(policies: number, statements: number, make: (i: number) => Stmt): string[] {
  const texts: string[] = [];
  let next = 0;
  for (let p = 0; p < policies; p++) {
    const count = Math.floor(((p + 1) * statements) / policies) - Math.floor((p * statements) / policies);
    texts.push(doc(Array.from({ length: count }, () => make(next++))));
  }
  return texts;
}

const indexableRequests: RequestInput[] = [
  req('s3:GetThing0', `arn:aws:s3:eu-west-1:${ACCOUNT}:thing-0-a`),
  req('ec2:ListThing1', `arn:aws:ec2:eu-west-1:${ACCOUNT}:thing-1-a`),
  req('dynamodb:DescribeTable', `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:thing-2-a`),
  req('sqs:PutThing3', `arn:aws:sqs:eu-west-1:${ACCOUNT}:other`),
  req('sns:Publish', `arn:aws:sns:eu-west-1:${ACCOUNT}:topic`),
  req('lambda:UpdateThing225', `arn:aws:lambda:eu-west-1:${ACCOUNT}:thing-3-a`),
  req('kms:Decrypt', `arn:aws:kms:eu-west-1:${ACCOUNT}:key/k-1`),
  req('iam:TagThing439', `arn:aws:iam::${ACCOUNT}:thing-32-a`),
];
const unindexableRequests: RequestInput[] = [
  req('svc1:GetWidget', `arn:aws:svc1:eu-west-1:${ACCOUNT}:widget/w`, {
    keys: { 'aws:TagKeys': ['x', 'y'] },
  }),
];

function scalingTable(title: string, make: (i: number) => Stmt, requests: RequestInput[]): void {
  const cells = new Map<string, { wallNs: number; cpuNs: number }>();
  for (const statements of STATEMENT_COUNTS)
    for (const policies of POLICY_COUNTS) {
      if (policies > statements) continue;
      clearCompiledPolicyCache();
      const compiled = spread(policies, statements, make).map((t, i) =>
        compilePolicyOrThrow(t, { id: `p${i}` }),
      );
      const set: PolicySet = { identity: compiled };
      let k = 0;
      cells.set(
        `${statements}/${policies}`,
        measureQuick(() => {
          authorize(set, requests[k++ % requests.length] as RequestInput);
        }),
      );
    }
  console.log(`\n${title}: median ns/decision by CPU time (by wall clock in brackets)\n`);
  console.log(
    `| statements | ${POLICY_COUNTS.map((p) => `${p} ${p === 1 ? 'policy' : 'policies'}`).join(' | ')} |`,
  );
  console.log(`| ---: | ${POLICY_COUNTS.map(() => '---:').join(' | ')} |`);
  for (const statements of STATEMENT_COUNTS) {
    const row = POLICY_COUNTS.map((policies) => {
      const c = cells.get(`${statements}/${policies}`);
      return c
        ? `${Math.round(c.cpuNs).toLocaleString('en-US')} (${Math.round(c.wallNs).toLocaleString('en-US')})`
        : '–';
    });
    console.log(`| ${statements} | ${row.join(' | ')} |`);
  }
}

if (!only || 'scaling'.includes(only)) {
  scalingTable(
    'Decisions by policies × statements, statements the action index narrows (literal actions over 10 services)',
    indexableStatement,
    indexableRequests,
  );
  scalingTable(
    'Decisions by policies × statements, statements that defeat the action index (`*:*Thing*`, NotResource, 2 conditions)',
    unindexableStatement,
    unindexableRequests,
  );
}

// ---- pathological wildcard patterns against long resources ----------------------------------------------

const RESOURCE_LENGTHS = [64, 256, 1024, 2048];
const S3 = 'arn:aws:s3:::';

interface PatternCase {
  name: string;
  pattern: string;
  /** The resource of the given total length (the bucket and key part filled to reach it). */
  resource: (length: number) => string;
}

const fill = (ch: string, length: number, tail = ''): string =>
  `${S3}${ch.repeat(Math.max(0, length - S3.length - tail.length))}${tail}`;

const PATTERN_CASES: PatternCase[] = [
  {
    name: '`arn:aws:s3:::*a*a*a*a*a*a*a*a*b`, resource `aaa…a` (the last piece fails at once)',
    pattern: `${S3}*a*a*a*a*a*a*a*a*b`,
    resource: (n) => fill('a', n),
  },
  {
    name: '`arn:aws:s3:::*a*a*a*a*a*a*a*a*b*`, resource `aaa…a` (the `b` searched through all of it)',
    pattern: `${S3}*a*a*a*a*a*a*a*a*b*`,
    resource: (n) => fill('a', n),
  },
  {
    name: '`arn:aws:s3:::*a*a*a*a*a*a*a*a*b`, resource `xxx…xab` (each `a` searched through all of it)',
    pattern: `${S3}*a*a*a*a*a*a*a*a*b`,
    resource: (n) => fill('x', n, 'ab'),
  },
  {
    name: '200 stars: `arn:aws:s3:::*a*a…*a*b*` (403 pattern characters in the resource segment)',
    pattern: `${S3}${'*a'.repeat(200)}*b*`,
    resource: (n) => fill('a', n),
  },
  {
    name: 'a run of 30 `?`: `arn:aws:s3:::*??…?b*`',
    pattern: `${S3}*${'?'.repeat(30)}b*`,
    resource: (n) => fill('a', n),
  },
  {
    name: 'a run of 200 `?`: `arn:aws:s3:::*??…?b*`',
    pattern: `${S3}*${'?'.repeat(200)}b*`,
    resource: (n) => fill('a', n),
  },
  {
    name: 'a 1,000-character `?` piece: `arn:aws:s3:::*a?a?…a?b*`',
    pattern: `${S3}*${'a?'.repeat(500)}b*`,
    resource: (n) => fill('a', n),
  },
  {
    name: 'a 31-character literal piece: `arn:aws:s3:::*aaa…ab*`',
    pattern: `${S3}*${'a'.repeat(30)}b*`,
    resource: (n) => fill('a', n),
  },
];

if (!only || 'patterns'.includes(only)) {
  console.log(
    '\nPathological Resource patterns: median ns/decision by CPU time (matching steps of the resource segment in brackets)\n',
  );
  console.log(
    `| pattern | ${RESOURCE_LENGTHS.map((n) => `resource of ${n.toLocaleString('en-US')} characters`).join(' | ')} |`,
  );
  console.log(`| --- | ${RESOURCE_LENGTHS.map(() => '---:').join(' | ')} |`);
  for (const c of PATTERN_CASES) {
    clearCompiledPolicyCache();
    const policy = compilePolicyOrThrow(
      doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: c.pattern }]),
      {
        id: 'p',
      },
    );
    const set: PolicySet = { identity: [policy] };
    // warm-up over every length first, so that the shortest resource does not pay for the compiler
    for (let i = 0; i < 400; i++)
      for (const n of RESOURCE_LENGTHS) authorize(set, req('s3:GetObject', c.resource(n)));
    const row = RESOURCE_LENGTHS.map((n) => {
      const resource = c.resource(n);
      const r = req('s3:GetObject', resource);
      const decision = authorize(set, r).decision;
      const m = measureQuick(() => {
        authorize(set, r);
      });
      // the resource segment: everything after the five colons of `arn:aws:s3:::`
      const steps = matchSteps(c.pattern.slice(S3.length), resource.slice(S3.length)).steps;
      return `${Math.round(m.cpuNs).toLocaleString('en-US')} (${steps.toLocaleString('en-US')})${decision === 'Allow' ? ' allowed' : ''}`;
    });
    console.log(`| ${c.name} | ${row.join(' | ')} |`);
  }
}

console.log(
  `\nended ${new Date().toISOString()}; load average at the end: ${(loadavg()[0] ?? 0).toFixed(2)} (1 min), ${loadavg()
    .map((x) => x.toFixed(2))
    .join(', ')} (1, 5, 15 min)`,
);
