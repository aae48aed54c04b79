// `npm run bench:fuzz`: a million fast-check inputs per parser — the Query decoder, SigV4 parsing and
// verification, the policy parser, SAML XML and JWTs (the targets of test/fuzz/) — counting crashes
// (a throw that is not the documented error, or an answer not AWS-shaped) and timing each; printed and
// written to the `## Fuzzing` section of bench/RESULTS.md. `--runs 10000` for a quick run,
// `--target saml` for one parser, `--seed 7` to vary the inputs, `--no-write` to leave RESULTS.md alone.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { describeThrown, type FuzzTarget } from '../test/fuzz/support/fuzz-target.ts';
import { jwtTarget } from '../test/fuzz/support/jwt-target.ts';
import { policyTarget } from '../test/fuzz/support/policy-target.ts';
import { queryDecodeTarget } from '../test/fuzz/support/query-decode-target.ts';
import { samlTarget } from '../test/fuzz/support/saml-target.ts';
import { sigv4Target } from '../test/fuzz/support/sigv4-target.ts';

const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');
const HEADING = '## Fuzzing';
const BATCH = 10_000;

const TARGETS: Record<string, () => FuzzTarget<unknown> | Promise<FuzzTarget<unknown>>> = {
  query: queryDecodeTarget as () => FuzzTarget<unknown>,
  sigv4: sigv4Target as () => Promise<FuzzTarget<unknown>>,
  policy: policyTarget as () => FuzzTarget<unknown>,
  saml: samlTarget as () => FuzzTarget<unknown>,
  jwt: jwtTarget as () => Promise<FuzzTarget<unknown>>,
};

interface TargetResult {
  key: string;
  name: string;
  inputs: number;
  crashes: number;
  accepted: number;
  /** Refusals by error code. */
  refused: Map<string, number>;
  seconds: number;
  slowestMs: number;
  firstCrashes: string[];
}

async function fuzz(key: string, runs: number, seed: number): Promise<TargetResult> {
  const target = await TARGETS[key]!();
  const result: TargetResult = {
    key,
    name: target.name,
    inputs: 0,
    crashes: 0,
    accepted: 0,
    refused: new Map(),
    seconds: 0,
    slowestMs: 0,
    firstCrashes: [],
  };
  const started = performance.now();
  for (let batch = 0; result.inputs < runs; batch++) {
    const inputs = fc.sample(target.inputs, {
      numRuns: Math.min(BATCH, runs - result.inputs),
      seed: seed + batch,
    });
    for (const input of inputs) {
      const t = performance.now();
      try {
        const outcome = await target.run(input);
        if (outcome.accepted) result.accepted++;
        else result.refused.set(outcome.code ?? '?', (result.refused.get(outcome.code ?? '?') ?? 0) + 1);
      } catch (err) {
        result.crashes++;
        if (result.firstCrashes.length < 5)
          result.firstCrashes.push(`${describeThrown(err)} on ${JSON.stringify(input)?.slice(0, 500)}`);
      }
      result.slowestMs = Math.max(result.slowestMs, performance.now() - t);
      result.inputs++;
    }
    if (process.stdout.isTTY) process.stdout.write(`\r  ${key}: ${result.inputs} / ${runs}`);
  }
  result.seconds = (performance.now() - started) / 1000;
  if (process.stdout.isTTY) process.stdout.write('\r');
  return result;
}

function machine(): string {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpuModel =
      /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux: keep os.cpus()'s model
  }
  let cpus = os.availableParallelism();
  try {
    cpus = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || cpus;
  } catch {
    // no nproc: keep Node's count
  }
  return `${cpus} CPUs (\`nproc\` = ${cpus}; ${cpuModel}), Node ${process.version}, ${os.type()} ${os.release()} ${os.arch()}`;
}

