// The data directory's permissions: created 0700, the SQLite files in it 0600, and one warning line
// at start for each that group or other users may read.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/** Mode of a data directory Tessera creates: its owner only. */
export const DATA_DIR_MODE = 0o700;
/** Mode of the database files Tessera creates: its owner only. */
export const DATA_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) with mode 0700 whatever the umask; an existing one is left alone. */
export function ensureDataDir(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: DATA_DIR_MODE });
  chmodSync(dir, DATA_DIR_MODE);
}

/**
 * Creates `file` empty with mode 0600 unless it exists. SQLite gives the -wal and -shm files it creates
 * later the mode of their database file, so they are 0600 too.
 */
export function createPrivateFile(file: string): void {
  try {
    closeSync(openSync(file, 'wx', DATA_FILE_MODE));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/**
 * The warnings for a data directory and its files that group or others may access: one line per path
 * that exists, naming its mode and the command that tightens it. Modes are reported, never changed.
 */
export function looseModeWarnings(dataDir: string, files: readonly string[]): string[] {
  const lines: string[] = [];
  const dirMode = modeOf(dataDir);
  if (dirMode !== undefined && (dirMode & 0o077) !== 0)
    lines.push(
      `Tessera: warning: data directory ${dataDir} is mode ${octal(dirMode)}, open to other users; ` +
        `it holds the database and keys: chmod 700 ${dataDir}`,
    );
  for (const file of files) {
    const mode = modeOf(file);
    if (mode !== undefined && (mode & 0o077) !== 0)
      lines.push(`Tessera: warning: ${file} is mode ${octal(mode)}, open to other users: chmod 600 ${file}`);
  }
  return lines;
}

/** Prints `looseModeWarnings` with console.warn, one line each. */
export function warnLooseModes(dataDir: string, files: readonly string[]): void {
  for (const line of looseModeWarnings(dataDir, files)) console.warn(line);
}

function modeOf(p: string): number | undefined {
  try {
    return statSync(p).mode & 0o777;
  } catch {
    return undefined;
  }
}

const octal = (mode: number) => `0${mode.toString(8).padStart(3, '0')}`;
