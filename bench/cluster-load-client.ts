// Owns the child process that drives load in the cluster load benchmark (bench/cluster-load.ts): it reads
// one job (a URL, a pre-signed request, connections, duration) as JSON from its argument, runs autocannon's
// API for it — or, for a server that closes every connection after its reply (moto's), a plain node:http
// loop per connection that opens a new connection for each request — and prints the result with this
// process's own CPU time during the run, as one line of JSON. Run apart from the servers and from the
// benchmark, it shares no event loop with either.
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';

export interface ClientJob {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  connections: number;
  durationS: number;
  timeoutS: number;
  /** `keep-alive`: autocannon; `new-connection`: one connection per request, for servers that close them. */
  mode: 'keep-alive' | 'new-connection';
}

/** The fields of autocannon's result that the benchmark reads, and the client's CPU time. */
export interface ClientReport {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  latency: { p50: number; p99: number };
  requests: { total: number };
  /** This process's user + system CPU time during the run, ms. */
  clientCpuMs: number;
}

type Autocannon = (opts: {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  duration: number;
  timeout: number;
}) => Promise<Omit<ClientReport, 'clientCpuMs'>>;

async function runAutocannon(job: ClientJob): Promise<Omit<ClientReport, 'clientCpuMs'>> {
  // autocannon is CommonJS without type declarations: its entry is the function typed above
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  return autocannon({
    url: job.url,
    method: job.method,
    headers: job.headers,
    body: job.body,
    connections: job.connections,
    duration: job.durationS,
    timeout: job.timeoutS,
  });
}

/** One request on a connection of its own; resolves with its status once the reply has been read. */
function sendOnNewConnection(url: URL, job: ClientJob): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        agent: false,
        host: url.hostname,
        port: url.port,
        method: job.method,
        path: url.pathname + url.search,
        headers: {
          ...job.headers,
          'content-length': String(Buffer.byteLength(job.body)),
          connection: 'close',
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.setTimeout(job.timeoutS * 1000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(job.body);
  });
}

/** `job.connections` loops, each sending the request on a new connection until the duration is up. */
async function runNewConnections(job: ClientJob): Promise<Omit<ClientReport, 'clientCpuMs'>> {
  const url = new URL(job.url);
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const start = performance.now();
  const deadline = start + job.durationS * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const status = await sendOnNewConnection(url, job);
        latencies.push(performance.now() - t0);
        if (status < 200 || status > 299) non2xx++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: job.connections }, loop));
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN);
  return {
    duration: (performance.now() - start) / 1000,
    errors,
    timeouts: 0,
    non2xx,
    latency: { p50: at(0.5), p99: at(0.99) },
    requests: { total: latencies.length },
  };
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as ClientJob;
  const cpu = process.cpuUsage();
  const result = job.mode === 'keep-alive' ? await runAutocannon(job) : await runNewConnections(job);
  const used = process.cpuUsage(cpu);
  const report: ClientReport = {
    duration: result.duration,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    latency: { p50: result.latency.p50, p99: result.latency.p99 },
    requests: { total: result.requests.total },
    clientCpuMs: (used.user + used.system) / 1000,
  };
  process.stdout.write(JSON.stringify(report) + '\n');
}

await main();
