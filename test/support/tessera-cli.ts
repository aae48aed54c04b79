// Runs the `tessera` command as a separate process against a data directory (SQLite, or PostgreSQL when
// a database URL is given), as an operator would beside a server: its exit status and what it printed.
import { execFile } from 'node:child_process';
import path from 'node:path';

const MAIN = path.resolve(import.meta.dirname, '../../src/cli/main.ts');

export function runTessera(
  args: string[],
  dataDir: string,
  databaseUrl = '',
  /** What the command reads on standard input (a password), if anything. */
  input?: string,
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', MAIN, ...args],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, TESSERA_DATA_DIR: dataDir, TESSERA_DATABASE_URL: databaseUrl },
      },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') reject(err);
        else resolve({ status: err ? Number(err.code) : 0, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}
