// Vitest global setup, once per run: the PostgreSQL every test file uses (found or started, and
// stopped at the end), the external programs (AWS CLI v1/v2, Chromium) found, one line for each
// missing, and the web console built from its sources (the browser tests drive the built app).
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { selectBackends } from './support/backends.ts';
import { detectPrograms, missingLine, requireExternal, skipExternal } from './support/external-programs.ts';
import { dropRunSchemas, provideTestPostgres, type TestPostgres } from './support/test-postgres.ts';

let postgres: TestPostgres | undefined;
/** This run's id: the prefix of its PostgreSQL schemas, which the teardown drops. */
const run = `${Date.now().toString(36)}${process.pid.toString(36)}`;

export async function setup(project: TestProject): Promise<void> {
  if (requireExternal() && skipExternal())
    throw new Error('TESSERA_REQUIRE_EXTERNAL=1 and TESSERA_SKIP_EXTERNAL=1 contradict each other');
  const backends = selectBackends(process.env);
  const [programs, pg] = await Promise.all([
    detectPrograms(process.env),
    backends.includes('postgres') ? provideTestPostgres(process.env) : undefined,
    buildConsole(),
  ]);
  postgres = pg;
  if (postgres) {
    // Forked test workers inherit the environment as it is after this setup.
    process.env.TESSERA_TEST_PG_URL = postgres.url;
    process.env.TESSERA_TEST_RUN = run;
    if (postgres.source.startsWith('a throwaway')) log(`PostgreSQL: ${postgres.source}.`);
  }
  project.provide('externalPrograms', programs);
  if (skipExternal()) {
    log('External programs (AWS CLI v1, v2) are not run: TESSERA_SKIP_EXTERNAL=1.');
    return;
  }
  for (const status of Object.values(programs)) if (!status.found) log(missingLine(status));
}

export async function teardown(): Promise<void> {
  if (postgres) await dropRunSchemas(postgres.url, run);
  await postgres?.stop();
  postgres = undefined;
}

/** `npm run build:console`: dist/console/ from console/, as the server serves it. */
async function buildConsole(): Promise<void> {
  await build({
    configFile: new URL('../console/vite.config.ts', import.meta.url).pathname,
    logLevel: 'warn',
  });
}

function log(line: string): void {
  process.stderr.write(`[tessera tests] ${line}\n`);
}
