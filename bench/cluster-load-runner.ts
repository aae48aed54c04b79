// Owns starting the load generator of the cluster load benchmark (bench/cluster-load.ts): a child process
// of its own (bench/cluster-load-client.ts: autocannon, so it shares no event loop with any server) sending
// one pre-signed request; and the measures read beside it — a process's CPU time from /proc.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientJob, ClientReport } from './cluster-load-client.ts';
import type { SignedRequest } from './cluster-load-request.ts';

const CLIENT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cluster-load-client.ts');

export interface ClientResult {
  /** Completed requests (any status). */
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Socket errors and timeouts. */
  errors: number;
  /** The client process's own CPU time during the run, ms. */
  clientCpuMs: number;
}

export interface ClientOptions {
  connections: number;
  durationS: number;
  /** Seconds the client waits for one reply before counting a timeout. */
  timeoutS: number;
  /** autocannon (`keep-alive`), or a new connection per request for servers that close each one. */
  mode: ClientJob['mode'];
}

/** Loads `url` with `signed` for `opts.durationS` seconds from a child process (autocannon, unless `opts.mode` says otherwise). */
export async function runLoadClient(
  url: string,
  signed: SignedRequest,
  opts: ClientOptions,
): Promise<ClientResult> {
  const job: ClientJob = {
    url: new URL(signed.path, url).toString(),
    method: signed.method,
    headers: signed.headers,
    body: signed.body,
    ...opts,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', CLIENT, JSON.stringify(job)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    if (stderr.length < 10_000) stderr += s;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`autocannon client exited (${code}): ${stderr}`);
  const report = JSON.parse(stdout) as ClientReport;
  const requests = report.requests.total;
  return {
    requests,
    seconds: report.duration,
    perSecond: requests / report.duration,
    p50Ms: report.latency.p50,
    p99Ms: report.latency.p99,
    non2xx: report.non2xx,
    errors: report.errors + report.timeouts,
    clientCpuMs: report.clientCpuMs,
  };
}

/**
 * The pid of a child of this process whose command line contains `needle` (moto's and the stub's
 * servers, which bench/servers.ts starts without telling their pid).
 */
export function childPid(needle: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(needle)) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}
