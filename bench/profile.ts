// CPU profile of a serving node under load (GetCallerIdentity, or another of the cluster bench's operations): `tessera serve` runs with --cpu-prof in
// its own process (compiled, as `npm start` runs it, or through tsx from any checkout, for a "before"
// figure), autocannon drives it from another process with one pre-signed request, and the profile's
// self time is summed by where it was spent (SigV4, node:crypto, socket writes, HTTP parsing, logging,
// audit, policy …). Prints a markdown section.
// Run: node --import tsx bench/profile.ts [--repo DIR] [--tsx] [--seconds N] [--label TEXT]
//        [--operation gci|gcisession|listusers|assumerole|authorize] [--top N]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { OPERATIONS, callerIdentity, makeFixture, type OperationId } from './cluster-load-fixture.ts';
import { signRequest, sendOnce } from './cluster-load-request.ts';
import { runLoadClient } from './cluster-load-runner.ts';
import { cpuMs } from './process-cpu.ts';
import { BENCH_ROOT, ensureCompiled } from './servers.ts';

const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    repo: { type: 'string', default: HERE },
    tsx: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '8' },
    connections: { type: 'string', default: '32' },
    label: { type: 'string', default: '' },
    operation: { type: 'string', default: 'gci' },
    top: { type: 'string', default: '12' },
  },
});
const ACCOUNT = '123456789012';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a function's self time goes, by its script and name. */
const CATEGORIES: [string, (url: string, fn: string) => boolean][] = [
  ['idle', (_u, f) => f === '(idle)'],
  ['garbage collection', (_u, f) => f === '(garbage collector)'],
  ['SigV4 verification (our JavaScript)', (u) => u.includes('/authn/sigv4/')],
  ['SHA-256 and HMAC (node:crypto)', (u) => u.includes('internal/crypto/')],
  [
    'socket writes',
    (u, f) =>
      /^(writev|writeGeneric|writeUtf8String|writeLatin1String|writeBuffer)$/.test(f) ||
      u.includes('internal/stream_base_commons'),
  ],
  ['HTTP server (node:http)', (u) => /node:_http_|internal\/http|_http_/.test(u)],
  ['request log (pino)', (u) => /pino|sonic-boom|thread-stream/.test(u)],
  ['audit trail', (u) => u.includes('/audit/')],
  ['policy engine and authorization', (u) => u.includes('/policy/') || u.includes('/authz/')],
  ['other authentication (keys, sessions)', (u) => u.includes('/authn/')],
  ['protocol (decode, XML)', (u) => u.includes('/protocol/')],
  ['server pipeline', (u) => u.includes('/server/')],
  ['other Tessera code', (u) => u.includes('/src/') || u.includes('/dist/')],
  ['other Node.js and libraries', () => true],
];

function summarise(profile: CpuProfile): {
  byCategory: Map<string, number>;
  top: [string, number][];
  busy: number;
} {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const { functionName: fn, url } = byId.get(id)!.callFrame;
    const category = CATEGORIES.find(([, test]) => test(url, fn))![0];
    byCategory.set(category, (byCategory.get(category) ?? 0) + us);
    if (category !== 'idle') busy += us;
    const name = `${fn || '(anonymous)'} ${url.split('/').slice(-2).join('/')}`;
    if (category !== 'idle') byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  }
  const top = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(args.top));
  return { byCategory, top, busy };
}

async function main(): Promise<void> {
  const repo = path.resolve(args.repo);
  if (!args.tsx && repo === HERE) ensureCompiled();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-profile-'));
  const profDir = mkdtempSync(path.join(tmpdir(), 'tessera-cpuprof-'));
  const script = args.tsx ? ['--import', 'tsx', 'src/cli/main.ts'] : ['dist/cli/main.js'];
  const load = loadavg()[0]!.toFixed(2);
  const child = spawn(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${profDir}`, ...script, 'serve', '--port', '0'],
    {
      cwd: repo,
      env: {
        ...process.env,
        TESSERA_DATA_DIR: dataDir,
        TESSERA_DATABASE_URL: '',
        TESSERA_ROOT_ACCESS_KEY_ID: BENCH_ROOT.accessKeyId,
        TESSERA_ROOT_SECRET_ACCESS_KEY: BENCH_ROOT.secretAccessKey,
        TESSERA_ACCOUNT_ID: ACCOUNT,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      out = (out + s).slice(-4096);
      const m = /Tessera listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`tessera serve exited (${code}) before listening`)));
  });
  child.stdout.resume();
  try {
    const id = args.operation as OperationId;
    if (!(id in OPERATIONS)) throw new Error(`--operation: one of ${Object.keys(OPERATIONS).join(', ')}`);
    const op =
      id === 'gci'
        ? callerIdentity(ACCOUNT)
        : (await makeFixture(url, { users: 100, authorizeApi: id === 'authorize' })).operations[id]!;
    const signed = await signRequest(url, op.template);
    const first = await sendOnce(url, signed);
    const problem = op.check(first.status, first.body);
    if (problem) throw new Error(problem);
    const opts = { connections: Number(args.connections), timeoutS: 10, mode: 'keep-alive' as const };
    await runLoadClient(url, signed, { ...opts, durationS: 2 }); // warm-up
    const cpuBefore = cpuMs(child.pid);
    const result = await runLoadClient(url, signed, { ...opts, durationS: Number(args.seconds) });
    const serverCpuUs = ((cpuMs(child.pid) - cpuBefore) * 1000) / result.requests;
    child.kill('SIGTERM');
    await once(child, 'exit');
    const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('the server wrote no CPU profile');
    const { byCategory, top, busy } = summarise(
      JSON.parse(readFileSync(path.join(profDir, file), 'utf8')) as CpuProfile,
    );
    const pct = (us: number) => `${((100 * us) / busy).toFixed(1)}%`;
    console.log(
      `### ${args.label || (args.tsx ? 'through tsx' : 'compiled')}\n\nMeasured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with ` +
        `\`node --import tsx bench/profile.ts${args.tsx ? ' --tsx' : ''}\` (server from ${args.tsx ? 'src/ through tsx' : 'dist/'}${repo === HERE ? '' : `, checkout ${path.basename(repo)}`}) ` +
        `on ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; load average ${load} when the run began, ` +
        `${loadavg()[0]!.toFixed(2)} when it ended. ${OPERATIONS[id]} at ${args.connections} connections for ${args.seconds} s: ` +
        `${Math.round(result.perSecond).toLocaleString('en-US')} req/s, p99 ${result.p99Ms} ms, ${result.non2xx} non-2xx; ` +
        `server CPU ${Math.round(serverCpuUs)} µs per request.\n`,
    );
    console.log('| Where the server was busy (self time) | Share of busy time |\n| --- | ---: |');
    for (const [name] of CATEGORIES) {
      const us = byCategory.get(name) ?? 0;
      if (name !== 'idle' && us > 0) console.log(`| ${name} | ${pct(us)} |`);
    }
    console.log('\n| Busiest functions (self time) | Share |\n| --- | ---: |');
    for (const [name, us] of top) console.log(`| \`${name.replace(/\|/g, '\\|')}\` | ${pct(us)} |`);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    if (process.env.KEEP_PROFILE === undefined) rmSync(profDir, { recursive: true, force: true });
    else console.error(`profile kept in ${profDir}`);
  }
}

await main();
