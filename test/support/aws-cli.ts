// Runs the real AWS CLI (v1 from pip on PATH, v2 from Debian's awscli at /usr/bin/aws) against a
// test server: isolated from any local AWS configuration, JSON output parsed.
import { execFile } from 'node:child_process';
import { accessSync, constants, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Credentials } from './test-server.ts';

export type CliVersion = 'v1' | 'v2';

export const CLI_VERSIONS: CliVersion[] = ['v1', 'v2'];

/** Where CI installs AWS CLI v2 (`apt-get install awscli` on Debian 12 gives 2.9). */
export const AWS_CLI_V2 = '/usr/bin/aws';

export interface CliResult {
  /** The process's exit code. */
  status: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON; undefined when stdout is empty. */
  json: unknown;
}

export interface AwsCli {
  version: CliVersion;
  /** The executable that runs. */
  executable: string;
  /** `aws --version`'s line, e.g. "aws-cli/2.9.19 Python/3.11.2 …". */
  versionLine: string;
  /** Runs `aws <args> --endpoint-url <url> --output json`; never throws on a non-zero exit. */
  run(args: string[]): Promise<CliResult>;
  /** Like run, but throws with the CLI's stderr unless it exited 0; returns the parsed JSON. */
  json<T = Record<string, unknown>>(args: string[]): Promise<T>;
}

/**
 * Finds the CLI of the given major version and binds it to `url` and `creds`. Throws, naming what
 * to install, when that CLI is not there: a missing CLI must fail the suite, not skip it.
 */
export async function awsCli(version: CliVersion, url: string, creds: Credentials): Promise<AwsCli> {
  const executable = version === 'v2' ? AWS_CLI_V2 : findOnPath('aws', [AWS_CLI_V2]);
  if (!executable || !isExecutable(executable))
    throw new Error(
      version === 'v2'
        ? `AWS CLI v2 not found at ${AWS_CLI_V2}: install it with \`apt-get install -y awscli\``
        : 'AWS CLI v1 not found on PATH: install it with `pip install awscli`',
    );
  const env = cliEnv(creds);
  const probe = await exec(executable, ['--version'], env);
  const versionLine = (probe.stdout + probe.stderr).trim();
  const major = /^aws-cli\/(\d+)\./.exec(versionLine)?.[1];
  if (major !== version.slice(1))
    throw new Error(`${executable} is "${versionLine}", not AWS CLI ${version}`);

  const run = async (args: string[]): Promise<CliResult> => {
    const r = await exec(executable, [...args, '--endpoint-url', url, '--output', 'json'], env);
    const text = r.stdout.trim();
    let json: unknown;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        throw new Error(`aws ${args.join(' ')} printed non-JSON output: ${text}\n${r.stderr}`);
      }
    }
    return { ...r, json };
  };
  return {
    version,
    executable,
    versionLine,
    run,
    async json<T>(args: string[]): Promise<T> {
      const r = await run(args);
      if (r.status !== 0) throw new Error(`aws ${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
      return (r.json ?? {}) as T;
    },
  };
}

/** The CLI's environment: the test credentials and region, and no config or credentials files. */
function cliEnv(creds: Credentials): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  return {
    ...env,
    AWS_ACCESS_KEY_ID: creds.accessKeyId,
    AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
    ...(creds.sessionToken ? { AWS_SESSION_TOKEN: creds.sessionToken } : {}),
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Runs a process without blocking the event loop (the server under test shares it). */
function exec(
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

/** The first `name` on PATH that is not (a link to) one of `exclude`. */
function findOnPath(name: string, exclude: string[]): string | undefined {
  const excluded = new Set(exclude.map(realPath));
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
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
