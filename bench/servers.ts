// The two servers the benchmark compares, each in its own process: Tessera (`tessera serve` on
// SQLite in a temp dir, from the compiled JavaScript `npm start` runs) and moto's standalone server.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/load.ts';
import { startServerProcess } from '../test/support/server-process.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface BenchServer {
  name: string;
  url: string;
  /** The server's process id, when it runs in a process of its own (for its CPU time). */
  pid?: number;
  stop(): Promise<void>;
}

export const BENCH_ROOT = {
  accessKeyId: 'AKIABENCHROOTKEY0001',
  secretAccessKey: 'benchsecretbenchsecretbenchsecretbench00',
};

const REPO = path.resolve(HERE, '..');

/** The newest modification time of a file under `dir`. */
function newestUnder(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds dist/ (`npm run build:server`) unless it is newer than src/. */
export function ensureCompiled(): void {
  let built = 0;
  try {
    built = statSync(path.join(REPO, 'dist/cli/main.js')).mtimeMs;
  } catch {
    // not built yet
  }
  if (built > newestUnder(path.join(REPO, 'src'))) return;
  console.error('Compiling src/ into dist/ (npm run build:server) …');
  execFileSync('npm', ['run', 'build:server'], { cwd: REPO, stdio: 'inherit' });
}

/** `tessera serve` on SQLite in a new temp dir (or `dataDir`), with `env` added (TESSERA_AUDIT=false, say). */
export async function startTessera(
  opts: { name?: string; env?: NodeJS.ProcessEnv; dataDir?: string } = {},
): Promise<BenchServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'tessera-bench-'));
  const config = {
    ...loadConfig({}, {}),
    dataDir,
    rootAccessKeyId: BENCH_ROOT.accessKeyId,
    rootSecretAccessKey: BENCH_ROOT.secretAccessKey,
  };
  ensureCompiled();
  const proc = await startServerProcess(config, 30_000, opts.env ?? {}, { compiled: true });
  return {
    name: opts.name ?? 'Tessera',
    url: proc.url,
    ...(proc.child.pid !== undefined ? { pid: proc.child.pid } : {}),
    async stop() {
      await proc.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startMoto(): Promise<BenchServer> {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    if (stderr.length < 10_000) stderr += s;
  });
  const exited = once(child, 'exit');
  exited.catch(() => undefined);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto.server exited (${child.exitCode}): ${stderr}`);
    try {
      if ((await fetch(`${url}/moto-api/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`moto.server did not answer within 30 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    name: 'moto',
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The canned-reply stub (bench/stub-server.ts) in its own process. */
export async function startStub(): Promise<BenchServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'stub-server.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  exited.catch(() => undefined);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`stub server exited (${code}) before listening`)));
  });
  return {
    name: 'stub (canned reply)',
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export function motoVersion(): string {
  return execFileSync('python3', ['-c', 'import moto; print(moto.__version__)'], { encoding: 'utf8' }).trim();
}

async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const address = srv.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((r) => srv.close(r));
  return port;
}
