// Runs the real `tessera serve` command as a child process (for crash tests and the benchmark):
// port 0, data and root credentials from the environment, the URL read from its first line; from
// the TypeScript sources through tsx, or (benchmarks) from the compiled JavaScript `npm start` runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../src/config/defaults.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const MAX_STDOUT = 1024 * 1024;

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the child wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** What the child wrote to stdout (the banner, then the JSON log; the latest 512 KiB of a long one). */
  stdout(): string;
  /** Kills the child with `signal` and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServerProcessOptions {
  /** Run dist/cli/main.js (built by `npm run build`) instead of the sources through tsx. */
  compiled?: boolean;
  /** Options for node itself (`--cpu-prof`, say), before the script. */
  nodeArgs?: readonly string[];
}

/**
 * Starts `node --import tsx src/cli/main.ts serve --port 0` on `config`'s data and root key; `extraEnv`
 * adds settings (TESSERA_TLS_CERT, say).
 */
export async function startServerProcess(
  config: Config,
  timeoutMs = 30_000,
  extraEnv: NodeJS.ProcessEnv = {},
  opts: ServerProcessOptions = {},
): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TESSERA_DATA_DIR: config.dataDir,
    TESSERA_DATABASE_URL: config.databaseUrl ?? '',
    TESSERA_ROOT_ACCESS_KEY_ID: config.rootAccessKeyId ?? '',
    TESSERA_ROOT_SECRET_ACCESS_KEY: config.rootSecretAccessKey ?? '',
    TESSERA_ACCOUNT_ID: config.accountId,
    ...extraEnv,
  };
  const script = opts.compiled ? ['dist/cli/main.js'] : ['--import', 'tsx', 'src/cli/main.ts'];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...script, 'serve', '--port', '0'], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = once(child, 'exit');
  exited.catch(() => undefined);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tessera serve printed no URL within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    let listening = false;
    child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      // keep the banner and the latest log: a benchmark's server writes a line per request, and
      // keeping (and searching) all of it would slow the client that drives it
      stdout = stdout.length + s.length > MAX_STDOUT ? (stdout + s).slice(-MAX_STDOUT / 2) : stdout + s;
      if (listening) return;
      const m = /Tessera listening on (https?:\/\/\S+)/.exec(stdout);
      if (m) {
        listening = true;
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`tessera serve exited (${signal ?? code}) before listening; stderr: ${stderr}`));
    });
  });
  return {
    url,
    child,
    stderr: () => stderr,
    stdout: () => stdout,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