const outcomes = (r: TargetResult) =>
  [
    `${r.accepted} accepted`,
    ...[...r.refused].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${n} ${code}`),
  ].join(', ');

function section(results: TargetResult[], runs: number, seed: number, loadBefore: string): string {
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${r.inputs} | ${r.crashes} | ${r.seconds.toFixed(1)} | ${((r.seconds * 1e6) / r.inputs).toFixed(1)} | ${r.slowestMs.toFixed(1)} | ${outcomes(r)} |`,
  );
  const crashes = results.flatMap((r) => r.firstCrashes.map((c) => `- ${r.key}: ${c}`));
  return [
    HEADING,
    '',
    `Measured ${date} with \`node --import tsx bench/fuzz.ts --runs ${runs} --seed ${seed}\` (bench/fuzz.ts) on ${machine()}; load average ${loadBefore} when the run began, ${os.loadavg()[0]!.toFixed(2)} when it ended.`,
    '',
    '| Parser | Inputs | Crashes | Time s | µs/input | Slowest input ms | Outcomes |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    crashes.length
      ? `First crashes:\n\n${crashes.join('\n')}`
      : 'No crash: every input was answered with the documented outcome, AWS-shaped.',
    '',
    'How: the inputs are those of the fuzz tests in test/fuzz/ (test/fuzz/support/*-target.ts), drawn with fast-check in batches of 10,000 (seed, seed + 1, …): valid inputs with one or more structured edits (signed requests with a part corrupted, corpus policies with JSON and text edits, signed SAML Responses and IdP metadata with XML edits, signed JWTs with header or payload edits, signed again or not) and random bytes. A crash is a throw other than the documented error type (AwsError, SigV4Error, MetadataError; none for the policy parser), an error code outside the documented set, a message or position that is not AWS-shaped, or an accepted input that should not be (a tampered signature, body or token; a SAML Response read with values its IdP did not sign). Time includes generating the inputs; "slowest input" is the longest single run (a hang would show there; on this shared machine the slowest figures include garbage-collection pauses and did not repeat when rerun). "unsignable" counts JWT edits whose header jose refuses to sign again (nothing to verify).',
  ].join('\n');
}

/** Replaces (or appends) this file's `## Fuzzing` section, leaving every other section as it is. */
function writeSection(file: string, body: string): void {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === HEADING);
  if (start === -1) {
    writeFileSync(file, `${text.trimEnd()}\n\n${body.trimEnd()}\n`);
    return;
  }
  let end = lines.findIndex((l, i) => i > start && /^#{1,2} /.test(l));
  if (end === -1) end = lines.length;
  const before = lines.slice(0, start).join('\n').trimEnd();
  const after = lines.slice(end).join('\n').trim();
  writeFileSync(file, `${before}\n\n${body.trimEnd()}\n${after ? `\n${after}\n` : ''}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '1000000' },
      target: { type: 'string', multiple: true },
      seed: { type: 'string', default: '1' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  const seed = Number(values.seed);
  const keys = values.target ?? Object.keys(TARGETS);
  for (const k of keys)
    if (!TARGETS[k]) throw new Error(`unknown target ${k}; known: ${Object.keys(TARGETS).join(', ')}`);
  const loadBefore = os.loadavg()[0]!.toFixed(2);
  const results: TargetResult[] = [];
  for (const key of keys) {
    const r = await fuzz(key, runs, seed);
    results.push(r);
    console.log(
      `${r.name}: ${r.inputs} inputs, ${r.crashes} crashes, ${r.seconds.toFixed(1)} s (slowest input ${r.slowestMs.toFixed(1)} ms; ${outcomes(r)})`,
    );
    for (const c of r.firstCrashes) console.log(`  crash: ${c}`);
  }
  if (!values['no-write']) {
    writeSection(RESULTS, section(results, runs, seed, loadBefore));
    console.log(`Wrote the Fuzzing section of ${RESULTS}`);
  }
  if (results.some((r) => r.crashes > 0)) process.exitCode = 1;
}

await main();
