// The benchmark's report: the machine it ran on, the results table, the median of repeated runs, and
// writing a section of bench/RESULTS.md (`## Server`, `## Audit trail` …; other sections are kept as they are).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { format, resolveConfig } from 'prettier';
import type { LoadResult } from './load.ts';

export interface Row {
  operation: string;
  concurrency: number;
  server: string;
  result: LoadResult;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  ramGiB: number;
  os: string;
  node: string;
  moto: string;
  date: string;
  /** One-minute load average when the run began (other work on the machine skews figures). */
  loadAverage: string;
}

export function describeMachine(moto: string): Machine {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpuModel = m[1]!.trim();
  } catch {
    // not Linux: keep os.cpus()'s model
  }
  let cpus = os.availableParallelism();
  try {
    cpus = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || cpus;
  } catch {
    // no nproc: keep Node's count
  }
  return {
    cpus,
    cpuModel,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    moto,
    loadAverage: os.loadavg()[0]!.toFixed(2),
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  };
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

export function markdownTable(rows: Row[]): string {
  const lines = [
    '| Operation | Concurrency | Server | Requests | req/s | p50 ms | p90 ms | p99 ms | Errors |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const { operation, concurrency, server, result: r } of rows)
    lines.push(
      `| ${operation} | ${concurrency} | ${server} | ${r.requests} | ${fmt(r.perSecond, 0)} | ${fmt(r.p50Ms)} | ${fmt(r.p90Ms)} | ${fmt(r.p99Ms)} | ${r.errors} |`,
    );
  return lines.join('\n');
}

/** A plain-text table for the terminal. */
export function consoleTable(rows: Row[]): string {
  const head = ['Operation', 'Conc', 'Server', 'Requests', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'Errors'];
  const body = rows.map(({ operation, concurrency, server, result: r }) => [
    operation,
    String(concurrency),
    server,
    String(r.requests),
    fmt(r.perSecond, 0),
    fmt(r.p50Ms),
    fmt(r.p90Ms),
    fmt(r.p99Ms),
    String(r.errors),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** Replaces (or appends) the `## Server` section of `file`. */
export function writeServerSection(file: string, section: string): Promise<void> {
  return writeSection(file, '## Server', section);
}

/**
 * Replaces (or appends) the section under `heading` of `file`, keeping every other section, and formats
 * the file with the repository's prettier settings (so `prettier --check .` passes after a run).
 */
export async function writeSection(file: string, heading: string, section: string): Promise<void> {
  const body = section.startsWith(heading) ? section : `${heading}\n\n${section}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  let out: string;
  if (start === -1) {
    out = `${text.trimEnd()}\n\n${body.trimEnd()}\n`;
  } else {
    let end = lines.findIndex((l, i) => i > start && /^#{1,2} /.test(l));
    if (end === -1) end = lines.length;
    const before = lines.slice(0, start).join('\n').trimEnd();
    const after = lines.slice(end).join('\n').trim();
    out = `${before ? before + '\n\n' : ''}${body.trimEnd()}\n${after ? '\n' + after + '\n' : ''}`;
  }
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(out, { ...options, filepath: file }));
}

/** The middle of `xs` once sorted (the upper of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('the median of no values');
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}
