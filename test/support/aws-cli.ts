// Runs the real AWS CLI (v1 from pip on PATH, v2 from Debian's awscli at /usr/bin/aws) against a
// test server: isolated from any local AWS configuration, JSON output parsed.
import type { SuiteOptions } from 'vitest';
import { getCurrentSuite } from 'vitest/suite';
import type { Backend, Credentials } from './test-server.ts';
import {
  AWS_CLI_V2_PATH,
  describeWith,
  itWith,
  PROGRAMS,
  programStatus,
  run as exec,
  type ProgramId,
} from './external-programs.ts';

export type CliVersion = 'v1' | 'v2';

export const CLI_VERSIONS: CliVersion[] = ['v1', 'v2'];

/** Where CI installs AWS CLI v2 (`apt-get install awscli` on Debian 12 gives 2.9). */
export const AWS_CLI_V2 = AWS_CLI_V2_PATH;

const programOf = (version: CliVersion): ProgramId => (version === 'v1' ? 'aws-cli-v1' : 'aws-cli-v2');

/**
 * `describe` for tests of one CLI version: they run when it is installed, and are skipped (the
 * global setup prints one line naming what to install) when it is not, unless
 * TESSERA_REQUIRE_EXTERNAL=1, under which `awsCli` fails them.
 */
export const describeWithCli = (version: CliVersion) => describeWith(programOf(version));

/** `it` for one test of a CLI version, skipped like `describeWithCli`. */
export const itWithCli = (version: CliVersion) => itWith(programOf(version));

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
 * to install, when that CLI is not there (tests skip before that unless CI requires the CLI).
 */
export async function awsCli(version: CliVersion, url: string, creds: Credentials): Promise<AwsCli> {
  const program = PROGRAMS[programOf(version)];
  const status = programStatus(program.id);
  if (!status.found) throw new Error(`${program.name} ${status.reason}: install it with ${program.install}`);
  const { executable } = status;
  const env = cliEnv(creds);
  // The global setup ran `--version` once for the whole run; only a file run without it probes.
  let versionLine = status.versionLine;
  if (!versionLine) {
    const probe = await exec(executable, ['--version'], env);
    versionLine = (probe.stdout + probe.stderr).trim();
    if (!program.versionPattern.test(versionLine))
      throw new Error(`${executable} is "${versionLine}", not ${program.name}`);
  }

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

/**
 * `describe.each` over [CLI version, backend] cases, each case skipped like `describeWithCli`
 * when its CLI is not installed. The cases are independent (a server and a CLI each), so they run
 * side by side, as concurrent suites; the tests within a case still run in order.
 */
export function describeEachCli(cases: readonly (readonly [CliVersion, Backend])[]) {
  type Body = (version: CliVersion, backend: Backend) => void;
  return (name: string, ...rest: [SuiteOptions, Body] | [Body]) => {
    const [options, fn] = rest.length === 2 ? rest : [{}, rest[0]];
    for (const c of cases)
      describeWithCli(c[0]).each([c])(name, options, (version: CliVersion, backend: Backend) => {
        // Only the suite is marked: `concurrent` in its options would make its tests concurrent too.
        const suite = getCurrentSuite().suite;
        if (suite) suite.concurrent = true;
        fn(version, backend);
      });
  };
}
