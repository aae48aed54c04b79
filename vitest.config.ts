// Vitest configuration: every test under test/, run in forked processes, with one global setup
// (test/global-setup.ts) that provides PostgreSQL and finds the external programs once per run.
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files of tests that drive the AWS CLI (…cli.test.ts): the longest files of the suite. */
const DRIVES_CLI = /(?:^|[/-])cli\.test\.ts$/;

/**
 * Vitest's order (longest first by the last run's durations), except that files driving the AWS CLI
 * always start first: a run that skipped them left them no duration, and last they would be the tail.
 */
class ExternalFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const first = (f: TestSpecification) => DRIVES_CLI.test(f.moduleId);
    return [...sorted.filter(first), ...sorted.filter((f) => !first(f))];
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Vitest's default (one worker fewer than cores) is a single worker on 2 cores; much of a
    // test's time is spent waiting on a server, PostgreSQL or a CLI process, so 3 workers pay.
    maxWorkers: 3,
    sequence: { sequencer: ExternalFirstSequencer },
    // a guard against hangs, not a performance bound: with 146 files on 2 cores a test that starts
    // servers or processes can take tens of seconds
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
