// The external programs tests drive (AWS CLI v1 and v2, Chromium): where each is, whether it is the right
// version, and whether its tests run, skip with one line naming what to install, or (CI) fail.
import { execFile } from 'node:child_process';
import { accessSync, constants, realpathSync } from 'node:fs';
import path from 'node:path';
import { describe, inject, it } from 'vitest';

export type ProgramId = 'aws-cli-v1' | 'aws-cli-v2' | 'chromium';

export interface ExternalProgram {
  id: ProgramId;
  /** What a person calls it, e.g. "AWS CLI v2". */
  name: string;
  /** How to install it, as a command or a short instruction. */
  install: string;
  /** The environment variable that points the tests at another executable. */
  override: string;
  /** The executable, or undefined when none is installed. */
  locate(env: NodeJS.ProcessEnv): string | undefined;
  /** `--version` output that belongs to this program. */
  versionPattern: RegExp;
}

/** Where Debian's `apt-get install awscli` puts AWS CLI v2 (2.9 on Debian 12). */
export const AWS_CLI_V2_PATH = '/usr/bin/aws';

const awsCliV2Path = (env: NodeJS.ProcessEnv) => env.TESSERA_AWS_CLI_V2 || AWS_CLI_V2_PATH;

/** Where Debian's `apt-get install chromium` puts the browser the page tests drive. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const PROGRAMS: Record<ProgramId, ExternalProgram> = {
  'aws-cli-v1': {
    id: 'aws-cli-v1',
    name: 'AWS CLI v1',
    install: '`pip install awscli` (it must come first on PATH as `aws`)',
    override: 'TESSERA_AWS_CLI_V1',
    locate: (env) => env.TESSERA_AWS_CLI_V1 || findOnPath('aws', env.PATH ?? '', [awsCliV2Path(env)]),
    versionPattern: /^aws-cli\/1\./,
  },
  'aws-cli-v2': {
    id: 'aws-cli-v2',
    name: 'AWS CLI v2',
    install: `\`apt-get install -y awscli\` (Debian 12; it installs ${AWS_CLI_V2_PATH})`,
    override: 'TESSERA_AWS_CLI_V2',
    locate: (env) => awsCliV2Path(env),
    versionPattern: /^aws-cli\/2\./,
  },
  chromium: {
    id: 'chromium',
    name: 'Chromium',
    install: `\`apt-get install -y chromium\` (Debian 12; it installs ${CHROMIUM_PATH})`,
    override: 'TESSERA_CHROMIUM',
    locate: (env) => env.TESSERA_CHROMIUM || CHROMIUM_PATH,
    versionPattern: /^Chromium \d+/,
  },
};

/** What the global setup found for one program, handed to every test file. */
export type ProgramStatus =
  | { id: ProgramId; found: true; executable: string; versionLine: string }
  | { id: ProgramId; found: false; reason: string };

export type ExternalPrograms = Record<ProgramId, ProgramStatus>;

declare module 'vitest' {
  export interface ProvidedContext {
    externalPrograms: ExternalPrograms;
  }
}

/** TESSERA_REQUIRE_EXTERNAL=1 (CI): a missing program fails its tests instead of skipping them. */
export const requireExternal = (env: NodeJS.ProcessEnv = process.env) => env.TESSERA_REQUIRE_EXTERNAL === '1';

/** TESSERA_SKIP_EXTERNAL=1 (`npm run test:quick`): no external program runs, installed or not. */
export const skipExternal = (env: NodeJS.ProcessEnv = process.env) => env.TESSERA_SKIP_EXTERNAL === '1';

/** Finds and version-checks every program (once per test run: each probe starts a Python). */
export async function detectPrograms(env: NodeJS.ProcessEnv): Promise<ExternalPrograms> {
  const statuses = await Promise.all(
    Object.values(PROGRAMS).map((p) => (skipExternal(env) ? skippedStatus(p) : detect(p, env))),
  );
  return Object.fromEntries(statuses.map((s) => [s.id, s])) as ExternalPrograms;
}

function skippedStatus(program: ExternalProgram): ProgramStatus {
  return { id: program.id, found: false, reason: 'not run because TESSERA_SKIP_EXTERNAL=1' };
}

async function detect(program: ExternalProgram, env: NodeJS.ProcessEnv): Promise<ProgramStatus> {
  const executable = program.locate(env);
  if (!executable || !isExecutable(executable)) {
    const where = executable ? `not found at ${executable}` : 'not found on PATH';
    return { id: program.id, found: false, reason: where };
  }
  const probe = await run(executable, ['--version'], env);
  const versionLine = (probe.stdout + probe.stderr).trim().split('\n')[0] ?? '';
  if (probe.status !== 0 || !program.versionPattern.test(versionLine)) {
    const version = versionLine.split(' ')[0] || `exit status ${probe.status}`;
    return { id: program.id, found: false, reason: `not found (${executable} is ${version})` };
  }
  return { id: program.id, found: true, executable, versionLine };
}

/** The one line printed for a program that is missing: its tests skip, or fail in CI. */
export function missingLine(status: ProgramStatus & { found: false }): string {
  const program = PROGRAMS[status.id];
  const outcome = requireExternal()
    ? 'its tests FAIL because TESSERA_REQUIRE_EXTERNAL=1'
    : 'its tests are skipped (TESSERA_REQUIRE_EXTERNAL=1 makes this a failure)';
  return (
    `${program.name} ${status.reason}: ${outcome}. ` +
    `Install it with ${program.install}, or set ${program.override} to its path.`
  );
}

/** The status the global setup found; detected here only when a file runs without it. */
export function programStatus(id: ProgramId): ProgramStatus {
  const provided = inject('externalPrograms') as ExternalPrograms | undefined;
  const status = provided?.[id];
  if (status) return status;
  const executable = PROGRAMS[id].locate(process.env);
  return executable && isExecutable(executable)
    ? { id, found: true, executable, versionLine: '' }
    : { id, found: false, reason: 'not found' };
}

/** True when the program's tests should be skipped: it is missing and CI has not required it. */
export function skipWithout(id: ProgramId): boolean {
  if (skipExternal()) return true;
  return !programStatus(id).found && !requireExternal();
}

/** `describe` that skips (with the global setup's one line) when the program is not installed. */
export const describeWith = (id: ProgramId) => describe.skipIf(skipWithout(id));

/** `it` that skips (with the global setup's one line) when the program is not installed. */
export const itWith = (id: ProgramId) => it.skipIf(skipWithout(id));

/** Runs a process without blocking the event loop (the server under test shares it). */
export function run(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') reject(err);
      else resolve({ status: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

/** The first `name` on `searchPath` that is not (a link to) one of `exclude`. */
function findOnPath(name: string, searchPath: string, exclude: string[]): string | undefined {
  const excluded = new Set(exclude.map(realPath));
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate) && !excluded.has(realPath(candidate))) return candidate;
  }
  return undefined;
}

function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
